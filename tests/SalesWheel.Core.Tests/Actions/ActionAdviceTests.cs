using SalesWheel.Core.Actions;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Actions;

public sealed class ActionAdviceTests
{
    [Fact]
    public void TheWeakestFacetGetsTwoActionsAndTheNextOneEachWithItsReason()
    {
        var report = HandMadeReport.Of(CompanyPhase.GtmFit, AcvBand.From15KTo50K,
            new Dictionary<string, double> { ["enablement"] = 40 },
            new Dictionary<string, double?>
            {
                ["enablement.coaching"] = 31.04,
                ["enablement.process"] = 45.25,
                ["enablement.method"] = 60,
                ["enablement.technology"] = 70,
                ["enablement.resources"] = 80
            });

        var enablement = ActionAdvice.For(report)[0];

        Assert.Equal("enablement", enablement.Priority.Dimension);
        Assert.Equal(1, enablement.Rank);
        Assert.Equal(
            ["enablement.coaching.recorded-call-comments", "enablement.coaching.deal-strategy-sessions", "enablement.process.buyer-confirmed-late-stages"],
            enablement.Actions.Select(a => a.Action.Id));
        Assert.Equal("Sales Management and Coaching is Enablement's lowest facet at 31.0.", enablement.Actions[0].Reason);
        Assert.Equal("Sales Process is Enablement's second-lowest facet at 45.3.", enablement.Actions[2].Reason);
        Assert.Equal(31.04, enablement.Actions[0].FacetScore);
    }

    [Fact]
    public void ActionsFitThePhaseAndBandWithTheMostTailoredFirst()
    {
        var scores = new Dictionary<string, double> { ["enablement"] = 40 };
        var facets = new Dictionary<string, double?> { ["enablement.coaching"] = 20 };

        var atPmf = ActionAdvice.For(HandMadeReport.Of(CompanyPhase.Pmf, AcvBand.Under15K, scores, facets)).Single(a => a.Priority.Dimension == "enablement");
        var atScale = ActionAdvice.For(HandMadeReport.Of(CompanyPhase.Scale, AcvBand.Over50K, scores, facets)).Single(a => a.Priority.Dimension == "enablement");

        // At PMF the founder's debrief (PMF only) before the one-to-one (every phase and band); at Scale with large deals,
        // tracking coaching hours (Scale only) and deal strategy sessions (two phases, two bands) before the broader ones.
        Assert.Equal(["enablement.coaching.founder-debrief", "enablement.coaching.fortnightly-one-to-one"], atPmf.Actions.Take(2).Select(a => a.Action.Id));
        Assert.Equal(["enablement.coaching.coaching-hours", "enablement.coaching.deal-strategy-sessions"], atScale.Actions.Take(2).Select(a => a.Action.Id));
    }

    [Fact]
    public void FacetsWithoutAScoreComeLastAndSaySoAndAnUnknownContextKeepsPlaybookOrder()
    {
        // Only coaching is scored (a quick check that asked nothing else of Enablement).
        var report = HandMadeReport.Of(null, null, new Dictionary<string, double> { ["enablement"] = 30 }, new Dictionary<string, double?>
        {
            ["enablement.coaching"] = 80,
            ["enablement.process"] = null,
            ["enablement.method"] = null,
            ["enablement.technology"] = null,
            ["enablement.resources"] = null,
        });

        var actions = ActionAdvice.For(report).Single(a => a.Priority.Dimension == "enablement").Actions;

        Assert.Equal(["coaching", "coaching", "process"], actions.Select(a => a.Action.Facet));
        // Neither phase nor band known: every action fits, in playbook order.
        Assert.Equal(["enablement.coaching.live-call-feedback", "enablement.coaching.fortnightly-one-to-one"], actions.Take(2).Select(a => a.Action.Id));
        Assert.Equal("Sales Process has no score for Enablement here (too few answers), so it comes after the scored facets.", actions[2].Reason);
        Assert.Null(actions[2].FacetScore);
    }

    [Fact]
    public void FacetsThatReadTheSameAreJointAndTheNextCountsThem()
    {
        var report = HandMadeReport.Of(null, null, new Dictionary<string, double> { ["motivation"] = 30 }, new Dictionary<string, double?>
        {
            ["motivation.attitudes"] = 40.01,
            ["motivation.energy"] = 39.96,
            ["motivation.leader-energy"] = 70,
            ["motivation.selling-culture"] = 55,
        });

        var actions = ActionAdvice.For(report).Single(a => a.Priority.Dimension == "motivation").Actions;

        // 39.96 and 40.01 both read 40.0: energy comes first (lower), both are "joint lowest".
        Assert.Equal("Energy and Focus is Motivation's joint lowest facet at 40.0.", actions[0].Reason);
        Assert.Equal("Attitudes is Motivation's joint lowest facet at 40.0.", actions[2].Reason);
    }

    [Fact]
    public void EveryDriverTiedAtThirdPlaceIsAdvisedOnNotCutByInstrumentOrder()
    {
        // No phase or band: every weight is 1, so priority is 100 − score. Ranks 1, 2, 3, 3.
        var report = HandMadeReport.Of(null, null, new Dictionary<string, double>
        {
            ["strategy"] = 25,
            ["structure"] = 50,
            ["operations"] = 75,
            ["motivation"] = 75,
        });

        var advice = ActionAdvice.For(report);

        Assert.Equal(["strategy", "structure", "operations", "motivation"], advice.Select(a => a.Priority.Dimension));
        Assert.Equal([1, 2, 3, 3], advice.Select(a => a.Rank));
        Assert.Equal(4, advice[3].Priority.Rank); // the engine's list order, which the advice does not cut at
        Assert.All(advice, a => Assert.Equal(3, a.Actions.Count));
    }

    [Fact]
    public void AReportWithNoRankedDriversGetsNoAdvice()
    {
        var report = HandMadeReport.Of(null, null, new Dictionary<string, double>()) with { Priorities = [] };

        Assert.Empty(ActionAdvice.For(report));
    }

    [Fact]
    public void AQuickCheckGetsActionsForTheFacetsItAsked()
    {
        // The quick form asks two statements per driver, from two facets: advice comes from those two.
        var quick = BuiltInInstrument.Quick;
        var set = new ResponseSet(quick, []);
        foreach (var answer in new[] { 2, 3, 4 })
        {
            set.Add(quick.Items.ToDictionary(i => i.Id, i => (int?)(i.Id is "ENB1" or "CAP1" ? 1 : answer)), new Dictionary<string, string?>());
        }

        var report = ScoringEngine.Score(set, new ScoringOptions { Phase = CompanyPhase.Scale, Acv = AcvBand.Under15K });
        var advice = ActionAdvice.For(report);

        Assert.All(advice, a =>
        {
            var asked = report.Dimensions.Single(d => d.Id == a.Priority.Dimension).Facets.Select(f => f.Id);
            Assert.Equal(3, a.Actions.Count);
            Assert.All(a.Actions, x => Assert.Contains(x.Action.Facet, asked));
        });
        var enablement = advice.Single(a => a.Priority.Dimension == "enablement");
        Assert.Equal("Sales Management and Coaching is Enablement's lowest facet at 0.0.", enablement.Actions[0].Reason);
        Assert.Equal("Sales Process is Enablement's second-lowest facet at 50.0.", enablement.Actions[2].Reason);
    }
}
