using System.Text.Json.Nodes;

namespace SalesWheel.Cli.Tests;

public sealed class KeyDriverCommandTests
{
    private static readonly string Sample = Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv");

    [Fact]
    public void TheJsonHasKeyDriversForTheOutcomeAndNoTeamMetricsWithoutAMetricsFile()
    {
        var (code, output, error) = Cli.Run("score", Sample, "--format", "json");

        Assert.True(code == 0, error);
        var json = JsonNode.Parse(output)!.AsObject();
        Assert.False(json.ContainsKey("teamMetrics"));
        var set = json["keyDrivers"]!.AsArray().Single()!;
        Assert.Equal("outcomes", (string?)set["outcome"]);
        var drivers = set["drivers"]!.AsArray();
        Assert.Equal(["strategy", "structure", "operations", "enablement", "talent-management", "training", "capabilities", "motivation"],
            drivers.Select(d => (string?)d!["dimension"]));
        Assert.All(drivers, d =>
        {
            Assert.InRange((double)d!["r"]!, -1, 1);
            Assert.InRange((double)d["p"]!, 0, 1);
            Assert.InRange((double)d["r"]!, (double)d["ci95"]!["low"]!, (double)d["ci95"]!["high"]!);
        });
    }

    [Fact]
    public void AnInstrumentWithoutAnOutcomeHasNoKeyDriversField()
    {
        var folder = Cli.TempFolder();
        var instrument = Path.Combine(folder, "plain.json");
        File.WriteAllText(instrument, """{ "id": "plain", "name": "Plain", "version": "1", "dimensions": [ { "id": "a", "name": "A", "items": [ { "id": "A1" } ] } ] }""");
        var csv = Path.Combine(folder, "a.csv");
        File.WriteAllText(csv, "A1\n1\n2\n3\n4\n5\n");

        var (code, output, error) = Cli.Run("score", csv, "--instrument", instrument, "--format", "json");

        Assert.True(code == 0, error);
        Assert.False(JsonNode.Parse(output)!.AsObject().ContainsKey("keyDrivers"));
    }

    [Fact]
    public void TeamMetricsCountOnlyTheTeamsTheBreakdownShowsEvenWithoutGroupingByTeam()
    {
        var metrics = Path.Combine(Cli.TempFolder(), "metrics.csv");
        File.WriteAllText(metrics, "team,win-rate\nEnterprise,30%\nMid-Market,\"27,5 %\"\nSMB,20\nRevOps,41\nLeadership,33\nPartners,10\n");

        var (code, output, error) = Cli.Run("score", Sample, "--format", "json", "--team-metrics", metrics, "--group-by", "role");

        Assert.True(code == 0, error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(["role"], json["breakdowns"]!.AsArray().Select(b => (string?)b!["by"])); // the team breakdown is not added to the output
        var drivers = json["teamMetrics"]!.AsArray().Single()!["drivers"]!.AsArray();
        Assert.All(drivers, d => Assert.Equal(4, (int)d!["teams"]!)); // Partners (1 person) hidden, and Leadership (6) with it (complementary)
        Assert.All(drivers, d => Assert.Equal(["few-teams"], d!["flags"]!.AsArray().Select(f => (string?)f)));
    }

    [Fact]
    public void ABadMetricsFileNamesEveryBadCellAndNothingIsWritten()
    {
        var folder = Cli.TempFolder();
        var metrics = Path.Combine(folder, "metrics.csv");
        File.WriteAllText(metrics, "Team,win-rate,cycle days,Win-Rate\nEnterprise,abc,30,1\nSMB,20,\"1.234,5\",2\nEnterprise,3,4,5\n,7,8,9\n");
        var output = Path.Combine(folder, "out.json");

        var (code, _, error) = Cli.Run("score", Sample, "--format", "json", "--out", output, "--team-metrics", metrics);

        Assert.Equal(1, code);
        Assert.Contains("line 1, column D: the metric \"Win-Rate\" is given twice (also column B)", error);
        Assert.Contains("line 2, column win-rate: \"abc\" is not a number", error);
        Assert.Contains("line 3, column cycle days: \"1.234,5\" is not a number", error);
        Assert.Contains("line 4, column Team: the team \"Enterprise\" is given twice (also line 2)", error);
        Assert.Contains("line 5, column Team: no team name", error);
        Assert.Contains("5 problems", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void TeamMetricsWithoutATeamColumnInTheAnswersIsAClearError()
    {
        var folder = Cli.TempFolder();
        var answers = Path.Combine(folder, "answers.csv");
        File.WriteAllLines(answers, File.ReadAllLines(Sample).Select(l => string.Join(',', l.Split(',').Where((_, i) => i != 1))));
        var metrics = Path.Combine(folder, "metrics.csv");
        File.WriteAllText(metrics, "team,win-rate\nSMB,20\n");
        var output = Path.Combine(folder, "out.json");

        var (code, _, error) = Cli.Run("score", answers, "--format", "json", "--out", output, "--team-metrics", metrics);

        Assert.Equal(1, code);
        Assert.Contains("--team-metrics needs the teams: the answers must have a column named team", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void TheKeyDriverChartIsAnAccessibleSvgWithEveryDriverLabelledAndTheFocusCornerNamed()
    {
        var (code, output, error) = Cli.Run("score", Sample, "--format", "svg", "--chart", "key-drivers");

        Assert.True(code == 0, error);
        var svg = System.Xml.Linq.XElement.Parse(output);
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("Key drivers of Outcomes", svg.Element(ns + "title")!.Value);
        Assert.Contains("Enablement: r 0.32", svg.Element(ns + "desc")!.Value);
        Assert.Equal(8, svg.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "driver"));
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value == "Important and low: focus here");
    }

    [Fact]
    public void TheKeyDriverChartIsOnlyAnSvg()
    {
        var (code, _, error) = Cli.Run("score", Sample, "--format", "json", "--chart", "key-drivers");

        Assert.NotEqual(0, code);
        Assert.Contains("--chart key-drivers is a picture: use it with --format svg.", error);
    }
}
