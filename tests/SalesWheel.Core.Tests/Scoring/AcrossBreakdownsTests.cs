using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>
/// Shared results must not let anyone work out a set of fewer than k respondents by setting breakdowns against each
/// other: an insider who knows how many people share each role × team × … combination attacks what the engine
/// publishes (<see cref="DifferencingAttack"/>) and must recover nothing.
/// </summary>
public sealed class AcrossBreakdownsTests
{
    private static readonly Instrument Small = TestData.Small();
    private static readonly string[] Attributes = ["role", "team", "tenure"];

    /// <summary>A respondent: attribute values and answers to A1, A2, A3 (reverse-keyed), B1, B2 (null = not answered).</summary>
    private sealed record Person(string[] Values, int?[] Answers)
    {
        /// <summary>The respondent's score 0–100 on dimension "a" or "b", or null when the mean is not defined (SCORING.md).</summary>
        public double? Score(string dimension)
        {
            var values = dimension == "a"
                ? new[] { Answers[0], Answers[1], 6 - Answers[2] }
                : new[] { Answers[3], Answers[4] };
            var answered = values.Where(v => v is not null).Select(v => v!.Value).ToList();
            return 2 * answered.Count >= values.Length ? 100.0 * (answered.Average() - 1) / 4 : null;
        }
    }

    private static ResponseSet Set(IEnumerable<Person> people, int attributes = 3) =>
        TestData.Build(Small,
            people.Select(p => (TestData.Answers(("A1", p.Answers[0]), ("A2", p.Answers[1]), ("A3", p.Answers[2]), ("B1", p.Answers[3]), ("B2", p.Answers[4])),
                (Dictionary<string, string?>?)Attributes[..attributes].Select((a, i) => (a, i)).ToDictionary(x => x.a, x => (string?)p.Values.ElementAtOrDefault(x.i)))),
            Attributes[..attributes]);

    private static ScoreReport Score(IReadOnlyList<Person> people, bool across, int k, int attributes = 3) =>
        ScoringEngine.Score(Set(people), new ScoringOptions { GroupBy = Attributes[..attributes], MinimumGroupSize = k, SuppressAcrossBreakdowns = across });

    private static IEnumerable<Person> Same(string role, string team, int value, int count, string tenure = "new") =>
        Enumerable.Range(0, count).Select(_ => new Person([role, team, tenure], [value, value, 6 - value, value, value]));

    /// <summary>
    /// Everything an insider can recover from the report: per dimension, the sets of 1..k−1 respondents whose score sum
    /// is a signed combination of published sums. The insider is given even who skipped which driver (the worst case), so
    /// a group's sum is its score times the number of its people with a defined mean.
    /// </summary>
    private static List<string> Recovered(IReadOnlyList<Person> people, ScoreReport report, int k)
    {
        var attributes = report.Breakdowns.Count;
        var cells = people.Select(p => string.Join("|", p.Values.Take(attributes))).Distinct().Order(StringComparer.Ordinal).ToList();
        var cellOf = people.Select(p => cells.IndexOf(string.Join("|", p.Values.Take(attributes)))).ToArray();
        var found = new List<string>();
        foreach (var dimension in report.Dimensions)
        {
            var d = dimension.Id;
            // Cells that hold anyone with a defined mean for the driver; a set's size still counts all its people.
            var layer = Enumerable.Range(0, cells.Count).Where(c => people.Where((p, i) => cellOf[i] == c).Any(p => p.Score(d) is not null)).ToList();
            int[] CellsOf(Func<Person, bool> member) =>
                layer.Select((c, j) => (c, j)).Where(x => people.Where((p, i) => cellOf[i] == x.c).Any(member)).Select(x => x.j).ToArray();
            double SumOf(IEnumerable<Person> group, double? score) => group.Count(p => p.Score(d) is not null) * (score ?? 0);

            var published = new List<PublishedSum> { new("everyone", CellsOf(_ => true), dimension.N * (dimension.Score ?? 0)) };
            for (var b = 0; b < attributes; b++)
            {
                foreach (var group in report.Breakdowns[b].Groups.Where(g => !g.Suppressed))
                {
                    var members = people.Where(p => p.Values[b] == group.Value).ToList();
                    published.Add(new($"{report.Breakdowns[b].By} {group.Value}", CellsOf(p => p.Values[b] == group.Value), SumOf(members, group.Scores![d])));
                }
            }

            var sizes = layer.Select(c => cellOf.Count(x => x == c)).ToList();
            foreach (var recovery in DifferencingAttack.Attack(sizes, published, k))
            {
                var members = people.Where((p, i) => recovery.Cells.Contains(layer.IndexOf(cellOf[i]))).ToList();
                var truth = members.Sum(p => p.Score(d) ?? 0);
                found.Add($"{d}: {{{string.Join(", ", recovery.Cells.Select(c => cells[layer[c]]))}}} ({recovery.People} people) = {recovery.How} = {recovery.Value:0.###} (truly {truth:0.###})");
            }
        }

        return found;
    }

