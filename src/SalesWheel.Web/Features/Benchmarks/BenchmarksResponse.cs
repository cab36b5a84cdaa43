using System.ComponentModel;
using SalesWheel.Core.Benchmarks;
using SalesWheel.Data;

namespace SalesWheel.Web.Features.Benchmarks;

[Description("One driver's percentile among comparable organizations (same company phase and ACV band; SCORING.md \"Benchmarks\").")]
public sealed record DriverBenchmarkResponse(
    [property: Description("The driver id.")] string Driver,
    [property: Description("This assessment's score for the driver (0–100), as in the report; null when it has none.")] double? Score,
    [property: Description("0–100, unrounded: 100 × (below + ½ × equal) / count among the peers; from published norms an estimate read off their quantiles. Null when fewer than 5 comparable organizations (\"not enough comparable organizations yet\").")] double? Percentile,
    [property: Description("exact (peers), about (a norms estimate), below (under the norms' 10th percentile: percentile is 10) or above (over their 90th: percentile is 90); null with no percentile.")] string? Estimate,
    [property: Description("peers (this SalesWheel's anonymous peer pool, the organization itself left out) or norms (imported published norms); null with no percentile.")] string? Source,
    [property: Description("How many comparable organizations the percentile rests on (5 or more); null with no percentile.")] int? Count,
    [property: Description("The sentence the results page shows.")] string Text);

[Description("Each driver's benchmark, or why there is none. No organization's name, size or date is ever given.")]
public sealed record BenchmarksResponse(
    [property: Description("Why there are no benchmarks (the organization's company phase or ACV band is not set, or the assessment was uploaded); null otherwise.")] string? WhyNone,
    [property: Description("The eight drivers in wheel order; empty with whyNone.")] IReadOnlyList<DriverBenchmarkResponse> Drivers)
{
    public static BenchmarksResponse From(AssessmentBenchmarks benchmarks)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        return new(benchmarks.WhyNone, [.. benchmarks.Drivers.Select(b => new DriverBenchmarkResponse(
            b.Driver,
            b.Score,
            b.Percentile,
            b.Percentile is null ? null : b.Source == BenchmarkSource.Peers ? "exact" : b.Kind switch { NormsEstimateKind.Below => "below", NormsEstimateKind.Above => "above", _ => "about" },
            b.Percentile is null ? null : b.Source == BenchmarkSource.Peers ? "peers" : "norms",
            b.Count,
            b.Score is null ? "no score" : b.Text))]);
    }
}
