using FsCheck;
using FsCheck.Xunit;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Reports;

namespace SalesWheel.Core.Tests.Exports;

public sealed class DownloadNamesTests
{
    [Theory]
    [InlineData("Q3 team assessment", "q3-team-assessment")]
    [InlineData("Spring review: EMEA & US", "spring-review-emea-us")]
    [InlineData("  --Board pack!--  ", "board-pack")]
    [InlineData("???", "assessment")]
    [InlineData("", "assessment")]
    public void TheSlugIsTheNameInLowerCaseAsciiWithOneDashBetweenWords(string name, string slug) =>
        Assert.Equal(slug, DownloadNames.Slug(name));

    [Fact]
    public void ALongNameIsCutAtSixtyCharactersWithoutATrailingDash()
    {
        var slug = DownloadNames.Slug(string.Concat(Enumerable.Repeat("abcd ", 30)));

        Assert.Equal(59, slug.Length); // "abcd-" × 12 is 60 characters; the dash at the end goes
        Assert.EndsWith("abcd", slug, StringComparison.Ordinal);
    }

    [Fact]
    public void EachDownloadIsTheSlugAndWhatTheFileIs()
    {
        Assert.Equal("q3-report-a4.pdf", DownloadNames.Report("Q3", PaperSize.A4));
        Assert.Equal("q3-report-letter.pdf", DownloadNames.Report("Q3", PaperSize.Letter));
        Assert.Equal("q3-wheel.svg", DownloadNames.WheelSvg("Q3"));
        Assert.Equal("q3-wheel.png", DownloadNames.WheelPng("Q3"));
        Assert.Equal("q3-results.xlsx", DownloadNames.Workbook("Q3"));
        Assert.Equal("q3-answers.csv", DownloadNames.Answers("Q3"));
    }

    [Property]
    public bool AnyNameGivesAShortSafeFileName(NonNull<string> name)
    {
        var slug = DownloadNames.Slug(name.Get);
        return slug.Length is > 0 and <= DownloadNames.MaximumSlugLength
            && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && !slug.StartsWith('-') && !slug.EndsWith('-') && !slug.Contains("--", StringComparison.Ordinal);
    }
}
