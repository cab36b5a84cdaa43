using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// The links that opening or reminding just made for the admin to pass on (no mail server, emails that failed, an open
/// link), read with a GET after the action's redirect: a reload shows them again and re-issues nothing. They are kept
/// for <see cref="ShownOnce.Lifetime"/>, for the member who made them only (anyone else: 404); after that the
/// page says they are gone and where to get links again.
/// </summary>
public sealed class LinksModel(ShownOnce shownOnce, IMailer mailer, Microsoft.Extensions.Options.IOptions<SalesWheelOptions> options) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public Guid AssessmentId { get; private set; }

    /// <summary>The links, or null when they are gone.</summary>
    public ShownLinks? Shown { get; private set; }

    public DateTimeOffset Until { get; private set; }

    public bool MailDelivers => mailer.Delivers;

    public string OutboxFolder => options.Value.OutboxFolder;

    public async Task<IActionResult> OnGetAsync(Guid id, string key, CancellationToken cancellationToken)
    {
        var (state, shown, until) = await shownOnce.FindAsync<ShownLinks>(key, OrganizationId, CurrentUser.Id, cancellationToken);
        if (state == ShownOnceState.NotYours || (shown is not null && shown.AssessmentId != id))
        {
            return NotFound();
        }

        // The page carries live links: keep it out of every cache (and its "gone" answer too, so no copy outlives them).
        Response.Headers.CacheControl = "no-store";
        AssessmentId = id;
        Shown = shown;
        Until = until;
        return Page();
    }
}

/// <summary>What an action made for the admin to pass on, kept for the links page.</summary>
public sealed record ShownLinks(Guid AssessmentId, string? Done, IReadOnlyList<InvitationLink> Links, string? LinksFile, int NotSent, string? OpenLink)
{
    public static ShownLinks From(Guid assessmentId, ActionOutcome outcome) =>
        new(assessmentId, outcome.Done, outcome.Links ?? [], outcome.LinksFile, outcome.NotSent, outcome.OpenLink);
}
