using System.Text;
using FsCheck.Xunit;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Tests.Text;

public sealed class CsvTextTests
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static TheoryData<string> MarkedEncodings => ["utf-8", "utf-16LE", "utf-16BE", "utf-32LE", "utf-32BE"];

    [Theory]
    [MemberData(nameof(MarkedEncodings))]
    public void AFileWithAByteOrderMarkIsReadInItsEncodingWithoutANote(string name)
    {
        var encoding = Encoding.GetEncoding(name);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("name;team\nJosé;Ventes Île-de-France\n")).ToArray();

        Assert.Equal(new DecodedText("name;team\nJosé;Ventes Île-de-France\n", null), CsvText.Decode(bytes));
        var opened = CsvText.Open(new MemoryStream(bytes));
        Assert.Equal("name;team\nJosé;Ventes Île-de-France\n", opened.Text.ReadToEnd());
        Assert.Equal(new CsvLayout(';', SeparatorLine: false), opened.Layout);
        Assert.Null(opened.EncodingNote);
    }

    [Property]
    public bool AnyTextSavedAsUtf8WithOrWithoutAMarkReadsBackAsItWasWithoutANote(string? text, bool mark)
    {
        text = new string((text ?? "").Where(c => !char.IsSurrogate(c)).ToArray()).TrimStart('\uFEFF');
        var bytes = (mark ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var opened = CsvText.Open(new MemoryStream(bytes));
        return CsvText.Decode(bytes) == new DecodedText(text, null) && opened.Text.ReadToEnd() == text && opened.EncodingNote is null;
    }

    [Fact]
    public void AFileThatIsNotUtf8IsReadAsWindows1252WithANoteSaying()
    {
        var bytes = Windows1252.GetBytes("name,team\nJosé,Ventes – Île-de-France €\n");

        Assert.Equal(new DecodedText("name,team\nJosé,Ventes – Île-de-France €\n", CsvText.Windows1252Note), CsvText.Decode(bytes));
        var opened = CsvText.Open(new MemoryStream(bytes));
        Assert.Equal("name,team\nJosé,Ventes – Île-de-France €\n", opened.Text.ReadToEnd());
        Assert.Equal(CsvText.Windows1252Note, opened.EncodingNote);
    }

    [Fact]
    public void AStreamIsCheckedToItsEndAndACharacterSplitBetweenBlocksIsNoError()
    {
        // "é" takes two bytes: put it across the 64 KiB boundary, then a byte that is not UTF-8 far after it.
        var valid = Encoding.UTF8.GetBytes(new string('a', (1 << 16) - 1) + "é\n" + new string('b', 10_000));
        Assert.Null(CsvText.Open(new MemoryStream(valid)).EncodingNote);

        var invalidLate = valid.Append((byte)0xE9).ToArray();
        Assert.Equal(CsvText.Windows1252Note, CsvText.Open(new MemoryStream(invalidLate)).EncodingNote);

        var truncated = valid.Concat(Encoding.UTF8.GetBytes("é")[..1]).ToArray(); // a character cut off at the end
        Assert.Equal(CsvText.Windows1252Note, CsvText.Open(new MemoryStream(truncated)).EncodingNote);
    }

    [Fact]
    public void TheReaderStartsWhereTheStreamWas()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("skipped\nA1;A2\n4;5\n")) { Position = 8 };

        var opened = CsvText.Open(stream);

        Assert.Equal(new CsvLayout(';', SeparatorLine: false), opened.Layout);
        Assert.Equal("A1;A2\n4;5\n", opened.Text.ReadToEnd());
    }

    [Theory]
    [InlineData("a,b;c,d\n", ',')]
    [InlineData("a;b;c,d\n", ';')]
    [InlineData("a\tb\tc;d\n", '\t')]
    [InlineData("\"a;b;c\",d\n1;2;3;4\n", ',')] // only the first line counts, and only outside quotes
    [InlineData("a;b,c\n", ',')] // a tie goes to comma
    [InlineData("name\n", ',')]
    public void TheDelimiterIsTheOneUsedMostOnTheFirstLine(string text, char delimiter) =>
        Assert.Equal(new CsvLayout(delimiter, SeparatorLine: false), CsvText.DetectLayout(text));

    [Theory]
    [InlineData("sep=;\na,b;c\n", ';', "a,b")]
    [InlineData("SEP=,\r\na;b;c\n", ',', "a;b;c")]
    [InlineData("sep=\t\na,b;c", '\t', "a,b;c")]
    public void ASepFirstLineNamesTheDelimiterAndTheHeaderStartsOnLineTwo(string text, char delimiter, string firstCell)
    {
        var layout = CsvText.DetectLayout(text);

        Assert.Equal(new CsvLayout(delimiter, SeparatorLine: true), layout);
        Assert.Equal(2, layout!.Value.HeaderLine);
        using var records = CsvText.Records(text, layout.Value);
        Assert.True(records.MoveNext());
        Assert.Equal(firstCell, records.Current[0].ToString()); // the sep= line is no record, and it wins over the count
    }

    [Fact]
    public void AnEmptyFileHasNoLayout() => Assert.Null(CsvText.DetectLayout(""));

    [Fact]
    public void RecordsKeepQuotedDelimitersQuotesAndLineBreaksInsideOneCell()
    {
        using var records = CsvText.Records("name,comment\nAda,\"one, \"\"two\"\"\nthree\"\nBo,x\n", new CsvLayout(',', SeparatorLine: false));

        var rows = new List<string[]>();
        foreach (var row in records)
        {
            var cells = new string[row.ColCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = row[c].ToString();
            }

            rows.Add(cells);
        }

        Assert.Equal([["name", "comment"], ["Ada", "one, \"two\"\nthree"], ["Bo", "x"]], rows);
    }
}
