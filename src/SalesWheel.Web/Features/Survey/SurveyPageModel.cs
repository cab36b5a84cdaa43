using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Survey;

/// <summary>
/// Base of every page at /s/{token}: resolves the personal link before any handler runs, and answers for the link
/// itself when the survey cannot be answered (unknown → 404, closed → 410, already submitted → 200), so each page
/// only deals with an open survey.
/// </summary>
public abstract class SurveyPageModel(AppDbContext db) : PageModel
{
    private const string GateView = "/Features/Survey/_Gate.cshtml";

    protected AppDbContext Db { get; } = db;

    public SurveyLink Link { get; private set; } = null!;

    public SurveyPlan Plan => Link.Plan;

    public string Token => Link.Token;

    /// <summary>The cookie holding this browser's secret, which seals its drafts (the server never stores it).</summary>
    public const string BrowserCookie = RespondentBrowser.Cookie;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ViewData["Respondent"] = true; // the layout hides the admin navigation
        // Answers must not stay in a shared computer's cache. These are exactly the headers antiforgery sets on a page
        // with a form: set anything else and it overrides them and logs a warning on every page (at load, that console
        // line was the costliest part of a survey page).
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";

        var secret = RespondentBrowser.Secret(HttpContext);
        var link = await SurveyLink.FindAsync(Db, context.RouteData.Values["token"] as string, secret, context.HttpContext.RequestAborted);
        var status = link?.Status ?? LinkStatus.NotFound;
        if (link is not null)
        {
            await NoteSignedInMemberAsync(link);
        }

        if (status != LinkStatus.Open)
        {
            // The thank-you page and a closed link say when results come and show the participant summary once released.
            var summary = status is LinkStatus.Submitted or LinkStatus.Closed
                ? await ParticipantSummary.ForAsync(Db, HttpContext.RequestServices.GetRequiredService<AssessmentScoring>(), link!.Assessment.Id, context.HttpContext.RequestAborted)
                : null;
            context.Result = Gate(ViewData, status, link?.Organization, link?.Assessment, summary);
            return;
        }

        Link = link!;
        await next();
    }

    // Insider padding (a member answering for people whose links they hold) cannot be prevented outright, so it is made
    // visible: a link opened in a browser signed in to the same organization is counted on the participation page.
    private async Task NoteSignedInMemberAsync(SurveyLink link)
    {
        if (link.Invitation.OpenedBySignedInMemberAt is not null
            || User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is not { } userId)
        {
            return;
        }

        var cancellationToken = HttpContext.RequestAborted;
        if (await Db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == link.Organization.Id, cancellationToken))
        {
            var now = DateTime.UtcNow;
            await Db.Invitations.Where(i => i.Id == link.Invitation.Id && i.OpenedBySignedInMemberAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.OpenedBySignedInMemberAt, now), cancellationToken);
            link.Invitation.OpenedBySignedInMemberAt = now;
        }
    }

    /// <summary>The page for a link that cannot be answered.</summary>
    protected ViewResult Gate(LinkStatus status, SurveyLink? link) => Gate(ViewData, status, link?.Organization, link?.Assessment);

    /// <summary>The page for a personal or open link that cannot be answered (the one view of both).</summary>
    internal static ViewResult Gate(ViewDataDictionary viewData, LinkStatus status, Organization? organization, Assessment? assessment, ParticipantSummary? summary = null)
    {
        var closedOn = assessment is { } a
            ? a.ClosedAt is { } at ? DateOnly.FromDateTime(at) : a.CloseDate
            : null;
        return new ViewResult
        {
            ViewName = GateView,
            StatusCode = status switch
            {
                LinkStatus.NotFound => StatusCodes.Status404NotFound,
                LinkStatus.Closed => StatusCodes.Status410Gone,
                LinkStatus.AlreadyUsed => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status200OK,
            },
            ViewData = new ViewDataDictionary<SurveyGate>(viewData, new SurveyGate(status, organization?.Name, assessment?.Name, closedOn)
            {
                CloseDate = assessment?.CloseDate,
                MinimumGroupSize = assessment is not null && organization is not null ? MinimumGroupSizes.Of(assessment, organization) : 0,
                Summary = summary,
            }),
        };
    }

    /// <summary>
    /// Saves this browser's draft with a change applied and the furthest page reached (sealed with the browser's
    /// secret), creating it on the first save, and counts the invitation as started.
    /// </summary>
    protected async Task SaveDraftAsync(Func<DraftContent, DraftContent> change, int reached)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var current = Link.Draft ?? new DraftContent(new byte[Plan.ItemCount], null, 0);
        if (current.Answers.Length != Plan.ItemCount)
        {
            var resized = new byte[Plan.ItemCount];
            current.Answers.AsSpan(0, Math.Min(current.Answers.Length, resized.Length)).CopyTo(resized);
            current = current with { Answers = resized };
        }

        var next = change(current);
        next = next with { Page = Math.Clamp(Math.Max(next.Page, reached), 1, Plan.PageCount) };
        var sealedContent = DraftSeal.Seal(Link.BrowserSecret, Link.Invitation.Id, next);
        var invitationId = Link.Invitation.Id;
        var browserId = Link.BrowserId;
        var updated = Link.HasStoredDraft
            ? await Db.SurveyDrafts.Where(d => d.InvitationId == invitationId && d.BrowserId == browserId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.Sealed, sealedContent), cancellationToken)
            : 0;
        if (updated == 0)
        {
            Db.SurveyDrafts.Add(new SurveyDraft { InvitationId = invitationId, BrowserId = browserId, Sealed = sealedContent });
            try
            {
                await Db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another tab of this browser created it at the same moment: this page's save wins.
                Db.ChangeTracker.Clear();
                await Db.SurveyDrafts.Where(d => d.InvitationId == invitationId && d.BrowserId == browserId)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Sealed, sealedContent), cancellationToken);
            }
        }

        Link.Draft = next;
        Link.HasStoredDraft = true;
        if (Link.Invitation.State == InvitationState.Invited)
        {
            await Db.Invitations.Where(i => i.Id == invitationId && i.State == InvitationState.Invited)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, InvitationState.Started), cancellationToken);
        }
    }
}
