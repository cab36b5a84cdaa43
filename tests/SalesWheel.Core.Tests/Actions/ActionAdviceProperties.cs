using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Actions;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Actions;

/// <summary>Advice on any data: random answers to the built-in instrument, scored by the engine, in any phase and band.</summary>
public sealed class ActionAdviceProperties
{
    private static readonly Instrument Wheel = BuiltInInstrument.Full;
    private static readonly string[] ItemIds = Wheel.Items.Select(i => i.Id).ToArray();

    /// <summary>Per respondent one cell per item (0 = not answered, else 1..5); phase and band 3 = not given.</summary>
    public sealed record Answers(int[][] Cells, int Phase, int Band);

    private static Arbitrary<Answers> Cases() =>
        (from n in Gen.Choose(1, 6)
         from cells in Gen.Choose(0, 5).ArrayOf(ItemIds.Length).ArrayOf(n)
         from phase in Gen.Choose(0, 3)
         from band in Gen.Choose(0, 3)
         select new Answers(cells, phase, band)).ToArbitrary();

    private static (ScoreReport Report, CompanyPhase? Phase, AcvBand? Acv) Score(Answers c)
    {
        var set = new ResponseSet(Wheel, []);
        foreach (var row in c.Cells)
        {
            set.Add(ItemIds.Select((id, i) => (id, row[i])).ToDictionary(x => x.id, x => x.Item2 == 0 ? null : (int?)x.Item2), new Dictionary<string, string?>());
        }

        CompanyPhase? phase = c.Phase < 3 ? (CompanyPhase)c.Phase : null;
        AcvBand? acv = c.Band < 3 ? (AcvBand)c.Band : null;
        return (ScoringEngine.Score(set, new ScoringOptions { Phase = phase, Acv = acv }), phase, acv);
    }

    [Property(MaxTest = 150)]
    public Property EveryDriverWithFewerThanThreeHigherPrioritiesIsAdvisedOnAndNoOther() => Prop.ForAll(Cases(), c =>
    {
        var (report, _, _) = Score(c);
        var expected = report.Priorities
            .Where(p => report.Priorities.Count(q => q.Priority - p.Priority > 1e-6) < 3)
            .Select(p => p.Dimension)
            .ToHashSet();

        var advised = ActionAdvice.For(report).Select(a => a.Priority.Dimension).ToList();

        return advised.Count == expected.Count && expected.SetEquals(advised)
            && (report.Priorities.Count < 3 || advised.Count >= 3);
    });

    [Property(MaxTest = 150)]
    public Property ThreeFittingActionsOfTheDriverFromItsWeakestFacetsUp() => Prop.ForAll(Cases(), c =>
    {
        var (report, phase, acv) = Score(c);
        return ActionAdvice.For(report).All(advice =>
        {
            var dimension = report.Dimensions.Single(d => d.Id == advice.Priority.Dimension);
            var lowest = dimension.Facets.Where(f => f.Score is not null).Min(f => f.Score);
            var scores = advice.Actions.Select(a => a.FacetScore ?? double.MaxValue).ToList();
            return advice.Actions.Count == 3
                && advice.Actions.All(a => a.Action.Driver == dimension.Id && a.Action.Fits(phase, acv))
                && advice.Actions.Select(a => a.Action.Id).Distinct().Count() == 3
                && advice.Actions[0].FacetScore == lowest
                && scores.Zip(scores.Skip(1)).All(p => p.First <= p.Second)
                && advice.Actions.All(a => a.Reason.StartsWith(a.FacetName + " ", StringComparison.Ordinal) && a.Reason.Contains(dimension.Name, StringComparison.Ordinal));
        });
    });
}