    private static BreakdownGroup Group(ScoreReport report, string by, string value) =>
        report.Breakdowns.Single(b => b.By == by).Groups.Single(g => g.Value == value);

    [Fact]
    public void TheTeamsHiddenBlockMinusTheLeadersNoLongerGivesAwayATwoPersonTeam()
    {
        // The demo organization's shape: Partners (2 sellers) is hidden and Leadership (7 leaders) with it, while the
        // role breakdown shows "leader" (7), who are exactly team Leadership.
        var people = Same("leader", "Leadership", 5, 7)
            .Concat(Same("seller", "Partners", 1, 2))
            .Concat(Same("seller", "Enterprise", 3, 10)).Concat(Same("seller", "SMB", 2, 9))
            .Concat(Same("manager", "Enterprise", 4, 3)).Concat(Same("manager", "SMB", 4, 3))
            .ToList();

        // SCORING.md's per-breakdown rules alone (the command line): everyone − the shown teams − the leaders = Partners.
        var plain = Score(people, across: false, k: 5, attributes: 2);
        Assert.True(Group(plain, "team", "Partners").Suppressed);
        Assert.True(Group(plain, "team", "Leadership").Suppressed);
        Assert.False(Group(plain, "role", "leader").Suppressed);
        var shownTeams = plain.Breakdowns.Single(b => b.By == "team").Groups.Where(g => !g.Suppressed).ToList();
        var partners = (plain.Dimensions[0].N * plain.Dimensions[0].Score!.Value)
            - shownTeams.Sum(g => g.N!.Value * g.Scores!["a"]!.Value)
            - (7 * Group(plain, "role", "leader").Scores!["a"]!.Value);
        Assert.Equal(0, partners / 2, 9); // both Partners answered 1: the lowest score
        Assert.NotEmpty(Recovered(people, plain, 5)); // and the attacker finds it on its own

        // Shared results: nothing below 5 can be worked out any more, and the bigger groups are still shown.
        var shared = Score(people, across: true, k: 5, attributes: 2);
        Assert.Empty(Recovered(people, shared, 5));
        Assert.True(Group(shared, "role", "leader").Suppressed);
        Assert.False(Group(shared, "team", "Enterprise").Suppressed);
        Assert.False(Group(shared, "role", "seller").Suppressed);
    }

    [Fact]
    public void TheOnlyManagerOutsideTeamNorthCannotBeWorkedOutFromManagersMinusNorth()
    {
        // 5 sellers in East, 1 manager in West, 5 managers in North, 5 leaders in HQ.
        var people = Same("seller", "East", 4, 5).Concat(Same("manager", "West", 1, 1)).Concat(Same("manager", "North", 5, 5)).Concat(Same("leader", "HQ", 3, 5)).ToList();
        var plain = Score(people, across: false, k: 5, attributes: 2);
        Assert.False(Group(plain, "role", "manager").Suppressed);
        Assert.False(Group(plain, "team", "North").Suppressed);
        Assert.NotEmpty(Recovered(people, plain, 5));

        var shared = Score(people, across: true, k: 5, attributes: 2);
        Assert.Empty(Recovered(people, shared, 5));
        // Of the two groups the subtraction uses, the smaller goes: North (5), not the managers (6).
        Assert.True(Group(shared, "team", "North").Suppressed);
        Assert.False(Group(shared, "role", "manager").Suppressed);

        // The overall result is untouched.
        Assert.Equal(SalesWheel.Core.Reports.ScoreReportJson.Serialize(plain with { Breakdowns = [] }), SalesWheel.Core.Reports.ScoreReportJson.Serialize(shared with { Breakdowns = [] }));
    }

    [Fact]
    public void GroupsThatGiveNothingAwayAreLeftAsTheyAre()
    {
        // Sellers and managers spread over two teams, six in each combination: every set worked out holds 6 or more.
        var people = Same("seller", "East", 4, 6).Concat(Same("seller", "West", 3, 6)).Concat(Same("manager", "East", 2, 6)).Concat(Same("manager", "West", 5, 6)).ToList();

        Assert.Equal(Score(people, across: false, k: 5).Breakdowns.Select(b => b.Groups.Select(g => g.Suppressed).ToList()),
            Score(people, across: true, k: 5).Breakdowns.Select(b => b.Groups.Select(g => g.Suppressed).ToList()));
        Assert.All(Score(people, across: true, k: 5).Breakdowns.SelectMany(b => b.Groups), g => Assert.False(g.Suppressed));
    }

