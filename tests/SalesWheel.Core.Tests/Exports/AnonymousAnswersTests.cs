using SalesWheel.Core.Exports;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Exports;

public sealed class AnonymousAnswersTests
{
    private static readonly Core.Instruments.Instrument Small = TestData.Small();

    /// <summary>A respondent of the small instrument who answered every item with <paramref name="value"/>.</summary>
    private static (Dictionary<string, int?>, Dictionary<string, string?>?) Person(string role, string team, int value = 3) =>
        (TestData.Answers(("A1", value), ("A2", value), ("A3", value), ("B1", value), ("B2", value)),
         new Dictionary<string, string?> { ["role"] = role, ["team"] = team });

    private static IEnumerable<(Dictionary<string, int?>, Dictionary<string, string?>?)> People(int count, string role, string team, int value = 3) =>
        Enumerable.Range(0, count).Select(i => Person(role, team, 1 + ((value + i) % 5)));

    [Fact]
    public void TheOnlyManagerInATeamCannotBeFoundThroughRoleAndTeamTogether()
    {
        // Role and team each have at least 5 people, but East has a single manager.
        var set = TestData.Build(Small, [.. People(1, "manager", "East"), .. People(5, "seller", "East"), .. People(5, "manager", "West"), .. People(5, "seller", "West")], "role", "team");

        var answers = AnonymousAnswers.From(set, 5);

        var rows = ExportKit.ExportedAttributes(answers);
        Assert.Equal(16, rows.Count);
        Assert.DoesNotContain(rows, r => r[0] == "manager" && r[1] == "East");
        Assert.All(rows.GroupBy(r => (r[0], r[1])), g => Assert.True(g.Count() >= 5, $"{g.Key} holds {g.Count()}"));
        // Whole values are merged, so a value still shown has every one of its people: nothing to subtract.
        foreach (var (a, value) in rows.SelectMany(r => r.Select((v, a) => (a, v))).Distinct().Where(p => p.v != AnonymousAnswers.Other))
        {
            var original = ExportKit.RespondentAttributes(set).Count(r => r[a] == value);
            Assert.Equal(original, rows.Count(r => r[a] == value));
        }
    }

    [Fact]
    public void AValueHeldByFewerThanKBecomesOtherAndThePoolIsToppedUpToK()
    {
        // Teams: Tiny 2, Small 5, Mid 6, Large 9 (k = 5). Tiny alone would make a pool of 2, so Small joins it.
        var set = TestData.Build(Small, [.. People(2, "seller", "Tiny"), .. People(5, "seller", "Small"), .. People(6, "seller", "Mid"), .. People(9, "seller", "Large")], "role", "team");

        var teams = ExportKit.ExportedAttributes(AnonymousAnswers.From(set, 5)).Select(r => r[1]).ToList();

        Assert.Equal(7, teams.Count(t => t == AnonymousAnswers.Other));
        Assert.Equal(6, teams.Count(t => t == "Mid"));
        Assert.Equal(9, teams.Count(t => t == "Large"));
        Assert.DoesNotContain("Tiny", teams);
        Assert.DoesNotContain("Small", teams);
    }

    [Fact]
    public void TheValuesKeptAreExactlyTheGroupsABreakdownShows()
    {
        var set = TestData.Build(Small, [.. People(2, "seller", "Tiny"), .. People(5, "seller", "Small"), .. People(6, "leader", "Mid"), .. People(9, "seller", "Large")], "role", "team");
        var report = ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["team"], MinimumGroupSize = 5 });

        var exported = ExportKit.ExportedAttributes(AnonymousAnswers.From(set, 5)).Select(r => r[1]).Where(v => v != AnonymousAnswers.Other).Distinct().Order();

        Assert.Equal(report.Breakdowns[0].Groups.Where(g => !g.Suppressed).Select(g => g.Value).Order(), exported);
    }

    [Fact]
    public void WithFewerThanKRespondentsNoAnswersAreExported()
    {
        var set = TestData.Build(Small, [.. People(4, "seller", "East")], "role", "team");

        var answers = AnonymousAnswers.From(set, 5);

        Assert.True(answers.Withheld);
        Assert.Equal(4, answers.Respondents);
        Assert.Equal(0, answers.Count);
        Assert.Equal("role,team,A1,A2,A3,B1,B2", ExportKit.Csv(answers).TrimEnd());
    }

    [Fact]
    public void RowsWithNoAnsweredItemAreNoRespondentsAndStayOut()
    {
        var empty = (TestData.Answers(("A1", null)), new Dictionary<string, string?> { ["role"] = "leader", ["team"] = "East" });
        var set = TestData.Build(Small, [.. People(5, "seller", "East"), empty, empty], "role", "team");

        var answers = AnonymousAnswers.From(set, 5);

        Assert.Equal(5, answers.Respondents);
        Assert.Equal(5, answers.Count);
        Assert.DoesNotContain("leader", ExportKit.Csv(answers));
    }

    [Fact]
    public void RowsAreSortedByAttributesThenAnswersWhateverTheOrderTheyArrivedIn()
    {
        var set = TestData.Build(Small, [Person("seller", "West", 5), Person("seller", "East", 1), .. People(4, "seller", "West", 2), .. People(4, "seller", "East", 4)], "role", "team");

        var answers = AnonymousAnswers.From(set, 5);

        var keys = Enumerable.Range(0, answers.Count)
            .Select(r => $"{answers.Attribute(r, 0)}|{answers.Attribute(r, 1)}|{string.Concat(Enumerable.Range(0, answers.Items.Count).Select(i => answers.Answer(r, i)))}")
            .ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal("seller|East|11111", keys[0]);
        Assert.Equal("seller|West|55555", keys[^1]);
    }

    [Fact]
    public void AMinimumGroupSizeBelowThreeIsRefused()
    {
        var set = TestData.Build(Small, [.. People(5, "seller", "East")], "role", "team");

        var error = Assert.Throws<ArgumentException>(() => AnonymousAnswers.From(set, 2));
        Assert.Contains("at least 3", error.Message);
    }

    [Fact]
    public void TheMethodTextNamesTheRulesInPlainWords()
    {
        var text = AnonymousAnswers.Method(5);

        Assert.Contains("fewer than 5 people reads \"(other)\"", text);
        Assert.Contains("none or at least 5", text);
        Assert.Contains("the only manager in one team", text);
        Assert.Contains("no names, emails", text);
    }
}
