using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Exports;

/// <summary>
/// The anonymity rules of the answers export, on random answer sets of the small instrument with three attributes
/// (role, team, region) drawn from small, skewed pools of values, so rare values and rare combinations are common.
/// </summary>
public sealed class AnonymousAnswersProperties
{
    private static readonly Instrument Small = TestData.Small();
    private static readonly string[] ItemIds = Small.Items.Select(i => i.Id).ToArray();
    private static readonly string[] Attributes = ["role", "team", "region"];
    private static readonly string[][] Pools =
    [
        ["seller", "seller", "seller", "manager", "leader", ""],
        ["East", "East", "West", "West", "North", "Partners", "(other)"],
        ["EMEA", "EMEA", "AMER", "APAC"],
    ];

    /// <summary>Per respondent: 5 cells (0 = not answered) and an index into each attribute's pool.</summary>
    public sealed record Case(int[][] Cells, int[][] Values, int MinGroup, int AttributeCount);

    private static Arbitrary<Case> Cases() =>
        (from n in Gen.Choose(0, 70)
         from cells in Gen.Choose(0, 5).ArrayOf(ItemIds.Length).ArrayOf(n)
         from values in Gen.Choose(0, 6).ArrayOf(Attributes.Length).ArrayOf(n)
         from k in Gen.Choose(3, 7)
         from attributes in Gen.Choose(0, 3)
         select new Case(cells, values, k, attributes)).ToArbitrary();

    private static ResponseSet Build(Case c, IEnumerable<int>? order = null)
    {
        var names = Attributes.Take(c.AttributeCount).ToArray();
        var set = new ResponseSet(Small, names);
        foreach (var r in order ?? Enumerable.Range(0, c.Cells.Length))
        {
            var answers = ItemIds.Select((id, i) => (id, c.Cells[r][i])).ToDictionary(p => p.id, p => p.Item2 == 0 ? null : (int?)p.Item2);
            var attributes = names.Select((name, a) => (name, Pools[a][c.Values[r][a] % Pools[a].Length])).ToDictionary(p => p.name, p => (string?)p.Item2);
            set.Add(answers, attributes);
        }

        return set;
    }

    private static int Respondents(Case c) => c.Cells.Count(cells => cells.Any(v => v != 0));

    [Property(MaxTest = 400)]
    public Property EveryRespondentIsOneRowOrNoneAreWhenFewerThanK() => Prop.ForAll(Cases(), c =>
    {
        var answers = AnonymousAnswers.From(Build(c), c.MinGroup);
        var respondents = Respondents(c);
        return answers.Respondents == respondents && answers.Count == (respondents < c.MinGroup ? 0 : respondents);
    });

    [Property(MaxTest = 400)]
    public Property NoValueAndNoCombinationOfValuesHoldsFewerThanK() => Prop.ForAll(Cases(), c =>
    {
        var rows = ExportKit.ExportedAttributes(AnonymousAnswers.From(Build(c), c.MinGroup));
        var combinations = rows.GroupBy(r => string.Join("\u0001", r)).All(g => g.Count() >= c.MinGroup);
        var values = Enumerable.Range(0, c.AttributeCount).All(a => rows.GroupBy(r => r[a]).All(g => g.Count() >= c.MinGroup));
        // Every pair of attributes too (implied by the full combinations, checked on its own all the same).
        var pairs = Enumerable.Range(0, c.AttributeCount).SelectMany(a => Enumerable.Range(a + 1, c.AttributeCount - a - 1).Select(b => (a, b)))
            .All(p => rows.GroupBy(r => (r[p.a], r[p.b])).All(g => g.Count() >= c.MinGroup));
        return (combinations && values && pairs).Label($"rows: {string.Join(" / ", rows.Select(r => string.Join(",", r)))}");
    });

    [Property(MaxTest = 400)]
    public Property TheOtherPoolOfEachAttributeHoldsNoneOrAtLeastK() => Prop.ForAll(Cases(), c =>
    {
        var rows = ExportKit.ExportedAttributes(AnonymousAnswers.From(Build(c), c.MinGroup));
        return Enumerable.Range(0, c.AttributeCount)
            .Select(a => rows.Count(r => r[a] == AnonymousAnswers.Other))
            .All(pool => pool == 0 || pool >= c.MinGroup);
    });

    [Property(MaxTest = 400)]
    public Property AValueStillShownKeepsAllItsPeopleSoNothingCanBeSubtracted() => Prop.ForAll(Cases(), c =>
    {
        var set = Build(c);
        var original = ExportKit.RespondentAttributes(set);
        var rows = ExportKit.ExportedAttributes(AnonymousAnswers.From(set, c.MinGroup));
        return Enumerable.Range(0, c.AttributeCount).All(a => rows
            .Where(r => r[a] != AnonymousAnswers.Other)
            .GroupBy(r => r[a])
            .All(g => g.Count() == original.Count(o => o[a] == g.Key)));
    });

    [Property(MaxTest = 300)]
    public Property TheExportIsTheSameWhateverTheOrderPeopleAnsweredIn() => Prop.ForAll(Cases(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, seed) =>
    {
        var order = Enumerable.Range(0, c.Cells.Length).ToArray();
        new Random(seed).Shuffle(order);
        return ExportKit.Csv(AnonymousAnswers.From(Build(c), c.MinGroup)) == ExportKit.Csv(AnonymousAnswers.From(Build(c, order), c.MinGroup));
    });

    [Property(MaxTest = 300)]
    public Property ScoringTheExportedCsvGivesTheSameOverallNumbers() => Prop.ForAll(Cases(), c =>
    {
        var set = Build(c);
        var answers = AnonymousAnswers.From(set, c.MinGroup);
        if (answers.Withheld)
        {
            return true.Label("withheld");
        }

        var read = ExportKit.ReadCsv(ExportKit.Csv(answers), Small, answers.AttributeNames);
        return (ExportKit.OverallJson(read) == ExportKit.OverallJson(set)).Label("overall numbers differ");
    });
}
