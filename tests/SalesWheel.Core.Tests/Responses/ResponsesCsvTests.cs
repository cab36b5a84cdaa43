using System.Text;
using SalesWheel.Core.Responses;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Responses;

public sealed class ResponsesCsvTests
{
    private static ResponsesFile Read(string text, params string[] groupBy) => Read(Encoding.UTF8.GetBytes(text), groupBy);

    private static ResponsesFile Read(byte[] bytes, params string[] groupBy) =>
        ResponsesCsv.Read(new MemoryStream(bytes), "answers.csv", Small(), groupBy);

    [Fact]
    public void SemicolonsTabsAndAByteOrderMarkReadTheSameAsCommas()
    {
        const string commas = "role,A1,A2,A3,B1,B2\nseller,5,4,1,2,3\nleader,3,,2,4,\n";
        var expected = Answers(Read(commas, "role"));
        var bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(commas.Replace(',', ';'))).ToArray();
        Assert.Equal(expected, Answers(Read(bom, "role")));
        Assert.Equal(';', Read(bom, "role").Delimiter);
        Assert.Equal(expected, Answers(Read(commas.Replace(',', '\t'), "role")));
        Assert.Equal(["seller", "leader"], Read(bom, "role").Responses.Attributes[0].Values);
    }

    [Fact]
    public void ASepFirstLineNamesTheDelimiterAndHeaderProblemsPointAtLineTwo()
    {
        const string commas = "role,A1,A2,A3,B1,B2\nseller,5,4,1,2,3\nleader,3,,2,4,\n";
        var file = Read("sep=;\n" + commas.Replace(',', ';'), "role");

        Assert.Equal(Answers(Read(commas, "role")), Answers(file));
        Assert.Equal(';', file.Delimiter);
        var error = Assert.Throws<InvalidResponsesException>(() => Read("sep=,\nrole,A1,A1\nseller,4,5\n", "role"));
        Assert.Equal(["line 2, column 3: \"A1\" appears twice in the header (also column 2)"], error.Problems);
    }

    [Fact]
    public void AFileSavedAsWindows1252KeepsItsAccentedTeamNamesAndSaysHowItWasRead()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("team,A1,A2\nVentes Île-de-France,4,5\n");

        var file = Read(bytes, "team");

        Assert.Equal(["Ventes Île-de-France"], file.Responses.Attributes[0].Values);
        Assert.Equal(Core.Text.CsvText.Windows1252Note, file.EncodingNote);
        Assert.Null(Read("team,A1,A2\nVentes Île-de-France,4,5\n", "team").EncodingNote);
    }

    [Fact]
    public void NotAnsweredMarkersWhitespaceAndQuotesAreUnderstood()
    {
        var file = Read("A1,A2,A3,B1,B2\n\" 4 \",na, N/A ,-,\n 2 ,NA,n/a,5,\"3\"\n");
        Assert.Equal([[4, null, null, null, null], [2, null, null, 5, 3]], Answers(file));
    }

    [Fact]
    public void EveryBadCellIsNamedByLineAndColumnAndNothingIsReturned()
    {
        var error = Assert.Throws<InvalidResponsesException>(() => Read("A1,A2,A3,B1,B2\n1,2,3,4,5\n6,2,x,4,5\n\n1,2.5,3,0,5\n"));
        Assert.Equal(4, error.TotalProblems);
        Assert.Equal(
        [
            "line 3, column A1: 6 is outside the scale 1..5",
            "line 3, column A3: \"x\" is not a whole number on the scale 1..5 (leave it blank, or write NA, if not answered)",
            "line 5, column A2: \"2.5\" is not a whole number on the scale 1..5 (leave it blank, or write NA, if not answered)",
            "line 5, column B1: 0 is outside the scale 1..5",
        ], error.Problems);
    }

    [Fact]
    public void MoreThanFiftyBadCellsAreListedUpToFiftyThenCounted()
    {
        var text = new StringBuilder("A1,A2,A3,B1,B2\n");
        for (var i = 0; i < 30; i++)
        {
            text.Append("9,9,1,1,1\n");
        }

        var error = Assert.Throws<InvalidResponsesException>(() => Read(text.ToString()));
        Assert.Equal(60, error.TotalProblems);
        Assert.Equal(50, error.Problems.Count);
        Assert.Contains("… and 10 more", error.Message);
        Assert.Equal("line 26, column A2: 9 is outside the scale 1..5", error.Problems[49]);
    }

    [Fact]
    public void RowsWithoutAnswersAreSkippedAndCountedAndOtherColumnsAreListed()
    {
        var file = Read("id,A1,A2,A3,B1,team,B2\n1,3,3,3,3,x,3\n2,,,,,y,\n3,NA,-,,,z,\n", "team");
        Assert.Equal(1, file.Responses.Count);
        Assert.Equal(2, file.SkippedEmptyRows);
        Assert.Equal(["id"], file.IgnoredColumns);
        Assert.Equal(["x"], file.Responses.Attributes[0].Values);
    }

    [Fact]
    public void AMissingGroupByColumnOrNoItemColumnIsAnError()
    {
        var missing = Assert.Throws<InvalidResponsesException>(() => Read("A1,A2\n1,2\n", "role"));
        Assert.Contains("cannot group by \"role\": the header has no such column", missing.Problems[0]);

        var noItems = Assert.Throws<InvalidResponsesException>(() => Read("x,y\n1,2\n"));
        Assert.Contains("no column is named after an item", noItems.Problems[0]);

        var empty = Assert.Throws<InvalidResponsesException>(() => Read(""));
        Assert.Contains("empty", empty.Problems[0]);
    }

    [Fact]
    public void AnItemColumnThatAppearsTwiceIsAnError()
    {
        var error = Assert.Throws<InvalidResponsesException>(() => Read("A1,A2,A1\n1,2,3\n"));
        Assert.Contains("\"A1\" appears twice", error.Problems[0]);
    }

    [Fact]
    public void ItemsWithoutAColumnAreReportedAndShortRowsAreNotAnswered()
    {
        var file = Read("A1,A2,B1\n1,2\n");
        Assert.Equal(["A3", "B2"], file.ItemsWithoutColumn);
        Assert.Equal([[1, 2, null, null, null]], Answers(file));
    }

    private static List<int?[]> Answers(ResponsesFile file)
    {
        var set = file.Responses;
        return Enumerable.Range(0, set.Count).Select(r => Enumerable.Range(0, set.Items.Count).Select(i => set.Answer(r, i)).ToArray()).ToList();
    }

    [Fact]
    public void TheHeaderIsReadWithTheSameDelimiterDetectionAndTheStreamIsLeftWhereItWas()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("\"Job; title\";Team ; A1;A2\nseller;East;4;5\n")).ToArray();
        using var stream = new MemoryStream(bytes);

        Assert.Equal(["Job; title", "Team", "A1", "A2"], ResponsesCsv.ReadHeader(stream));
        Assert.Equal(0, stream.Position);
        Assert.Equal(1, ResponsesCsv.Read(stream, "answers.csv", Small(), ["Team"]).Responses.Count);
        Assert.Empty(ResponsesCsv.ReadHeader(new MemoryStream()));
    }
}
