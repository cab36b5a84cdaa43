using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// One assessment: its details and participation for every member; open, remind and close for admins (remind and close
/// after their confirmation pages). Each action redirects (Post/Redirect/Get): personal links exist only as hashes in
/// the database, so links just made go to <see cref="LinksModel"/> for a short time, and a reload repeats nothing.
/// </summary>
public sealed class DetailModel(
    AppDbContext db,
    AssessmentActions actions,
    ShownOnce shownOnce,
    IOptions<SalesWheelOptions> options) : OrganizationPageModel
{
    public Assessment Assessment { get; private set; } = null!;

    public Audience Audience { get; private set; } = null!;

    /// <summary>People who match the audience today (what opening would invite).</summary>
    public int AudienceSize { get; private set; }

    public bool HasPeople { get; private set; }

    public int Responses { get; private set; }

    public Participation? Participation { get; private set; }

    /// <summary>Signs of insider padding (links opened by signed-in members, people added just before opening).</summary>
    public LinkSignals? Signals { get; private set; }

    public bool HasLinksFile { get; private set; }

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public string OutboxFolder => options.Value.OutboxFolder;

    public bool HasResults => Assessment.Status == AssessmentStatus.Closed || Responses > 0;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(OrganizationId, id, toChange: false, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        Done = TempData["Notice"] as string;
        return await ShowAsync(assessment, cancellationToken);
    }

    public Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, actions.OpenAsync, cancellationToken);

    public Task<IActionResult> OnPostOpenWithLinkAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, actions.OpenWithOpenLinkAsync, cancellationToken);

    public Task<IActionResult> OnPostRemindAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, actions.RemindAsync, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, actions.CloseAsync, cancellationToken);

    /// <summary>
    /// Does the action, then redirects: to the links page when links were made for the admin (no mail server, emails
    /// that failed, an open link), else back to this page with what was done. A refusal changed nothing and is shown here.
    /// </summary>
    private async Task<IActionResult> ActAsync(
        Guid id,
        Func<Organization, Assessment, Actor, CancellationToken, Task<ActionOutcome>> action,
        CancellationToken cancellationToken)
    {
        var (assessment, refusal) = await FindToChangeAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var outcome = await action(Organization, assessment, Actor.Of(CurrentUser), cancellationToken);
        if (outcome.Problem is not null)
        {
            Problem = outcome.Problem;
            return await ShowAsync(assessment, cancellationToken);
        }

        if (outcome.OpenLink is not null || outcome.Links is { Count: > 0 })
        {
            var key = await shownOnce.KeepAsync(OrganizationId, CurrentUser.Id, ShownLinks.From(assessment.Id, outcome), cancellationToken);
            return Redirect($"/assessments/{assessment.Id}/links/{key}");
        }

        TempData["Notice"] = outcome.Done;
        return Redirect($"/assessments/{assessment.Id}");
    }

    /// <summary>The assessment to act on: 404 when it is not this organization's, 403 below admin.</summary>
    private async Task<(Assessment Assessment, IActionResult? Refusal)> FindToChangeAsync(Guid id, CancellationToken cancellationToken)
    {
        var assessment = await actions.FindAsync(OrganizationId, id, toChange: CanAdminister, cancellationToken);
        return assessment is null ? (null!, NotFound()) : !CanAdminister ? (assessment, Forbid()) : (assessment, null);
    }

    private async Task<IActionResult> ShowAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        Assessment = assessment;
        Audience = Audience.Of(assessment);
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == OrganizationId).ToListAsync(cancellationToken);
        HasPeople = people.Count > 0;
        AudienceSize = people.Count(Audience.Includes);
        Responses = await Data.Submissions.CountAsync(db, assessment.Id, cancellationToken);
        if (assessment.Status != AssessmentStatus.Draft && !assessment.Uploaded)
        {
            Participation = await Participation.LoadAsync(db, assessment.Id, Data.MinimumGroupSizes.Of(assessment, Organization), cancellationToken);
            Signals = await LinkSignals.LoadAsync(db, assessment, cancellationToken);
        }

        HasLinksFile = CanAdminister && await InvitationLinks.AnyAsync(db, assessment.Id, cancellationToken);
        return Page();
    }
}
