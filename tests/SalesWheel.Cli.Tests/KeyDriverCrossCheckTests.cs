using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace SalesWheel.Cli.Tests;

/// <summary>
/// <c>keyDrivers</c> and <c>teamMetrics</c> of <c>score --format json</c> equal the independent reference
/// (tests/reference/score_reference.py, extended from SCORING.md "Outcomes and key drivers" alone) to 1e-9, on real,
/// demo and made-up data chosen for the edge cases: no variance, fewer than 4 pairs, r = ±1, teams hidden by
/// suppression, fewer than 4 and fewer than 10 teams.
/// </summary>
public sealed class KeyDriverCrossCheckTests
{
    [Fact]
    public void TheBfiDataWithNeuroticismAsOutcomeAndTeamsHiddenBySuppression()
    {
        var folder = Cli.TempFolder();
        var instrument = Path.Combine(folder, "bfi-outcome.json");
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(Cli.RepositoryRoot, "tests", "reference", "bfi-instrument.json")))!;
        doc["dimensions"]!.AsArray().Single(d => (string?)d!["id"] == "neuroticism")!["kind"] = "outcome";
        File.WriteAllText(instrument, doc.ToJsonString());

        // A team per gender × education: 12 teams of 81 to 893 people; at --min-group 100 the two smallest are hidden.
        var lines = File.ReadAllLines(Path.Combine(Cli.SharedData, "bfi.csv"));
        var header = lines[0].Split(',');
        int gender = Array.IndexOf(header, "gender"), education = Array.IndexOf(header, "education");
        var csv = Path.Combine(folder, "bfi-teams.csv");
        File.WriteAllLines(csv, [lines[0] + ",Team", .. lines.Skip(1).Select(l => { var c = l.Split(','); return $"{l},g{c[gender]}-e{c[education]}"; })]);

        var metrics = Path.Combine(folder, "metrics.csv");
        var random = new Random(3);
        var text = new StringBuilder("team, win-rate ,quota attainment,cycle days\n");
        foreach (var team in new[] { "g1-e", "g1-e1", "g1-e2", "g2-e1", "g1-e4", "g2-e", "g1-e5", "g2-e2", "g2-e4", "g2-e5", "g1-e3", "g2-e3", "nobody" })
        {
            text.Append(CultureInfo.InvariantCulture, $"{team},{random.Next(10, 60)}%,\"{random.Next(50, 130)},{random.Next(0, 10)}\",{(team == "g2-e5" ? "" : random.Next(20, 200).ToString(CultureInfo.InvariantCulture))}\n");
        }

        File.WriteAllText(metrics, text.ToString());
        var json = AssertSameAsReference(csv, instrument, "--group-by", "gender", "--min-group", "100", "--team-metrics", metrics);

        var winRate = json["teamMetrics"]![0]!;
        Assert.Equal("win-rate", (string?)winRate["metric"]);
        Assert.All(winRate["drivers"]!.AsArray(), d => Assert.Equal(10, (int)d!["teams"]!)); // 12 teams, 2 hidden, "nobody" not counted
        Assert.All(winRate["drivers"]!.AsArray(), d => Assert.Empty(d!["flags"]!.AsArray()));
        Assert.All(json["teamMetrics"]![2]!["drivers"]!.AsArray(), d => Assert.Equal("few-teams", (string?)d!["flags"]![0])); // one value blank: 9 teams
        Assert.Equal(4, json["keyDrivers"]![0]!["drivers"]!.AsArray().Count);
    }

    [Fact]
    public void TheDemoCompanyWithSixTeamsOfWhichSomeAreHidden()
    {
        var folder = Cli.TempFolder();
        var csv = Path.Combine(folder, "demo.csv");
        Assert.Equal(0, Cli.Run("sample", "--respondents", "300", "--seed", "9", "--out", csv).ExitCode);
        var metrics = Path.Combine(folder, "metrics.csv");
        File.WriteAllText(metrics, "Team;Win rate;Ramp months\nEnterprise;31,5;7\nMid-Market;28;5,5\nSMB;22;3\nRevOps;40;\nLeadership;35;6\nPartners;12;9\n");

        // k = 10: Partners (9) hidden, and Leadership with it (complementary): 4 teams. k = 40: 3 teams, no r.
        var four = AssertSameAsReference(csv, null, "--min-group", "10", "--team-metrics", metrics);
        Assert.All(four["teamMetrics"]![0]!["drivers"]!.AsArray(), d =>
        {
            Assert.Equal(4, (int)d!["teams"]!);
            Assert.NotNull(d["r"]);
            Assert.Equal("few-teams", (string?)d["flags"]![0]);
        });
        var three = AssertSameAsReference(csv, null, "--min-group", "40", "--group-by", "team", "--team-metrics", metrics);
        Assert.All(three["teamMetrics"]![0]!["drivers"]!.AsArray(), d =>
        {
            Assert.Equal(3, (int)d!["teams"]!);
            Assert.Null(d["r"]);
            Assert.Null(d["p"]);
        });
        Assert.NotNull(three["keyDrivers"]![0]!["drivers"]![0]!["r"]);
    }

    [Fact]
    public void NoVarianceFewerThanFourPairsAndPerfectCorrelationsGiveTheSpecifiedNullsAndBounds()
    {
        var folder = Cli.TempFolder();
        var instrument = Path.Combine(folder, "edge.json");
        File.WriteAllText(instrument, """
            { "id": "edge", "name": "Edge", "version": "1", "scale": { "min": 1, "max": 5 },
              "dimensions": [
                { "id": "same", "name": "Same", "items": [ { "id": "S1" }, { "id": "S2" } ] },
                { "id": "mirror", "name": "Mirror", "items": [ { "id": "M1", "reverse": true } ] },
                { "id": "flat", "name": "Flat", "items": [ { "id": "F1" } ] },
                { "id": "rare", "name": "Rare", "items": [ { "id": "R1" } ] },
                { "id": "mixed", "name": "Mixed", "items": [ { "id": "X1" }, { "id": "X2" }, { "id": "X3" } ] },
                { "id": "result", "name": "Result", "kind": "outcome", "items": [ { "id": "O1" } ] },
                { "id": "constant", "name": "Constant", "kind": "outcome", "items": [ { "id": "C1" } ] } ] }
            """);
        var csv = Path.Combine(folder, "edge.csv");
        var text = new StringBuilder("S1,S2,M1,F1,R1,X1,X2,X3,O1,C1\n");
        var random = new Random(5);
        for (var r = 0; r < 12; r++)
        {
            var o = 1 + (r % 5);
            // same = the outcome (r = 1); mirror = reverse-keyed copy (r = −1); flat never varies; rare answered by 3 only.
            text.Append(CultureInfo.InvariantCulture, $"{o},{o},{o},3,{(r < 3 ? (r + 1).ToString(CultureInfo.InvariantCulture) : "")},");
            text.Append(CultureInfo.InvariantCulture, $"{random.Next(1, 6)},{(r % 4 == 0 ? "" : random.Next(1, 6).ToString(CultureInfo.InvariantCulture))},{random.Next(1, 6)},{o},4\n");
        }

        File.WriteAllText(csv, text.ToString());
        var json = AssertSameAsReference(csv, instrument);

        var drivers = json["keyDrivers"]![0]!["drivers"]!.AsArray();
        Assert.Equal(1.0, (double)drivers[0]!["r"]!);
        Assert.Equal(0.0, (double)drivers[0]!["p"]!);
        Assert.Equal(1.0, (double)drivers[0]!["ci95"]!["low"]!);
        Assert.Equal(-1.0, (double)drivers[1]!["r"]!);
        Assert.Null(drivers[2]!["r"]); // no variance
        Assert.Equal(12, (int)drivers[2]!["n"]!);
        Assert.Null(drivers[3]!["ci95"]); // 3 pairs
        Assert.Equal(3, (int)drivers[3]!["n"]!);
        Assert.NotNull(drivers[4]!["r"]);
        Assert.All(json["keyDrivers"]![1]!["drivers"]!.AsArray(), d => Assert.Null(d!["r"])); // a constant outcome
    }

    /// <summary>Runs the cross-check and returns our JSON, which must carry the fields the reference carries and no others.</summary>
    private static JsonNode AssertSameAsReference(string csv, string? instrument, params string[] options)
    {
        ReferenceCrossCheckTests.AssertSameAsReference(csv, instrument, options);
        var ours = JsonNode.Parse(Cli.Run(["score", csv, "--format", "json", .. (instrument is null ? Array.Empty<string>() : ["--instrument", instrument]), .. options]).Out)!;
        Assert.NotNull(ours["keyDrivers"]);
        Assert.Equal(options.Contains("--team-metrics"), ours.AsObject().ContainsKey("teamMetrics"));
        return ours;
    }
}
