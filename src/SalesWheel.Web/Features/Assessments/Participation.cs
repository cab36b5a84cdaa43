using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// Who has taken part, as counts only. Teams and roles with fewer invitees than the minimum group size are merged
/// into one "smaller groups" row (with complementary suppression from <see cref="Anonymity"/>), and so is any row that
/// the other breakdown would give away by subtraction (<see cref="Anonymity.HideAcrossBreakdowns"/>: say the merged
/// row minus a role made of one team), so no one's participation can be singled out.
/// </summary>
public sealed record Participation(ParticipationCount Overall, IReadOnlyList<ParticipationCount> ByTeam, IReadOnlyList<ParticipationCount> ByRole, int MinimumGroupSize)
{
    public const string SmallerGroups = "Smaller groups combined";

    /// <summary>Some team or role (shown or merged) received more answers than people were counted in it.</summary>
    public bool AnyGroupAboveHeadcount { get; init; }

    /// <summary>The assessment's participation, with groups hidden as for <paramref name="minimumGroupSize"/>, the assessment's own (<see cref="Data.MinimumGroupSizes.Of"/>).</summary>
    public static async Task<Participation> LoadAsync(AppDbContext db, Guid assessmentId, int minimumGroupSize, CancellationToken cancellationToken = default)
    {
        var k = Anonymity.EffectiveMinimumGroupSize(null, minimumGroupSize); // never below the lowest, whoever calls
        var rows = await db.Invitations.AsNoTracking().Where(i => i.AssessmentId == assessmentId)
            .GroupBy(i => new { i.Team, i.Role, i.State, i.Kind })
            .Select(g => new Row(g.Key.Team, g.Key.Role, g.Key.State, g.Key.Kind, g.Count(), 0))
            .ToListAsync(cancellationToken);
        // "Started" counts browsers that saved a page (a receipt after submitting included), not invitations: whoever
        // opens someone else's link and saves a page always adds one, so the count cannot tell them whether that person
        // had begun.
        var browsers = await (from d in db.SurveyDrafts
                              join i in db.Invitations on d.InvitationId equals i.Id
                              where i.AssessmentId == assessmentId
                              group d by new { i.Team, i.Role } into g
                              select new Row(g.Key.Team, g.Key.Role, InvitationState.Started, InvitationKind.OpenLink, 0, g.Count()))
            .ToListAsync(cancellationToken);
        rows.AddRange(browsers);
        return From(rows, k) with
        {
            // Counted on every team and role before small ones are merged, so padding a small group still shows. Behind an
            // open link, "(not given)" is where people of teams and roles too small to be offered answer (and anyone
            // who would rather not say): it is flagged once it holds more answers than those people.
            AnyGroupAboveHeadcount = new Func<Row, string>[] { r => r.Team, r => r.Role }.Any(key =>
            {
                var groups = rows.GroupBy(r => key(r).Trim(), StringComparer.Ordinal).Select(g => (g.Key, Count: Count(g.Key, g))).ToList();
                var notGivenPeople = groups.Where(g => g.Key.Length == 0 || g.Count.Invited < k).Sum(g => g.Count.Invited);
                return groups.Any(g => g.Count.Submitted > (g.Key.Length > 0 ? g.Count.Invited : notGivenPeople));
            }),
        };
    }

    /// <summary>The counts of invitations grouped by team, role and state, with the minimum group size <paramref name="k"/> applied.</summary>
    private static Participation From(List<Row> rows, int k)
    {
        // People invited per team × role are what an insider knows (the org chart); started and submitted are the secrets.
        // A cell holds at least as many people as began there (behind an open link, more may come than were counted).
        string[] Key(Row row) => [row.Team.Trim(), row.Role.Trim()];
        var values = Enumerable.Range(0, 2).Select(b => rows.Select(r => Key(r)[b]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()).ToArray();
        var groups = values.Select((list, b) => rows.GroupBy(r => list.IndexOf(Key(r)[b])).OrderBy(g => g.Key).ToList()).ToArray();
        var hidden = groups.Select(list => Anonymity.SuppressedGroups(list.Select(g => Count("", g).Invited).ToList(), k)).ToArray();
        var cells = rows.GroupBy(r => (Team: values[0].IndexOf(Key(r)[0]), Role: values[1].IndexOf(Key(r)[1])))
            .Select(c => (c.Key, Count: Count("", c)))
            .Select(c => new PopulationCell([c.Key.Team, c.Key.Role], Math.Max(c.Count.Invited, c.Count.Started)))
            .ToList();
        var shownOrHidden = Anonymity.HideAcrossBreakdowns(cells, hidden, k);
        return new Participation(Count("Everyone", rows), Breakdown(groups[0], values[0], shownOrHidden[0]), Breakdown(groups[1], values[1], shownOrHidden[1]), k);
    }

    private static ParticipationCount Count(string label, IEnumerable<Row> rows, bool merged = false)
    {
        int invited = 0, browsers = 0, submitted = 0;
        foreach (var row in rows)
        {
            // Behind an open link, the people in the audience are the invited and the browsers that came are the answers.
            invited += row.Kind is InvitationKind.OpenLink ? 0 : row.Count;
            submitted += row.State is InvitationState.Submitted && row.Kind is not InvitationKind.Headcount ? row.Count : 0;
            browsers += row.Browsers;
        }

        // Once closed, drafts and receipts are gone: then everyone who submitted had started.
        var started = Math.Max(browsers, submitted);

        return new ParticipationCount(label, invited, started, submitted, merged);
    }

    private static List<ParticipationCount> Breakdown(List<IGrouping<int, Row>> groups, List<string> values, bool[] hidden)
    {
        var shown = groups.Where(g => !hidden[g.Key]).Select(g => Count(ResultFormat.Value(values[g.Key]), g)).ToList();
        if (hidden.Any(h => h))
        {
            shown.Add(Count(SmallerGroups, groups.Where(g => hidden[g.Key]).SelectMany(g => g), merged: true));
        }

        return shown;
    }

    private sealed record Row(string Team, string Role, InvitationState State, InvitationKind Kind, int Count, int Browsers);
}

/// <summary>One row of participation: how many were asked, began, and submitted.</summary>
public sealed record ParticipationCount(string Label, int Invited, int Started, int Submitted, bool Merged = false)
{
    /// <summary>More answers than people invited: an open link was used more than once (or by someone outside the group).</summary>
    public bool AboveHeadcount => Submitted > Invited && Label != ResultFormat.Value(""); // anyone may say "(not given)"

    /// <summary>Submitted as a share of invited, in whole percent.</summary>
    public string Rate => Invited == 0 ? "–" : ResultFormat.Percent((double)Submitted / Invited);
}
