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
public static class AssessmentRename
{
    public const int MaximumLength = 200;

    /// <summary>The new name, cleaned (control characters become spaces) and trimmed; null with a message under "name".</summary>
    public static string? Check(string? name, IDictionary<string, string> errors)
    {
        var cleaned = PlainText.Line(name).Trim();
        if (cleaned.Length == 0)
        {
            errors["name"] = "Give the assessment a name, for example \u201cQ3 sales health check\u201d.";
            return null;
        }

        if (cleaned.Length > MaximumLength)
        {
            errors["name"] = $"Use at most {MaximumLength} characters for the name (this one has {cleaned.Length}).";
            return null;
        }

        return cleaned;
    }

    /// <summary>Renames; returns the change for the audit log ("old" → "new"), or null when the name is the same.</summary>
    public static string? Apply(Assessment assessment, string name)
    {
        if (string.Equals(assessment.Name, name, StringComparison.Ordinal))
        {
            return null;
        }

        var change = $"\u201c{PlainText.Line(assessment.Name)}\u201d \u2192 \u201c{name}\u201d";
        assessment.Name = name;
        return change;
    }
}

public sealed class RenameModel(AppDbContext db, AuditLog audit) : OrganizationPageModel
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
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AssessmentRename.Check(Name, errors) is not { } name)
        {
            ModelState.AddModelError(nameof(Name), errors["name"]);
            return Page();
        }

        if (AssessmentRename.Apply(assessment, name) is { } change)
        {
            audit.Record(OrganizationId, CurrentUser, "assessment renamed", change);
            await db.SaveChangesAsync();
        }

        return Redirect($"/assessments/{id}");
    }

    private Task<Assessment?> FindAsync(Guid id) => db.Assessments.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == OrganizationId);
}
