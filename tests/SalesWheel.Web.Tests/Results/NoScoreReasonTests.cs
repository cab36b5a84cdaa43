using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SalesWheel.Core.Instruments;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Upload;

namespace SalesWheel.Web.Tests.Results;

/// <summary>A driver with no score says why, on the page and in the PDF, instead of blaming "few answers".</summary>
public sealed partial class NoScoreReasonTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Reason = "no score: respondents answered fewer than half of its statements";

    /// <summary>
    /// Twelve people who answered every statement except Strategy's: of its six, only STR1 (as when a quick-form file is
    /// taken for the full instrument).
    /// </summary>
    internal static string OneOfSixStrategyStatements()
    {
        var items = BuiltInInstrument.Full.Items.ToList();
        var text = new StringBuilder("role,").AppendJoin(',', items.Select(i => i.Id)).Append('\n');
        for (var r = 0; r < 12; r++)
        {
            text.Append(r % 2 == 0 ? "seller" : "manager");
            foreach (var item in items)
            {
                var answered = !item.Id.StartsWith("STR", StringComparison.Ordinal) || item.Id == "STR1";
                text.Append(',').Append(answered ? (1 + ((r + item.Id.Length) % 5)).ToString(CultureInfo.InvariantCulture) : "");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    [Fact]
    public async Task ADriverWhoseStatementsWereAnsweredFewerThanHalfSaysSoOnTheResultsPageAndInThePdf()
    {
        var (client, _) = await app.NewOrganization($"No score {Guid.NewGuid():N}");
        var id = await client.UploadAndCreate("Quick answers taken as full", "full", OneOfSixStrategyStatements());

        var page = Html.Parse(await client.GetPage($"/assessments/{id}/results"));
        var drivers = page.Table("Score 0–100 (100 = everyone chose the top answer) with its 95% interval; favorable = top two answers.").Rows();
        var strategy = drivers.Single(r => r["Driver"].Text() == "Strategy");
        Assert.Equal("–", strategy["Score"].Text());
        Assert.Equal(Reason, strategy["Notes"].Text());
        var structure = drivers.Single(r => r["Driver"].Text() == "Structure");
        Assert.DoesNotContain("no score", structure["Notes"].Text(), StringComparison.Ordinal);

        // As a reader copies it: the driver's name in bold runs on into its sentence.
        var reliability = Spaces().Replace(string.Join(' ', page.Section("Reliability").Select(e => e.TextContent)), " ");
        Assert.Contains($"Strategy: {Reason}.", reliability, StringComparison.Ordinal);
        Assert.DoesNotContain("Strategy: few answers", reliability, StringComparison.Ordinal);
        Assert.Contains("Strategy has no score: respondents answered fewer than half of its statements.", page.One("p.summary").Text(), StringComparison.Ordinal);

        var pdf = await client.GetAsync($"/assessments/{id}/results/report.pdf");
        using var poppler = new Poppler(await pdf.Content.ReadAsByteArrayAsync());
        var text = Spaces().Replace(poppler.RawText(), " ");
        Assert.Contains($"Strategy: {Reason}.", text, StringComparison.Ordinal);
        Assert.Contains("Strategy has no score: respondents answered fewer than half of its statements.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Strategy: few answers", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
