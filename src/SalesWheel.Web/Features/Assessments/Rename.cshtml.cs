using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Text;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// Renaming an assessment (owners and admins, page and API, audited): the way to fix a name that came out wrong, for
/// instance one pasted with a control character. The same rules as a new assessment's name.
/// </summary>
public sealed class AssessmentRename(AppDbContext db, AuditLog audit)
{
    /// <summary>
    /// Gives the assessment the new name, cleaned (control characters become spaces) and trimmed, and records the change
    /// as "old" → "new" (nothing when it is the same); or nothing with a message under "name".
    /// </summary>
    public async Task<AssessmentOutcome> RenameAsync(Guid organizationId, Actor actor, Assessment assessment, string? name, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var cleaned = NewAssessment.CheckName(name, errors);

        if (!errors.IsEmpty)
        {
            return new AssessmentOutcome(null, errors);
        }

        if (!string.Equals(assessment.Name, cleaned, StringComparison.Ordinal))
        {
            var change = $"\u201c{PlainText.Line(assessment.Name)}\u201d \u2192 \u201c{cleaned}\u201d";
            assessment.Name = cleaned;
            audit.Record(organizationId, actor, "assessment renamed", change);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new AssessmentOutcome(assessment, errors);
    }
}

public sealed class RenameModel(AppDbContext db, AssessmentRename rename) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    /// <summary>As typed, so a refused name comes back to the person unchanged.</summary>
    [BindProperty]
    public string? Name { get; set; }

    public Assessment Assessment { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await FindAsync(id) is not { } assessment)
        {
            return NotFound();
        }

        Assessment = assessment;
        Name = PlainText.Line(assessment.Name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await FindAsync(id) is not { } assessment)
        {
            return NotFound();
        }

        Assessment = assessment;
        var outcome = await rename.RenameAsync(OrganizationId, Actor.Of(CurrentUser), assessment, Name, HttpContext.RequestAborted);
        if (outcome.Assessment is null)
        {
            outcome.Errors.ShowOn(ModelState, field => field == "name" ? nameof(Name) : "");
            return Page();
        }

        return Redirect($"/assessments/{id}");
    }

    private Task<Assessment?> FindAsync(Guid id) => db.Assessments.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == OrganizationId);
}
