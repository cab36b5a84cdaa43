using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Exports;

namespace SalesWheel.Core.Tests.Exports;

public sealed class CsvCellsTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+East", "'+East")]
    [InlineData("-North", "'-North")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("  =cmd", "  '=cmd")]
    [InlineData("Sales;=cmd|' /C calc'!A0", "Sales;'=cmd|' /C calc'!A0")]
    [InlineData("Sales, =HYPERLINK(\"x\")", "Sales, '=HYPERLINK(\"x\")")]
    [InlineData("a,+b;-c,@d", "a,'+b;'-c,'@d")]
    [InlineData("Sales, EMEA", "Sales, EMEA")]
    [InlineData("Central", "Central")]
    [InlineData("", "")]
    public void AnythingASpreadsheetWouldRunAsAFormulaBecomesText(string cell, string written) => Assert.Equal(written, CsvCells.Text(cell));

    [Theory]
    [InlineData("-5")]
    [InlineData("-0.25")]
    [InlineData("12")]
    [InlineData("a;-3")]
    [InlineData("-1, -2")]
    public void NegativeNumbersAreDataAndStayAsTheyAre(string cell) => Assert.Equal(cell, CsvCells.Text(cell));

    [Theory]
    [InlineData("-5+1", "'-5+1")]
    [InlineData("-2-3", "'-2-3")]
    [InlineData("-1e3", "'-1e3")]
    [InlineData("-5 ", "-5 ")]
    public void OnlyAPlainNumberPassesAsData(string cell, string written) => Assert.Equal(written, CsvCells.Text(cell));

    [Theory]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\r=cmd", "'\r=cmd")]
    [InlineData("a;\t=cmd", "a;'\t=cmd")]
    [InlineData("Hun\u000bters", "Hun ters")]
    [InlineData("a\u0000b", "a b")]
    public void LeadingTabsAndCarriageReturnsAreDefusedAndOtherControlsNeverReachTheFile(string cell, string written) => Assert.Equal(written, CsvCells.Text(cell));

    [Theory]
    [InlineData("Sales, EMEA", "\"Sales, EMEA\"")]
    [InlineData("Sales; EMEA", "\"Sales; EMEA\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=cmd", "'=cmd")]
    public void AQuotedCellIsDefusedAndStaysOneCell(string cell, string written) => Assert.Equal(written, CsvCells.Quoted(cell));

    /// <summary>Text from the characters that matter here, in any order.</summary>
    private static Arbitrary<string> Cells() =>
        Gen.ListOf(Gen.Elements('=', '+', '-', '@', '\t', '\r', '\n', ';', ',', ' ', 'a', '1', '.', '"', '\'', '\u000b'))
            .Select(chars => new string([.. chars])).ToArbitrary();

    [Property(MaxTest = 2000)]
    public Property NoSegmentOfAWrittenCellStartsAFormula() => Prop.ForAll(Cells(), cell =>
    {
        var written = CsvCells.Text(cell);
        foreach (var segment in written.Split(';', ','))
        {
            var start = segment.TrimStart(' ');
            var plainNumber = System.Text.RegularExpressions.Regex.IsMatch(start.TrimEnd(' '), @"^-?[0-9]+(\.[0-9]+)?$");
            if (start.Length > 0 && start[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !plainNumber)
            {
                return false;
            }
        }

        // Nothing is lost: taking the apostrophes added out gives the cell back, control characters as spaces.
        return written.Length >= cell.Length && !written.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));
    });
}