    [Fact]
    public void ADriverThatSomeOfACellSkippedIsCheckedOverThePeopleWhoAnsweredIt()
    {
        // Team West: 2 managers who answered everything and 3 sellers who skipped driver b; East: 6 sellers, 6 managers.
        // Counted in people, West (5) may be shown; but its score on b is the mean of its 2 managers alone.
        var skipped = Enumerable.Range(0, 3).Select(_ => new Person(["seller", "West", "new"], [3, 3, 3, null, null]));
        var people = Same("manager", "West", 1, 2).Concat(skipped).Concat(Same("seller", "East", 4, 6)).Concat(Same("manager", "East", 5, 6)).ToList();

        var shared = Score(people, across: true, k: 5, attributes: 2);
        Assert.Empty(Recovered(people, shared, 5));
        Assert.True(Group(shared, "team", "West").Suppressed);
        Assert.NotEmpty(Recovered(people, Score(people, across: false, k: 5, attributes: 2), 5));
    }

    /// <summary>Whether any set of 1..k−1 people of <paramref name="cells"/> is a combination of the total and the groups shown.</summary>
    private static bool AnythingRecoverable(IReadOnlyList<PopulationCell> cells, bool[][] hidden, int k)
    {
        var published = new List<PublishedSum> { new("everyone", Enumerable.Range(0, cells.Count).ToArray(), 0) };
        for (var b = 0; b < hidden.Length; b++)
        {
            for (var g = 0; g < hidden[b].Length; g++)
            {
                if (!hidden[b][g])
                {
                    published.Add(new($"{b}/{g}", Enumerable.Range(0, cells.Count).Where(c => cells[c].Groups[b] == g).ToArray(), 0));
                }
            }
        }

        return DifferencingAttack.Attack(cells.Select(c => c.People).ToList(), published, k).Count > 0;
    }

    [Fact]
    public void WhenTheSearchRunsOutOfTimeMoreIsHiddenNeverLess()
    {
        // The demo's shape: teams Leadership (7 leaders), Partners (2 sellers) and three teams of managers and sellers.
        int[][] people = [[7, 0, 0], [0, 0, 2], [0, 3, 10], [0, 3, 9], [0, 4, 19]];
        var cells = people.SelectMany((roles, t) => roles.Select((n, r) => new PopulationCell([t, r], n))).Where(c => c.People > 0).ToList();
        var teams = Anonymity.SuppressedGroups(people.Select(r => r.Sum()).ToList(), 5);
        var roles = Anonymity.SuppressedGroups(Enumerable.Range(0, 3).Select(r => people.Sum(t => t[r])).ToList(), 5);
        IReadOnlyList<IReadOnlyList<bool>> before = [teams, roles];

        var exact = Anonymity.HideAcrossBreakdowns(cells, before, 5);
        var outOfTime = Anonymity.HideAcrossBreakdownsWithin(cells, before, 5, searchBudget: 0);

        Assert.True(AnythingRecoverable(cells, [teams, roles], 5)); // the per-breakdown rules alone give something away
        Assert.False(AnythingRecoverable(cells, exact, 5));
        Assert.False(AnythingRecoverable(cells, outOfTime, 5));
        Assert.All(exact.Zip(outOfTime).SelectMany(p => p.First.Zip(p.Second)), p => Assert.True(!p.First || p.Second, "hidden by the full search but shown when it ran out"));
        Assert.True(outOfTime.Sum(h => h.Count(x => x)) > exact.Sum(h => h.Count(x => x)));
    }

    [Fact]
    public void FewerPeopleThanKInAllHideEveryGroupAndStop()
    {
        var cells = new List<PopulationCell> { new([0, 0], 1), new([1, 0], 2) };
        var hidden = Anonymity.HideAcrossBreakdowns(cells, [Anonymity.SuppressedGroups([1, 2], 5), Anonymity.SuppressedGroups([3], 5)], 5);
        Assert.All(hidden.SelectMany(h => h), Assert.True);
    }

