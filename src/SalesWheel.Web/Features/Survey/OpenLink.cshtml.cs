using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Survey;

/// <summary>
/// An assessment's anonymous open link (/o/{token}): one link for everyone, so nobody holds a link that belongs to a
/// person. The respondent picks their team and role, and the browser gets a survey link of its own, derived from its
/// secret (<see cref="DraftSeal.LinkFor"/>): coming back with the same browser continues the same survey, so each
/// browser answers once. More answers than people in a group are flagged on the participation page.
/// </summary>
[EnableRateLimiting(RateLimits.Survey)]
public sealed class OpenLinkModel(AppDbContext db) : PageModel
{
    /// <summary>The value of "I'd rather not say" for team or role: the group "(not given)".</summary>
    public const string NotGiven = "-";

    public Assessment Assessment { get; private set; } = null!;

    public Organization Organization { get; private set; } = null!;

    /// <summary>The teams and roles of at least k of the people counted as invited, in value order.</summary>
    public IReadOnlyList<string> Teams { get; private set; } = [];

    public IReadOnlyList<string> Roles { get; private set; } = [];

    [BindProperty]
    public string? Team { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    public int MinimumGroupSize => MinimumGroupSizes.Of(Assessment, Organization);

    public SurveyPlan Plan => SurveyPlan.For(Assessment);

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(token, cancellationToken) is { } gate)
        {
            return gate;
        }

        var own = DraftSeal.LinkFor(RespondentBrowser.Secret(HttpContext), token);
        var ownHash = Tokens.Hash(own);
        if (await db.Invitations.AnyAsync(i => i.TokenHash == ownHash && i.AssessmentId == Assessment.Id, cancellationToken))
        {
            return Redirect("/s/" + own); // this browser has begun already: continue (or be thanked)
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (await ResolveAsync(token, cancellationToken) is { } gate)
        {
            return gate;
        }

        ModelState.Clear();
        var team = Pick(Team, Teams, nameof(Team), "team");
        var role = Pick(Role, Roles, nameof(Role), "role");
        if (team is null || role is null)
        {
            return Page();
        }

        var own = DraftSeal.LinkFor(RespondentBrowser.Secret(HttpContext), token);
        var hash = Tokens.Hash(own);
        if (!await db.Invitations.AnyAsync(i => i.TokenHash == hash, cancellationToken))
        {
            db.Invitations.Add(new Invitation
            {
                AssessmentId = Assessment.Id,
                TokenHash = hash,
                Role = role,
                Team = team,
                Kind = InvitationKind.OpenLink,
                State = InvitationState.Invited,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same browser pressed Start twice at once: the first one counts.
            }
        }

        return Redirect($"/s/{own}/1");
    }

    private string? Pick(string? posted, IReadOnlyList<string> choices, string field, string what)
    {
        if (posted == NotGiven)
        {
            return "";
        }

        if (posted is not null && choices.Contains(posted, StringComparer.Ordinal))
        {
            return posted;
        }

        ModelState.AddModelError(field, string.IsNullOrEmpty(posted)
            ? $"Choose your {what}, or \"I'd rather not say\"."
            : $"\"{posted}\" is not one of the {what}s of this survey. Choose one from the list, or \"I'd rather not say\".");
        return null;
    }

    // The open assessment behind the link, with its teams and roles; a gate page when there is none or it has closed.
    private async Task<IActionResult?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        ViewData["Respondent"] = true;
        Response.Headers.CacheControl = "no-cache, no-store";
        var hash = Tokens.LooksValid(token) ? Tokens.Hash(token) : null;
        var row = hash is not null
            ? await (from a in db.Assessments.AsNoTracking()
                     join o in db.Organizations.AsNoTracking() on a.OrganizationId equals o.Id
                     where a.OpenLinkTokenHash == hash && a.Status != AssessmentStatus.Draft
                     select new { a, o }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (row is null)
        {
            return Gate(LinkStatus.NotFound, null, null);
        }

        Assessment = row.a;
        Organization = row.o;
        if (ResultsRelease.IsClosed(Assessment, ResultsRelease.Today))
        {
            return Gate(LinkStatus.Closed, Organization, Assessment);
        }

        // Only teams and roles with at least k people counted are offered: anyone can open the link, so a team of one
        // could otherwise be filled up with made-up answers until it showed, and minus those, its one real person's.
        // People in smaller teams answer as "another team" (the group "(not given)").
        var groups = await db.Invitations.AsNoTracking().Where(i => i.AssessmentId == Assessment.Id && i.Kind == InvitationKind.Headcount)
            .Select(i => new { i.Team, i.Role }).ToListAsync(cancellationToken);
        var k = MinimumGroupSize;
        Teams = groups.GroupBy(g => g.Team).Where(g => g.Key.Length > 0 && g.Count() >= k).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        Roles = groups.GroupBy(g => g.Role).Where(g => g.Key.Length > 0 && g.Count() >= k).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        return null;
    }

    private ViewResult Gate(LinkStatus status, Organization? organization, Assessment? assessment) =>
        SurveyPageModel.Gate(ViewData, status, organization, assessment);

    /// <summary>How a team or role reads in the list.</summary>
    public static string Label(string value) => ResultFormat.Value(value);
}
