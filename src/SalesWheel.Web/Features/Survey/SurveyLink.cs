using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Survey;

/// <summary>What a personal survey link leads to.</summary>
public enum LinkStatus
{
    /// <summary>Malformed, unknown, or its assessment is not open yet.</summary>
    NotFound,

    /// <summary>The assessment was closed, or its close date has passed.</summary>
    Closed,

    /// <summary>Answers were already submitted with this link.</summary>
    Submitted,

    /// <summary>The survey can be answered.</summary>
    Open,
}

/// <summary>A personal link resolved: the invitation, its assessment and organization, and the saved draft if any.</summary>
public sealed class SurveyLink
{
    public required string Token { get; init; }

    public required Invitation Invitation { get; init; }

    public required Assessment Assessment { get; init; }

    public required Organization Organization { get; init; }

    /// <summary>The answers saved so far (not tracked: a page that saves attaches it); null before the first save.</summary>
    public SurveyDraft? Draft { get; set; }

    public required SurveyPlan Plan { get; init; }

    /// <summary>The organization's minimum group size, as the engine applies it (never below 3).</summary>
    public int MinimumGroupSize => Math.Max(Anonymity.LowestMinimumGroupSize, Organization.MinimumGroupSize);

    public LinkStatus Status =>
        Invitation.State == InvitationState.Submitted ? LinkStatus.Submitted // a submitted link says so even after closing
        : ResultsRelease.IsClosed(Assessment, ResultsRelease.Today) ? LinkStatus.Closed
        : LinkStatus.Open;

    /// <summary>The saved answers, one byte per item in instrument order (a fresh copy, always of the instrument's length).</summary>
    public byte[] Answers
    {
        get
        {
            var answers = new byte[Plan.ItemCount];
            if (Draft?.Answers is { } saved)
            {
                saved.AsSpan(0, Math.Min(saved.Length, answers.Length)).CopyTo(answers);
            }

            return answers;
        }
    }

    // Compiled once: every survey request runs this query, and EF otherwise looks the query up in its cache by
    // comparing expression trees on each call. It reads only the columns the survey pages use, into entities that are
    // not tracked: materializing and tracking the four whole rows was about 8 % of the server's CPU under load. A page
    // that saves the draft attaches it first.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<LinkRow?>> FindByHash = EF.CompileAsyncQuery(
        (AppDbContext db, string hash, CancellationToken cancellationToken) =>
            (from i in db.Invitations
             join a in db.Assessments on i.AssessmentId equals a.Id
             join o in db.Organizations on a.OrganizationId equals o.Id
             join draft in db.SurveyDrafts on i.Id equals draft.InvitationId into drafts
             from d in drafts.DefaultIfEmpty()
             where i.TokenHash == hash && a.Status != AssessmentStatus.Draft
             select new LinkRow
             {
                 I = new Invitation { Id = i.Id, AssessmentId = i.AssessmentId, TokenHash = i.TokenHash, Role = i.Role, Team = i.Team, State = i.State },
                 A = new Assessment
                 {
                     Id = a.Id, OrganizationId = a.OrganizationId, Name = a.Name, Status = a.Status, CloseDate = a.CloseDate, ClosedAt = a.ClosedAt,
                     QuickForm = a.QuickForm, Uploaded = a.Uploaded, InstrumentJson = a.InstrumentJson,
                 },
                 O = new Organization { Id = o.Id, Name = o.Name, MinimumGroupSize = o.MinimumGroupSize },
                 D = d == null ? null : new SurveyDraft { InvitationId = d.InvitationId, Answers = d.Answers, Comment = d.Comment, Page = d.Page, UpdatedAt = d.UpdatedAt },
             })
            .FirstOrDefault());

    /// <summary>Finds the link's invitation by the hash of its token; null for a malformed or unknown token, or an assessment not yet open.</summary>
    public static async Task<SurveyLink?> FindAsync(AppDbContext db, string? token, CancellationToken cancellationToken)
    {
        if (!Tokens.LooksValid(token))
        {
            return null;
        }

        var row = await FindByHash(db, Tokens.Hash(token!), cancellationToken);
        return row is null
            ? null
            : new SurveyLink { Token = token!, Invitation = row.I, Assessment = row.A, Organization = row.O, Draft = row.D, Plan = SurveyPlan.For(row.A) };
    }
}

/// <summary>One row of the link query: the columns the survey uses, in untracked entities.</summary>
internal sealed class LinkRow
{
    public required Invitation I { get; init; }

    public required Assessment A { get; init; }

    public required Organization O { get; init; }

    public SurveyDraft? D { get; init; }
}

/// <summary>What the link page shows when the survey cannot be answered.</summary>
public sealed record SurveyGate(LinkStatus Status, string? Organization, string? Assessment, DateOnly? ClosedOn);
