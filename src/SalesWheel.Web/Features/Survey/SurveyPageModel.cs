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

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ViewData["Respondent"] = true; // the layout hides the admin navigation
        // Answers must not stay in a shared computer's cache. These are exactly the headers antiforgery sets on a page
        // with a form: set anything else and it overrides them and logs a warning on every page (at load, that console
        // line was the costliest part of a survey page).
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";

        var link = await SurveyLink.FindAsync(Db, context.RouteData.Values["token"] as string, context.HttpContext.RequestAborted);
        var status = link?.Status ?? LinkStatus.NotFound;
        if (status != LinkStatus.Open)
        {
            context.Result = Gate(status, link);
            return;
        }

        Link = link!;
        await next();
    }

    /// <summary>The page for a link that cannot be answered.</summary>
    protected ViewResult Gate(LinkStatus status, SurveyLink? link)
    {
        var closedOn = link?.Assessment is { } a
            ? a.ClosedAt is { } at ? DateOnly.FromDateTime(at) : a.CloseDate
            : null;
        return new ViewResult
        {
            ViewName = GateView,
            StatusCode = status switch
            {
                LinkStatus.NotFound => StatusCodes.Status404NotFound,
                LinkStatus.Closed => StatusCodes.Status410Gone,
                _ => StatusCodes.Status200OK,
            },
            ViewData = new ViewDataDictionary<SurveyGate>(ViewData, new SurveyGate(status, link?.Organization.Name, link?.Assessment.Name, closedOn)),
        };
    }

    /// <summary>
    /// Saves the draft with a change applied and the furthest page reached, creating it on the first save, and counts
    /// the invitation as started.
    /// </summary>
    protected async Task SaveDraftAsync(Action<SurveyDraft> change, int reached)
    {
        var cancellationToken = HttpContext.RequestAborted;
        var created = Link.Draft is null;
        var draft = Link.Draft is { } saved
            ? Db.SurveyDrafts.Attach(saved).Entity // as read with the link: only what this page changes is written
            : Db.SurveyDrafts.Add(new SurveyDraft { InvitationId = Link.Invitation.Id, Answers = new byte[Plan.ItemCount] }).Entity;
        Apply(draft);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (created)
        {
            // Another tab created the draft at the same moment: apply this page to theirs.
            Db.ChangeTracker.Clear();
            draft = await Db.SurveyDrafts.SingleAsync(d => d.InvitationId == Link.Invitation.Id, cancellationToken);
            Apply(draft);
            await Db.SaveChangesAsync(cancellationToken);
        }

        Link.Draft = draft;
        if (Link.Invitation.State == InvitationState.Invited)
        {
            await Db.Invitations.Where(i => i.Id == Link.Invitation.Id && i.State == InvitationState.Invited)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, InvitationState.Started), cancellationToken);
        }

        void Apply(SurveyDraft d)
        {
            if (d.Answers.Length != Plan.ItemCount)
            {
                var resized = new byte[Plan.ItemCount];
                d.Answers.AsSpan(0, Math.Min(d.Answers.Length, resized.Length)).CopyTo(resized);
                d.Answers = resized;
            }

            change(d);
            d.Page = Math.Clamp(Math.Max(d.Page, reached), 1, Plan.PageCount);
            d.UpdatedAt = DateTime.UtcNow;
        }
    }
}
