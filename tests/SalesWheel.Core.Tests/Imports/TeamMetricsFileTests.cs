using System.Text;
using SalesWheel.Core.Imports;
using SpreadCheetah;
using SpreadCheetah.Styling;

namespace SalesWheel.Core.Tests.Imports;

/// <summary>Team metrics files are read by the answers' rules: encodings, delimiters, workbooks, and every bad cell named.</summary>
public sealed class TeamMetricsFileTests
{
    private static TeamMetricsTable Read(byte[] bytes, string name = "metrics.csv") => TeamMetricsFile.Read(new MemoryStream(bytes), name);

    private static TeamMetricsTable Read(string text) => Read(new UTF8Encoding(false).GetBytes(text));

    [Fact]
    public void MetricsAreNamedByTheirTrimmedHeadersInFileOrderWithPercentSignsAndDecimalCommas()
    {
        var table = Read(" TEAM ;  win-rate ;Quota attainment %;cycle days\r\nWest ;45%;\"101,5\";NA\r\nEast;12,25 %;-3;\r\n;;;\r\n");

        Assert.Equal(["win-rate", "Quota attainment %", "cycle days"], table.Metrics);
        Assert.Equal(["West", "East"], table.Teams);
        Assert.Equal(45, table.Value("West", "win-rate"));
        Assert.Equal(101.5, table.Value("West", "Quota attainment %"));
        Assert.Null(table.Value("West", "cycle days"));
        Assert.Equal(12.25, table.Value("East", "win-rate"));
        Assert.Equal(-3, table.Value("East", "Quota attainment %"));
        Assert.Null(table.Value("Nowhere", "win-rate"));
    }

    [Fact]
    public void ASepLineAByteOrderMarkAndUtf16AreReadAsForAnswers()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("sep=\t\nteam\twin-rate\nÉquipe Île\t30\n")).ToArray();

        var table = Read(utf16);

        Assert.Equal(30, table.Value("Équipe Île", "win-rate"));
    }

    [Fact]
    public async Task AWorkbookIsReadWithPercentageCellsAsShown()
    {
        var stream = new MemoryStream();
        await using (var workbook = await Spreadsheet.CreateNewAsync(stream))
        {
            await workbook.StartWorksheetAsync("Metrics");
            var percent = workbook.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.Percent) });
            await workbook.AddRowAsync([new Cell("Team"), new Cell("win-rate"), new Cell("cycle days")]);
            await workbook.AddRowAsync([new Cell("West"), new Cell(0.45, percent), new Cell(61.5)]);
            await workbook.FinishAsync();
        }

        stream.Position = 0;
        var table = TeamMetricsFile.Read(stream, "metrics.xlsx");

        Assert.Equal(45, table.Value("West", "win-rate")!.Value, 1e-12);
        Assert.Equal(61.5, table.Value("West", "cycle days"));
    }

    [Fact]
    public void EveryBadCellIsNamedByLineAndColumnAndNothingIsReturned()
    {
        var error = Assert.Throws<InvalidTeamMetricsException>(() => Read(
            "team,win-rate,cycle,win-rate\nWest,forty,12,1\nEast,1.000,5,3\nWest,3,x,4\n,1,2,3\n"));

        Assert.Equal(
        [
            "line 1, column D: the metric \"win-rate\" is given twice (also column B)",
            "line 2, column win-rate: \"forty\" is not a number (write e.g. 45, 45.5, 45,5 or 45%; leave it blank when there is no value)",
            "line 4, column team: the team \"West\" is given twice (also line 2)",
            "line 4, column cycle: \"x\" is not a number (write e.g. 45, 45.5, 45,5 or 45%; leave it blank when there is no value)",
            "line 5, column team: no team name",
        ], error.Problems);
        Assert.StartsWith("metrics.csv: 5 problems; no metrics were read.", error.Message);
    }

    [Fact]
    public void AFileWithoutATeamColumnOrMetricsSaysWhatTheHeaderNeeds()
    {
        Assert.Contains("no column named \"team\"", Assert.Throws<InvalidTeamMetricsException>(() => Read("group,win-rate\nA,1\n")).Problems[0]);
        Assert.Contains("no metric columns", Assert.Throws<InvalidTeamMetricsException>(() => Read("team\nA\n")).Problems[0]);
        Assert.Contains("the file is empty", Assert.Throws<InvalidTeamMetricsException>(() => Read("")).Problems[0]);
        Assert.Contains("old Excel workbook", Assert.Throws<InvalidTeamMetricsException>(() => Read([0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0])).Problems[0]);
    }

    [Fact]
    public void TypedInTablesRefuseDuplicatesToo()
    {
        var row = new Dictionary<string, double?> { ["win-rate"] = 1 };
        Assert.Throws<ArgumentException>(() => new TeamMetricsTable(["win-rate", "Win-Rate"], []));
        Assert.Throws<ArgumentException>(() => new TeamMetricsTable(["win-rate"], [new("West", row), new(" West ", row)]));
        Assert.Throws<ArgumentException>(() => new TeamMetricsTable(["win-rate"], [new("West", new Dictionary<string, double?> { ["cycle"] = 1 })]));
    }
}
