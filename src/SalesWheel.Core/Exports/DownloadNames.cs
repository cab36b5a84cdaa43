using System.Text;
using SalesWheel.Core.Reports;

namespace SalesWheel.Core.Exports;

/// <summary>
/// The file names an assessment's downloads are given (the Content-Disposition name), the same from the results page
/// and from the API: the assessment's name as a slug (<see cref="Slug"/>), a dash, and what the file is, e.g.
/// "q3-team-assessment-report-a4.pdf", "q3-team-assessment-wheel.svg", "q3-team-assessment-trend.svg", "q3-team-assessment-results.xlsx",
/// "q3-team-assessment-answers.csv".
/// </summary>
public static class DownloadNames
{
    /// <summary>The longest slug, in characters; longer names are cut at a word.</summary>
    public const int MaximumSlugLength = 60;

    /// <summary>
    /// The assessment's name as plain ASCII for a file name: ASCII letters and digits in lower case, every run of
    /// spaces, punctuation and symbols one dash, no dash at either end, at most <see cref="MaximumSlugLength"/>
    /// characters; "assessment" when nothing is left ("Spring review: EMEA &amp; US" → "spring-review-emea-us").
    /// Other letters are left out: an accented letter becomes its base letter only where the runtime can decompose it
    /// (not with the invariant globalization SalesWheel runs with, where "Équipe" → "quipe").
    /// </summary>
    /// <param name="assessmentName">The assessment's name as stored; any text.</param>
    public static string Slug(string assessmentName)
    {
        ArgumentNullException.ThrowIfNull(assessmentName);
        var text = new StringBuilder();
        foreach (var c in assessmentName.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                text.Append(char.ToLowerInvariant(c));
            }
            else if ((char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c)) && text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var slug = text.ToString().Trim('-');
        if (slug.Length > MaximumSlugLength)
        {
            slug = slug[..MaximumSlugLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "assessment" : slug;
    }

    /// <summary>The PDF executive report: "{slug}-report-a4.pdf" or "{slug}-report-letter.pdf".</summary>
    /// <param name="assessmentName">The assessment's name as stored.</param>
    /// <param name="paper">The paper the report is laid out for.</param>
    public static string Report(string assessmentName, PaperSize paper) =>
        $"{Slug(assessmentName)}-report-{(paper == PaperSize.Letter ? "letter" : "a4")}.pdf";

    /// <summary>The wheel as SVG: "{slug}-wheel.svg".</summary>
    /// <param name="assessmentName">The assessment's name as stored.</param>
    public static string WheelSvg(string assessmentName) => $"{Slug(assessmentName)}-wheel.svg";

    /// <summary>The wheel as PNG: "{slug}-wheel.png".</summary>
    /// <param name="assessmentName">The assessment's name as stored.</param>
    public static string WheelPng(string assessmentName) => $"{Slug(assessmentName)}-wheel.png";

    /// <summary>The trend of every driver across waves as SVG: "{slug}-trend.svg".</summary>
    /// <param name="assessmentName">The assessment's name as stored (the latest wave drawn).</param>
    public static string TrendSvg(string assessmentName) => $"{Slug(assessmentName)}-trend.svg";

    /// <summary>The trend of every driver across waves as PNG: "{slug}-trend.png".</summary>
    /// <param name="assessmentName">The assessment's name as stored (the latest wave drawn).</param>
    public static string TrendPng(string assessmentName) => $"{Slug(assessmentName)}-trend.png";

    /// <summary>The results workbook (<see cref="ResultsWorkbook"/>): "{slug}-results.xlsx".</summary>
    /// <param name="assessmentName">The assessment's name as stored.</param>
    public static string Workbook(string assessmentName) => $"{Slug(assessmentName)}-results.xlsx";

    /// <summary>The anonymous answers (<see cref="AnswersCsv"/>): "{slug}-answers.csv".</summary>
    /// <param name="assessmentName">The assessment's name as stored.</param>
    public static string Answers(string assessmentName) => $"{Slug(assessmentName)}-answers.csv";
}
