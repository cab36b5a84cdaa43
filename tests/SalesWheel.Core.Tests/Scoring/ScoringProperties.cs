using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>Properties the maths must keep on any data: random answer sets on the small instrument (5 items, 1..5).</summary>
public sealed class ScoringProperties
{
    private static readonly Instrument Small = TestData.Small();
    private static readonly string[] ItemIds = Small.Items.Select(i => i.Id).ToArray();

    /// <summary>A generated data set: per respondent 5 cells (0 = not answered, else 1..5) and a team code 0..4.</summary>
    public sealed record Case(int[][] Cells, int[] Teams, int MinGroup);

    private static Arbitrary<Case> Cases() =>
        (from n in Gen.Choose(1, 40)
         from cells in Gen.Choose(0, 5).ArrayOf(ItemIds.Length).ArrayOf(n)
         from teams in Gen.Choose(0, 4).ArrayOf(n)
         from k in Gen.Choose(3, 7)
         select new Case(cells, teams, k)).ToArbitrary();

    private static ResponseSet Build(Instrument instrument, IEnumerable<(int[] Cells, int Team)> rows, Func<int, int, int>? transform = null)
    {
        var set = new ResponseSet(instrument, ["team"]);
        foreach (var (cells, team) in rows)
        {
            var answers = new Dictionary<string, int?>();
            for (var i = 0; i < ItemIds.Length; i++)
            {
                answers[ItemIds[i]] = cells[i] == 0 ? null : transform?.Invoke(i, cells[i]) ?? cells[i];
            }

            set.Add(answers, new Dictionary<string, string?> { ["team"] = "team " + team });
        }

        return set;
    }

    private static ScoreReport Score(ResponseSet set, int k) =>
        ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["team"], MinimumGroupSize = k, Phase = CompanyPhase.GtmFit });

    private static IEnumerable<(int[] Cells, int Team)> Rows(Case c) => c.Cells.Zip(c.Teams);

    [Property(MaxTest = 300)]
    public Property ScoresStayBetween0And100() => Prop.ForAll(Cases(), c =>
    {
        var report = Score(Build(Small, Rows(c)), c.MinGroup);
        var scores = report.Dimensions.Select(d => d.Score)
            .Concat(report.Dimensions.SelectMany(d => d.Facets.Select(f => f.Score)))
            .Concat(report.Breakdowns.SelectMany(b => b.Groups.Where(g => g.Scores is not null).SelectMany(g => g.Scores!.Values)))
            .Where(s => s is not null).Select(s => s!.Value);
        return scores.All(s => s is >= 0 and <= 100)
            && report.Dimensions.All(d => d.Ci95 is null || d.Ci95.Low <= d.Score && d.Score <= d.Ci95.High);
    });

    [Property(MaxTest = 200)]
    public Property ReverseKeyingAnItemAndItsAnswersTogetherChangesNothing() => Prop.ForAll(Cases(), Gen.Choose(0, 4).ToArbitrary(), (c, flip) =>
    {
        var flipped = FlipItem(Small, ItemIds[flip]);
        var original = Score(Build(Small, Rows(c)), c.MinGroup);
        var mirrored = Score(Build(flipped, Rows(c), (i, v) => i == flip ? 6 - v : v), c.MinGroup);
        return Same(original with { Instrument = mirrored.Instrument }, mirrored);
    });

    [Property(MaxTest = 200)]
    public Property RowOrderChangesNothing() => Prop.ForAll(Cases(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, seed) =>
    {
        var rows = Rows(c).ToList();
        var shuffled = rows.OrderBy(_ => 0).ToArray();
        new Random(seed).Shuffle(shuffled);
        return Same(Score(Build(Small, rows), c.MinGroup), Score(Build(Small, shuffled), c.MinGroup));
    });

    [Property(MaxTest = 500)]
    public Property SuppressedGroupsTogetherHoldNoneOrAtLeastK() => Prop.ForAll(
        Gen.Choose(0, 12).ArrayOf().ToArbitrary(), Gen.Choose(3, 8).ToArbitrary(), (sizes, k) =>
        {
            var suppressed = Anonymity.SuppressedGroups(sizes, k);
            var hidden = sizes.Where((_, i) => suppressed[i]).Sum();
            var everyShownGroupIsBigEnough = sizes.Where((_, i) => !suppressed[i]).All(s => s >= k);
            return (hidden == 0 || hidden >= k || suppressed.All(s => s)) && everyShownGroupIsBigEnough;
        });

    [Property(MaxTest = 200)]
    public Property ScoredBreakdownsNeverRevealAGroupBelowK() => Prop.ForAll(Cases(), c =>
    {
        var groups = Score(Build(Small, Rows(c)), c.MinGroup).Breakdowns.Single().Groups;
        var hidden = groups.Where(g => g.Suppressed).Sum(g => g.N);
        return groups.All(g => g.Suppressed == (g.Scores is null))
            && groups.Where(g => !g.Suppressed).All(g => g.N >= c.MinGroup)
            && (hidden == 0 || hidden >= c.MinGroup || groups.All(g => g.Suppressed));
    });

    private static Instrument FlipItem(Instrument instrument, string itemId) => new()
    {
        Id = instrument.Id,
        Name = instrument.Name,
        Version = instrument.Version,
        Scale = instrument.Scale,
        Dimensions = instrument.Dimensions.Select(d => d with
        {
            Facets = d.Facets.Select(f => f with
            {
                Items = f.Items.Select(i => i.Id == itemId ? i with { Reverse = !i.Reverse } : i).ToList(),
            }).ToList(),
        }).ToList(),
    };

    /// <summary>Same numbers to 1e-9 (the JSON text of both, number by number).</summary>
    private static bool Same(ScoreReport a, ScoreReport b)
    {
        var x = System.Text.Json.Nodes.JsonNode.Parse(ScoreReportJson.Serialize(a));
        var y = System.Text.Json.Nodes.JsonNode.Parse(ScoreReportJson.Serialize(b));
        return JsonClose.Equal(x, y, 1e-9, out _);
    }
}