    /// <summary>
    /// The anonymous answers (CSV, the workbook's answers sheet) go to the same readers as the results: each combination
    /// of values in their rows is a published set as well ("(other)" × "(other)" minus a shown team was one small cell),
    /// so beside shared results they read "(other)" for more values.
    /// </summary>
    [Property(MaxTest = 250)]
    public Property NothingBelowKCanBeWorkedOutFromSharedResultsAndTheAnonymousAnswersTogether() => Prop.ForAll(Cases(), c =>
    {
        var people = People(c);
        var set = Set(people, attributes: 2);
        var report = ScoringEngine.Score(set, new ScoringOptions { GroupBy = Attributes[..2], MinimumGroupSize = c.MinGroup, SuppressAcrossBreakdowns = true });
        var answers = SalesWheel.Core.Exports.AnonymousAnswers.From(set, c.MinGroup, report.Breakdowns);
        if (answers.Withheld)
        {
            return true.Label("withheld");
        }

        // Each respondent's row in the file: the values it shows, found as the file's own rows show them.
        var shown = Enumerable.Range(0, 2).Select(a => Enumerable.Range(0, answers.Count).Select(r => answers.Attribute(r, a)).Where(v => v != SalesWheel.Core.Exports.AnonymousAnswers.Other).ToHashSet()).ToArray();
        string Row(Person p) => string.Join("|", Enumerable.Range(0, 2).Select(a => shown[a].Contains(p.Values[a]) ? p.Values[a] : "(other)"));
        var cells = people.Select(p => string.Join("|", p.Values.Take(2))).Distinct().Order(StringComparer.Ordinal).ToList();
        var cellOf = people.Select(p => cells.IndexOf(string.Join("|", p.Values.Take(2)))).ToArray();
        int[] CellsOf(Func<Person, bool> member) => Enumerable.Range(0, cells.Count).Where(x => people.Where((p, i) => cellOf[i] == x).Any(member)).ToArray();
        double Sum(Func<Person, bool> member) => people.Where(member).Sum(p => p.Score("a") ?? 0);

        var published = new List<PublishedSum> { new("everyone", CellsOf(_ => true), Sum(_ => true)) };
        for (var b = 0; b < 2; b++)
        {
            foreach (var group in report.Breakdowns[b].Groups.Where(g => !g.Suppressed))
            {
                published.Add(new($"{report.Breakdowns[b].By} {group.Value}", CellsOf(p => p.Values[b] == group.Value), Sum(p => p.Values[b] == group.Value)));
            }
        }

        foreach (var combination in people.Select(Row).Distinct())
        {
            published.Add(new($"rows {combination}", CellsOf(p => Row(p) == combination), Sum(p => Row(p) == combination)));
        }

        var found = DifferencingAttack.Attack(cells.Select((_, x) => cellOf.Count(y => y == x)).ToList(), published, c.MinGroup);
        return (found.Count == 0).Label("recovered: " + string.Join("; ", found.Select(f => $"{string.Join(", ", f.Cells.Select(x => cells[x]))} = {f.How}")));
    });

    /// <summary>Random people over role × team × tenure, with random answers and now and then a driver skipped.</summary>
    public sealed record Case(int[][][] Cells, int MinGroup, int Seed);

    private static Arbitrary<Case> Cases() =>
        (from roles in Gen.Choose(1, 3)
         from teams in Gen.Choose(1, 4)
         from tenures in Gen.Choose(1, 2)
         from cells in Gen.Elements(0, 0, 0, 1, 1, 2, 3, 4, 6, 8).ArrayOf(tenures).ArrayOf(teams).ArrayOf(roles)
         from k in Gen.Choose(3, 6)
         from seed in Gen.Choose(0, int.MaxValue)
         select new Case(cells, k, seed)).ToArbitrary();

    private static List<Person> People(Case c)
    {
        var random = new Random(c.Seed);
        var people = new List<Person>();
        for (var r = 0; r < c.Cells.Length; r++)
        {
            for (var t = 0; t < c.Cells[r].Length; t++)
            {
                for (var u = 0; u < c.Cells[r][t].Length; u++)
                {
                    for (var i = 0; i < c.Cells[r][t][u]; i++)
                    {
                        var answers = Enumerable.Range(0, 5).Select(_ => (int?)random.Next(1, 6)).ToArray();
                        if (random.Next(8) == 0)
                        {
                            answers[3] = answers[4] = null; // skipped driver b
                        }

                        people.Add(new Person([$"role{r}", $"team{t}", $"tenure{u}"], answers));
                    }
                }
            }
        }

        return people;
    }

    [Property(MaxTest = 250)]
    public Property NoSetOfFewerThanKRespondentsCanBeWorkedOutFromWhatSharedResultsPublish() => Prop.ForAll(Cases(), c =>
    {
        var people = People(c);
        if (people.Count == 0)
        {
            return true.Label("no one");
        }

        var plain = Score(people, across: false, c.MinGroup);
        var report = Score(people, across: true, c.MinGroup);
        var recovered = Recovered(people, report, c.MinGroup);

        // Only ever more hidden than SCORING.md's per-breakdown rule, and every shown group still holds k or more.
        var moreHidden = plain.Breakdowns.Zip(report.Breakdowns).All(p => p.First.Groups.Zip(p.Second.Groups).All(g => !g.First.Suppressed || g.Second.Suppressed));
        var bigEnough = report.Breakdowns.All(b => b.Groups.All(g => g.Suppressed || g.N >= c.MinGroup));
        return (recovered.Count == 0).Label("recovered: " + string.Join("; ", recovered))
            .And(moreHidden.Label("a group SCORING.md hides is shown"))
            .And(bigEnough.Label("a shown group holds fewer than k"));
    });
}
