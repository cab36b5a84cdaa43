using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SalesWheel.Core.Actions;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Actions;

public sealed partial class PlaybookTests
{
    private static readonly Instrument Wheel = BuiltInInstrument.Full;

    private static Playbook Load(string json) => Playbook.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), Wheel, "test playbook");

    /// <summary>The built-in file with one change made to its JSON tree.</summary>
    private static string Edited(Action<JsonArray> edit)
    {
        var root = JsonNode.Parse(Playbook.Json())!;
        edit(root["actions"]!.AsArray());
        return root.ToJsonString();
    }

    private static JsonNode ActionOf(JsonArray actions, string id) => actions.Single(a => (string?)a!["id"] == id)!;

    private static InvalidPlaybookException Rejected(string json) => Assert.Throws<InvalidPlaybookException>(() => Load(json));

    [Fact]
    public void TheBuiltInPlaybookIsValidForTheBuiltInInstrumentAndNamesItsVersion()
    {
        var playbook = Playbook.BuiltIn;

        Assert.Same(Wheel, playbook.Instrument);
        Assert.Equal(1, playbook.Version);
        Assert.Equal("playbook.json version 1", playbook.Source);
        Assert.True(playbook.Actions.Count >= 34 * 3, $"{playbook.Actions.Count} actions");
    }

    [Fact]
    public void EveryFacetOfEveryDriverHasAtLeastThreeActions()
    {
        foreach (var driver in Wheel.Drivers)
        {
            foreach (var facet in driver.Facets)
            {
                var count = Playbook.BuiltIn.Actions.Count(a => a.Driver == driver.Id && a.Facet == facet.Id);
                Assert.True(count >= 3, $"{driver.Id}.{facet.Id} has {count} actions");
            }
        }
    }

    [Fact]
    public void EveryFacetHasAtLeastTwoActionsForEveryPhaseAndBand()
    {
        var facets = Wheel.Drivers.SelectMany(d => d.Facets.Select(f => (Driver: d.Id, Facet: f.Id))).ToList();
        Assert.Equal(34, facets.Count);
        foreach (var (driver, facet) in facets)
        {
            foreach (var phase in Enum.GetValues<CompanyPhase>())
            {
                foreach (var band in Enum.GetValues<AcvBand>())
                {
                    var fitting = Playbook.BuiltIn.ForFacet(driver, facet, phase, band).Count();
                    Assert.True(fitting >= 2, $"{driver}.{facet} has {fitting} actions for {phase.Code()} and {band.Code()}");
                }
            }
        }
    }

    [Fact]
    public void NoTwoActionsShareATitleOrWhatToDo()
    {
        // Compared as words only, so a changed comma or capital does not hide a copy.
        static string Words(string text) => string.Join(' ', NonLetters().Split(text.ToLowerInvariant()).Where(w => w.Length > 0));

        var actions = Playbook.BuiltIn.Actions;
        Assert.Equal(actions.Count, actions.Select(a => Words(a.Title)).Distinct().Count());
        Assert.Equal(actions.Count, actions.Select(a => Words(a.WhatToDo)).Distinct().Count());
    }

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonLetters();

    [Fact]
    public void EveryActionMovesStatementsOfItsOwnDriverAndHasAnIdOfDriverAndFacet()
    {
        foreach (var action in Playbook.BuiltIn.Actions)
        {
            var driver = Wheel.Drivers.Single(d => d.Id == action.Driver);
            Assert.StartsWith($"{action.Driver}.{action.Facet}.", action.Id);
            Assert.All(action.Moves, m => Assert.Contains(m, driver.Items.Select(i => i.Id)));
            Assert.InRange(action.Moves.Count, 1, 4);
        }
    }

    [Fact]
    public void ActionsAreWrittenForEachPhaseNotOnlyForAll()
    {
        // The founder acts at PMF; systems come with scale: both ends have actions that fit them alone.
        foreach (var phase in new[] { CompanyPhase.Pmf, CompanyPhase.Scale })
        {
            Assert.Contains(Playbook.BuiltIn.Actions, a => a.Phases.SequenceEqual([phase]));
        }

        Assert.Contains(Playbook.BuiltIn.Actions, a => !a.AcvBands.Contains(AcvBand.Under15K));
        Assert.Contains(Playbook.BuiltIn.Actions, a => !a.AcvBands.Contains(AcvBand.Over50K));
    }

    [Fact]
    public void FilteringKeepsOnlyTheDriverPhaseAndBandAsked()
    {
        var actions = Playbook.BuiltIn.For("enablement", CompanyPhase.Pmf, AcvBand.Over50K).ToList();

        Assert.NotEmpty(actions);
        Assert.All(actions, a =>
        {
            Assert.Equal("enablement", a.Driver);
            Assert.Contains(CompanyPhase.Pmf, a.Phases);
            Assert.Contains(AcvBand.Over50K, a.AcvBands);
        });
        Assert.Equal(Playbook.BuiltIn.Actions.Count, Playbook.BuiltIn.For().Count());
        Assert.True(Playbook.BuiltIn.For("enablement").Count() > actions.Count);
    }

    [Fact]
    public void WrittenActionsLoadBackUnchanged()
    {
        var some = Playbook.BuiltIn.Actions;
        var again = Load(Playbook.BuiltIn.ToJson(some));

        Assert.Equal(Playbook.BuiltIn.Version, again.Version);
        Assert.Equal(some.Count, again.Actions.Count);
        for (var i = 0; i < some.Count; i++)
        {
            Assert.Equivalent(some[i], again.Actions[i], strict: true);
        }
    }

    private const string First = "strategy.direction.icp-one-pager";
    private const string Second = "strategy.direction.weekly-fit-review";

    public static TheoryData<string, string, string> BadActions => new()
    {
        { "duplicate id", First, "the id is already used by action 1 (this is action 2); ids must be unique" },
        { "unknown driver", First, "the driver \"marketing\" is not a driver" },
        { "unknown facet", First, "the facet \"vision\" is not a facet of strategy" },
        { "unknown statement", First, "the statement \"STR99\" in \"moves\" is not in sales-performance-wheel" },
        { "statement of another driver", First, "the statement \"CAP1\" in \"moves\" belongs to capabilities, not to strategy" },
        { "no statement", First, "\"moves\" names 0 statement(s)" },
        { "five statements", First, "\"moves\" names 5 statement(s)" },
        { "one sentence", First, "\"whatToDo\" has 1 sentence(s); it must have 2 to 4" },
        { "five sentences", First, "\"whatToDo\" has 5 sentence(s); it must have 2 to 4" },
        { "unfinished sentence", First, "\"whatToDo\" must end with a full stop" },
        { "empty owner", First, "the owner is empty" },
        { "empty title", First, "the title is empty" },
        { "unknown effort", First, "the effort \"months\" is not days, weeks or quarter" },
        { "unknown phase", First, "the phase \"growth\" is not one of pmf, gtm-fit or scale" },
        { "no phase", First, "no phase given" },
        { "unknown band", First, "the ACV band \"mid\" is not one of lt15k, 15k-50k or gt50k" },
        { "same title", Second, $"the same title as action \"{First}\"" },
        { "same text", Second, $"the same \"whatToDo\" as action \"{First}\"" },
        { "id of another facet", "strategy.execution.icp-one-pager", "the id must start with its driver and facet: \"strategy.direction.\"" },
    };

    [Theory]
    [MemberData(nameof(BadActions))]
    public void EachRuleRejectsABadActionAndNamesIt(string defect, string named, string problem)
    {
        var json = Edited(actions =>
        {
            var first = ActionOf(actions, First);
            var second = ActionOf(actions, Second);
            switch (defect)
            {
                case "duplicate id": second["id"] = First; break;
                case "unknown driver": first["driver"] = "marketing"; break;
                case "unknown facet": first["facet"] = "vision"; break;
                case "unknown statement": first["moves"] = new JsonArray("STR99"); break;
                case "statement of another driver": first["moves"] = new JsonArray("STR1", "CAP1"); break;
                case "no statement": first["moves"] = new JsonArray(); break;
                case "five statements": first["moves"] = new JsonArray("STR1", "STR2", "STR3", "STR4", "STR5"); break;
                case "one sentence": first["whatToDo"] = "Improve the strategy."; break;
                case "five sentences": first["whatToDo"] = "One thing. Two things. Three things. Four things. Five things."; break;
                case "unfinished sentence": first["whatToDo"] = "Do one thing. Then do another"; break;
                case "empty owner": first["owner"] = " "; break;
                case "empty title": first["title"] = ""; break;
                case "unknown effort": first["effort"] = "months"; break;
                case "unknown phase": first["phases"] = new JsonArray("pmf", "growth"); break;
                case "no phase": first["phases"] = new JsonArray(); break;
                case "unknown band": first["acvBands"] = new JsonArray("mid"); break;
                case "same title": second["title"] = (string?)first["title"]; break;
                case "same text": second["whatToDo"] = (string?)first["whatToDo"]; break;
                case "id of another facet": first["id"] = "strategy.execution.icp-one-pager"; break;
                default: throw new ArgumentException(defect);
            }
        });

        var error = Rejected(json);

        Assert.Contains(error.Problems, p => p.StartsWith($"action \"{named}\": ", StringComparison.Ordinal) && p.Contains(problem, StringComparison.Ordinal));
        Assert.Contains($"test playbook is not a valid playbook", error.Message);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void AnActionWithoutAnIdIsNamedByItsPlace()
    {
        var error = Rejected(Edited(actions => actions[2]!.AsObject().Remove("id")));

        Assert.Contains("action 3 (no id): has no id", error.Problems);
    }

    [Fact]
    public void AFacetWithFewerThanThreeActionsIsRejected()
    {
        var json = Edited(actions =>
        {
            foreach (var action in actions.Where(a => (string?)a!["facet"] == "leadership").Skip(2).ToList())
            {
                actions.Remove(action);
            }
        });

        var error = Rejected(json);

        Assert.Contains("facet \"strategy.leadership\": 2 valid action(s); every facet needs at least 3", error.Problems);
    }

    [Fact]
    public void AFacetWithOneActionForAPhaseAndBandIsRejected()
    {
        // Coaching at PMF: the fortnightly one-to-one and the founder's debrief; narrowing the first leaves one.
        var json = Edited(actions => ActionOf(actions, "enablement.coaching.fortnightly-one-to-one")["acvBands"] = new JsonArray("15k-50k", "gt50k"));

        var error = Rejected(json);

        Assert.Contains(error.Problems, p => p.StartsWith("facet \"enablement.coaching\": 1 valid action(s) fit phase pmf with ACV lt15k", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Problems, p => p.Contains("with ACV gt50k", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownFieldOrBrokenJsonIsRejectedWithWhereItIs()
    {
        var unknown = Rejected(Edited(actions => ActionOf(actions, First)["why"] = "x"));
        Assert.Contains(unknown.Problems, p => p.StartsWith("not a playbook file", StringComparison.Ordinal) && p.Contains("why", StringComparison.Ordinal));

        var broken = Rejected("{ \"version\": 1, \"actions\": [ { ");
        Assert.Contains(broken.Problems, p => p.StartsWith("not a playbook file", StringComparison.Ordinal));
    }

    [Fact]
    public void APlaybookForAnotherInstrumentOrWithoutVersionIsRejected()
    {
        var root = JsonNode.Parse(Playbook.Json())!;
        root["instrument"] = "other";
        root.AsObject().Remove("version");

        var error = Rejected(root.ToJsonString());

        Assert.Contains("\"instrument\" is \"other\" but the actions are checked against \"sales-performance-wheel\"", error.Problems);
        Assert.Contains("\"version\" must be a whole number of 1 or more", error.Problems);
    }
}
