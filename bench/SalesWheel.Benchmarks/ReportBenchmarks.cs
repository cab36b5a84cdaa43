using BenchmarkDotNet.Attributes;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Samples;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;

namespace SalesWheel.Benchmarks;

/// <summary>
/// Issue 4: the PDF executive report of a 10,000-response assessment (goal: under 500 ms), from the engine's result
/// and from the answers (scoring included), and the wheel as PNG (2×) and SVG. The demo company's answers, broken down
/// by role and team, Scale phase, mid-market deals: every section of the report is drawn.
/// </summary>
[Config(typeof(BenchConfig))]
public class ReportBenchmarks
{
    public const int Respondents = 10_000;

    private static readonly ScoringOptions Options = new()
    {
        Phase = CompanyPhase.Scale,
        Acv = AcvBand.From15KTo50K,
        GroupBy = DemoCompany.AttributeColumns,
    };

    private static readonly ReportCover Cover = new()
    {
        AssessmentName = "Q3 team assessment",
        OrganizationName = "Acme Robotics",
        Opened = new DateOnly(2026, 9, 1),
        Closed = new DateOnly(2026, 9, 14),
        Invited = 11_000,
        Generated = new DateOnly(2026, 11, 27),
    };

    private ResponseSet _responses = null!;
    private ScoreReport _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        _responses = new ResponseSet(Data.Instrument, DemoCompany.AttributeColumns, Respondents);
        foreach (var r in DemoCompany.Respondents(Data.Instrument, Respondents, Data.Seed))
        {
            r.Answers.CopyTo(_responses.AddRow());
            _responses.Attributes[0].Append(r.Role);
            _responses.Attributes[1].Append(r.Team);
        }

        _report = ScoringEngine.Score(_responses, Options);
    }

    [Benchmark(Description = "PDF report (A4), 10,000 responses, from the result")]
    public long Pdf() => Render(_report);

    [Benchmark(Description = "Score + PDF report (A4), 10,000 responses")]
    public long ScoreAndPdf() => Render(ScoringEngine.Score(_responses, Options));

    [Benchmark(Description = "Wheel PNG (2x, 2000 × 1720)")]
    public int Png() => WheelPng.Render(_report, 2).Length;

    [Benchmark(Description = "Wheel SVG")]
    public int Svg() => WheelSvg.Render(_report).Length;

    private static long Render(ScoreReport report)
    {
        using var buffer = new MemoryStream(1 << 20);
        PdfReport.Render(report, Cover, PaperSize.A4, buffer);
        return buffer.Length;
    }
}
