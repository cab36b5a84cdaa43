using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>
/// A group shown in one breakdown must not give away a small group through another breakdown: with role and team both
/// shown, "managers" minus "team North" (all managers) is the one manager elsewhere.
/// </summary>
public sealed class AcrossBreakdownsTests
{
    private static readonly Instrument Small = TestData.Small();

    private static ResponseSet People(params (string Role, string Team, int Value, int Count)[] groups) =>
        TestData.Build(Small,
            groups.SelectMany(g => Enumerable.Range(0, g.Count).Select(_ =>
                (TestData.Answers(("A1", g.Value), ("A2", g.Value), ("B1", g.Value)), (Dictionary<string, string?>?)new() { ["role"] = g.Role, ["team"] = g.Team }))),
            "role", "team");

    private static ScoreReport Score(ResponseSet set, bool across, int k = 5) =>
        ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["role", "team"], MinimumGroupSize = k, SuppressAcrossBreakdowns = across });

    private static BreakdownGroup Group(ScoreReport report, string by, string value) =>
        report.Breakdowns.Single(b => b.By == by).Groups.Single(g => g.Value == value);

    [Fact]
    public void TheOnlyManagerOutsideTeamNorthCannotBeWorkedOutFromManagersMinusNorth()
    {
        // The reviewer's case: 5 sellers in East, 1 manager in West, 5 managers in North, 5 leaders in HQ.
        var set = People(("seller", "East", 4, 5), ("manager", "West", 1, 1), ("manager", "North", 5, 5), ("leader", "HQ", 3, 5));

        // What SCORING.md alone shows (the command line): managers (6) and North (5) both, so 6 × managers − 5 × North
        // gives the West manager's score exactly.
        var plain = Score(set, across: false);
        var managers = Group(plain, "role", "manager");
        var north = Group(plain, "team", "North");
        Assert.False(managers.Suppressed);
        Assert.False(north.Suppressed);
        var recovered = (6 * managers.Scores!["a"]!.Value) - (5 * north.Scores!["a"]!.Value);
        Assert.Equal(0, recovered, 9); // everyone answered 1 in West: the lowest score

        // Shared results: one of the two is hidden, so the subtraction is no longer possible.
        var shared = Score(set, across: true);
        Assert.True(Group(shared, "role", "manager").Suppressed || Group(shared, "team", "North").Suppressed);
        Assert.True(Group(shared, "team", "West").Suppressed);

        // Everything else is as SCORING.md has it, and the overall result is untouched.
        Assert.Equal(SalesWheel.Core.Reports.ScoreReportJson.Serialize(plain with { Breakdowns = [] }), SalesWheel.Core.Reports.ScoreReportJson.Serialize(shared with { Breakdowns = [] }));
        Assert.False(Group(shared, "role", "seller").Suppressed);
    }

    [Fact]
    public void GroupsThatDoNotNestAreLeftAsTheyAre()
    {
        // Sellers and managers spread over two teams: no team lies inside a role, no role inside a team.
        var set = People(("seller", "East", 4, 6), ("seller", "West", 3, 6), ("manager", "East", 2, 6), ("manager", "West", 5, 6));

        Assert.Equal(Score(set, across: false).Breakdowns.Select(b => b.Groups.Select(g => g.Suppressed).ToList()),
            Score(set, across: true).Breakdowns.Select(b => b.Groups.Select(g => g.Suppressed).ToList()));
    }

    /// <summary>Random teams of 0..9 people in each role × team cell.</summary>
    public sealed record Case(int[][] Cells, int MinGroup);

    private static Arbitrary<Case> Cases() =>
        (from roles in Gen.Choose(1, 4)
         from teams in Gen.Choose(1, 4)
         from cells in Gen.Elements(0, 0, 1, 2, 3, 5, 6, 9).ArrayOf(teams).ArrayOf(roles)
         from k in Gen.Choose(3, 6)
         select new Case(cells, k)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property NoShownGroupMinusTheShownGroupsInsideItLeavesFewerThanKPeople() => Prop.ForAll(Cases(), c =>
    {
        var groups = c.Cells.SelectMany((row, r) => row.Select((count, t) => ($"role{r}", $"team{t}", 1 + ((r + t) % 5), count))).Where(g => g.count > 0).ToArray();
        if (groups.Length == 0)
        {
            return true;
        }

        var set = People(groups);
        var plain = Score(set, across: false, c.MinGroup);
        var report = Score(set, across: true, c.MinGroup);
        var people = groups.SelectMany(g => Enumerable.Repeat((Role: g.Item1, Team: g.Item2), g.count)).ToList();
        string Of(string by, (string Role, string Team) person) => by == "role" ? person.Role : person.Team;

        foreach (var outer in report.Breakdowns)
        {
            var inner = report.Breakdowns.Single(b => b.By != outer.By);
            foreach (var g in outer.Groups.Where(g => !g.Suppressed))
            {
                var members = people.Where(p => Of(outer.By, p) == g.Value).ToList();
                var inside = inner.Groups.Where(h => !h.Suppressed && people.Where(p => Of(inner.By, p) == h.Value).All(p => Of(outer.By, p) == g.Value));
                var rest = members.Count - inside.Sum(h => h.N);
                if (rest > 0 && rest < c.MinGroup)
                {
                    return false;
                }
            }
        }

        // Only ever more hidden, never less, and the per-breakdown rule still holds.
        return plain.Breakdowns.Zip(report.Breakdowns).All(p => p.First.Groups.Zip(p.Second.Groups).All(g => !g.First.Suppressed || g.Second.Suppressed))
            && report.Breakdowns.All(b => b.Groups.All(g => g.Suppressed || g.N >= c.MinGroup));
    });
}
