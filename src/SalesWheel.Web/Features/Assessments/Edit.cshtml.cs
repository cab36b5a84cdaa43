using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>Edits a draft's name, form, close date and the invitation's note and sender name, with the new assessment form's fields and rules.</summary>
public sealed class EditModel(AppDbContext db, DraftEdit edit) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    /// <summary>As typed, so a refused value comes back unchanged. Teams and roles are not edited here.</summary>
    [BindProperty]
    public NewModel.AssessmentForm Form { get; set; } = new();

    public Assessment Assessment { get; private set; } = null!;

    /// <summary>Why this assessment cannot be edited (not a draft), shown instead of the form.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        Assessment = assessment;
        Refusal = DraftEdit.Refusal(assessment);
        Form = new NewModel.AssessmentForm
        {
            Name = SalesWheel.Core.Text.PlainText.Line(assessment.Name),
            Instrument = assessment.QuickForm ? "quick" : "full",
            CloseDate = assessment.CloseDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Note = assessment.InvitationNote,
            SenderName = assessment.SenderName,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        Assessment = assessment;
        ModelState.Clear(); // the use case checks every rule, with messages in our words
        var outcome = await edit.EditAsync(OrganizationId, Actor.Of(CurrentUser), assessment, Form.Name, Form.Instrument, Form.CloseDate, Form.Note, Form.SenderName, cancellationToken);
        if (outcome.Assessment is null)
        {
            Refusal = DraftEdit.Refusal(assessment);
            outcome.Errors.ShowOn(ModelState, field => field switch
            {
                "name" => "Form.Name",
                "instrument" => "Form.Instrument",
                "closeDate" => "Form.CloseDate",
                "note" => "Form.Note",
                "senderName" => "Form.SenderName",
                _ => "",
            });
            return Page();
        }

        return Redirect($"/assessments/{id}");
    }

    private Task<Assessment?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Assessments.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == OrganizationId, cancellationToken);
}
