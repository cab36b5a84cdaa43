using System.Globalization;
using System.Text.RegularExpressions;
using SalesWheel.Core.Comparison;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Samples;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using static SalesWheel.Core.Tests.Reports.ReportSamples;

namespace SalesWheel.Core.Tests.Reports;

/// <summary>The report with the wave before ("Compared with …"), the trend across waves and the action plan.</summary>
public sealed partial class PdfExtrasTests
{
    private const string BeforeName = "Q1 baseline";

    private static readonly ScoringOptions Options = new() { Phase = CompanyPhase.Scale, Acv = AcvBand.From15KTo50K, GroupBy = DemoCompany.AttributeColumns };

    // The demo company twice: the later wave answers every Enablement statement one point higher (a change beyond noise).
    private static readonly Lazy<(ScoredWave Before, ScoredWave After)> Waves = new(() => (Wave(240, 3, lift: null), Wave(260, 11, lift: "enablement")));

    private static readonly DateOnly Generated = Day;

    private static readonly PlanRow[] Plan =
    [
        new("Each manager joins one live discovery call per seller every two weeks", "Enablement", "Sales Management and Coaching", "Dana Reyes", Generated.AddDays(-3), PlanStatus.InProgress, null),
        new("Written call plan for every late-stage deal", "Enablement", null, "", Generated.AddDays(20), PlanStatus.Planned, null),
        new("Quarterly territory review", "Structure", "Territories", "Sam Okafor", Generated.AddDays(-30), PlanStatus.Done, Generated.AddDays(-12)),
    ];

    private static readonly Lazy<ReportComparison> Comparison = new(() =>
        new ReportComparison(BeforeName, new DateOnly(2026, 3, 31), Waves.Value.Before.Report, WaveComparison.Between(Waves.Value.Before, Waves.Value.After)));

    private static readonly Lazy<byte[]> WithExtras = new(() => Render(Waves.Value.After.Report, new ReportExtras
    {
        Comparison = Comparison.Value,
        Trend = Trend.From([(BeforeName, new DateOnly(2026, 3, 31), Waves.Value.Before.Report), ("Q3 team assessment", new DateOnly(2026, 9, 14), Waves.Value.After.Report)]),
        Plan = Plan,
    }));

    private static ScoredWave Wave(int respondents, int seed, string? lift)
    {
        var instrument = BuiltInInstrument.Full;
        var lifted = lift is null ? [] : instrument.Dimensions.Single(d => d.Id == lift).Items.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var items = instrument.Items.ToList();
        var set = new ResponseSet(instrument, DemoCompany.AttributeColumns);
        foreach (var r in DemoCompany.Respondents(instrument, respondents, seed))
        {
            var row = set.AddRow();
            r.Answers.CopyTo(row);
            for (var i = 0; i < items.Count; i++)
            {
                // Lift toward agreement: a reversed statement is answered one point lower (0 is no answer).
                if (lifted.Contains(items[i].Id) && row[i] != 0)
                {
                    row[i] = (byte)Math.Clamp(row[i] + (items[i].Reverse ? -1 : 1), 1, 5);
                }
            }

            set.Attributes[0].Append(r.Role);
            set.Attributes[1].Append(r.Team);
        }

        return ScoringEngine.ScoreWave(set, Options);
    }

    private static byte[] Render(ScoreReport report, ReportExtras extras, ReportCover? cover = null)
    {
        using var buffer = new MemoryStream();
        PdfReport.Render(report, cover ?? Cover(), PaperSize.A4, buffer, extras);
        return buffer.ToArray();
    }

    private static List<string> ContentsTitles(Poppler pdf) =>
        [.. pdf.PageText(1).Split('\n').Select(l => ContentsLine().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.Trim())];

    [Fact]
    public void EachDriversBenchmarkIsPrintedOnTheLineOfItsNameAndScoreAndNoneGivenPrintsNoBenchmarks()
    {
        var report = Waves.Value.After.Report;
        var drivers = report.Dimensions.Where(d => d.Kind == "driver").ToList();
        var benchmarks = drivers.Select((d, i) => (d.Id, Text: i % 2 == 0 ? $"{i + 40}th percentile ({i + 5} comparable organizations on this SalesWheel)" : "not enough comparable organizations yet"))
            .ToDictionary(b => b.Id, b => b.Text, StringComparer.Ordinal);
        using var pdf = new Poppler(Render(report, new ReportExtras { Benchmarks = benchmarks }));
        var lines = pdf.Text().Split('\n');

        Assert.Contains(lines, l => l.Trim() == "Compared with organizations like yours");
        foreach (var d in drivers)
        {
            Assert.Contains(lines, l => l.Contains(d.Name, StringComparison.Ordinal) && l.Contains(ReportFormat.Score(d.Score), StringComparison.Ordinal)
                && l.Contains(benchmarks[d.Id], StringComparison.Ordinal));
        }

        using var none = new Poppler(Render(report, ReportExtras.None));
        Assert.DoesNotContain("Compared with organizations like yours", none.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("comparable organizations", none.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheComparisonTheTrendAndThePlanAreSectionsListedInTheContentsWithTheirPages()
    {
        using var pdf = new Poppler(WithExtras.Value);

        var titles = ContentsTitles(pdf);
        Assert.Equal(
            ["The wheel and summary", "Scores by driver", $"Compared with {BeforeName}", "Trend across waves", "Fix first: the top three priorities and what to do", "Action plan"],
            titles.Take(6));
        foreach (var (title, heading) in new[] { ($"Compared with {BeforeName}", $"Compared with {BeforeName}"), ("Trend across waves", "Trend across waves"), ("Action plan", "Action plan") })
        {
            var listed = int.Parse(Regex.Match(pdf.PageText(1), Regex.Escape(title) + @"[ .]*(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.Contains(pdf.PageText(listed).Split('\n'), l => l.Trim() == heading);
        }
    }

    [Fact]
    public void EachDriversBeforeAfterChangeIntervalAndReadingAreTheComparisonsAsPrinted()
    {
        var after = Waves.Value.After.Report;
        using var pdf = new Poppler(WithExtras.Value);
        var lines = pdf.Text().Split('\n');
        var table = Array.FindIndex(lines, l => l.Trim() == $"Compared with {BeforeName}");
        Assert.True(table >= 0);

        foreach (var c in Comparison.Value.Changes.Dimensions)
        {
            var name = after.Dimensions.Single(d => d.Id == c.Id).Name;
            var reading = ReportFormat.Noise(c.BeyondNoise);
            var row = lines.Skip(table).First(l => l.TrimStart().StartsWith(name.Split(' ')[0], StringComparison.Ordinal) && l.Contains(" to ", StringComparison.Ordinal));
            var expected = $"{ReportFormat.Score(c.Before.Score)} {ReportFormat.Score(c.After.Score)} {ReportFormat.Change(c.Change)} {ReportFormat.ChangeInterval(c.Ci95)} {reading}";
            Assert.EndsWith(expected, Flat(row).Trim());
        }

        var enablement = Comparison.Value.Changes.Dimensions.Single(d => d.Id == "enablement");
        Assert.True(enablement.BeyondNoise && enablement.Change > 10, "the lifted driver should have moved beyond noise");
        Assert.DoesNotContain("significant", pdf.Text(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheComparisonsWheelDrawsTheEarlierWaveAsAnOutlineAndFacetsChangesAreListed()
    {
        using var pdf = new Poppler(WithExtras.Value);
        var page = Enumerable.Range(1, pdf.PageCount).First(p => pdf.PageText(p).Contains($"Compared with {BeforeName}", StringComparison.Ordinal) && p > 1);
        var text = Flat(pdf.PageText(page) + pdf.PageText(page + 1));

        Assert.Contains($"outline: {BeforeName}", text);
        var enablement = Comparison.Value.Changes.Dimensions.Single(d => d.Id == "enablement");
        var facets = Waves.Value.After.Report.Dimensions.Single(d => d.Id == "enablement").Facets;
        Assert.Contains("Enablement: " + string.Join(", ", enablement.Facets.Select(f => $"{facets.Single(x => x.Id == f.Id).Name} {ReportFormat.Change(f.Change)}")), Flat(pdf.RawText()));
    }

    [Fact]
    public void ThePlanListsEachActionUnderItsDriverWithOwnerDueDateAndStatusAndMarksTheOverdueOne()
    {
        using var pdf = new Poppler(WithExtras.Value);
        var all = pdf.Text().Split('\n');
        var lines = all[Array.FindLastIndex(all, l => l.Trim() == "Action plan")..Array.FindLastIndex(all, l => l.Trim() == "Perception gaps")];
        string Row(string owner) => Flat(lines.Single(l => l.Contains(owner, StringComparison.Ordinal))).Trim();

        Assert.Contains("3 actions in the organization's plan: 1 done, 1 in progress, 1 planned; 1 overdue", Flat(string.Join(' ', lines)));
        Assert.True(Array.FindIndex(lines, l => l.Trim() == "Enablement") < Array.FindIndex(lines, l => l.Trim() == "Structure"));
        Assert.EndsWith("Dana Reyes 24 Nov 2026 In progress", Row("Dana Reyes"));
        Assert.EndsWith("nobody yet 17 Dec 2026 Planned", Row("nobody yet"));
        Assert.EndsWith("Sam Okafor 28 Oct 2026 Done 15 Nov 2026", Row("Sam Okafor"));
        // The lead names the count; under it, only the overdue action's due date is marked.
        var marks = lines.Skip(3).Where(l => OverdueWord().IsMatch(l)).ToList();
        Assert.Single(marks);
        Assert.Equal(Array.FindIndex(lines, l => l.Contains("Dana Reyes", StringComparison.Ordinal)) + 1, Array.IndexOf(lines, marks[0]));
    }

    [Fact]
    public void WithoutExtrasTheReportHasTheSameSectionsAsBeforeAndOneWaveDrawsNoTrend()
    {
        string[] plain = ["The wheel and summary", "Scores by driver", "Fix first: the top three priorities and what to do", "Key drivers", "Perception gaps by group", "Reliability", "How the numbers are made"];
        using var alone = new Poppler(Pdf(Waves.Value.After.Report));
        Assert.Equal(plain, ContentsTitles(alone));

        var after = Waves.Value.After.Report;
        using var oneWave = new Poppler(Render(after, new ReportExtras { Trend = Trend.From([("Q3 team assessment", Day, after)]) }));
        Assert.Equal(plain, ContentsTitles(oneWave));
        Assert.Equal(alone.PageCount, oneWave.PageCount);
    }

    [Fact]
    public void ALongEarlierWaveNameWrapsInTheHeadingAndTheContentsInsideThePage()
    {
        const string name = "Quarterly enablement pulse for the enterprise and mid-market teams in EMEA and North America after the kickoff";
        var long_ = Comparison.Value with { BeforeName = name };
        using var pdf = new Poppler(Render(Waves.Value.After.Report, new ReportExtras { Comparison = long_ }));

        Assert.Contains($"Compared with {name}", Flat(pdf.PageText(1)));
        var words = pdf.Words();
        Assert.Contains(words, w => w.Text == "kickoff" && w.Page == 1);
        Assert.All(words, w => Assert.True(w.XMax <= 595.28 - 40, $"\"{w.Text}\" on page {w.Page} ends at {w.XMax:0}, past the margin"));
    }

    private static string Flat(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\boverdue\b")]
    private static partial Regex OverdueWord();

    // A contents line: its title, the dots, its page number.
    [GeneratedRegex(@"^\s*(\S.*?)[ .]{2,}\d+\s*$")]
    private static partial Regex ContentsLine();
}
