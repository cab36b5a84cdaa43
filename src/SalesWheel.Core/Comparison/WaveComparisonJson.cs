using System.Text.Json;
using SalesWheel.Core.Reports;

namespace SalesWheel.Core.Comparison;

/// <summary>The JSON of SCORING.md "Comparing two waves" (the CLI's <c>compare --format json</c>, the API): unrounded numbers.</summary>
public static class WaveComparisonJson
{
    /// <summary>Serializes a comparison with the score report's options (camelCase, nulls written).</summary>
    public static string Serialize(WaveComparison comparison) => JsonSerializer.Serialize(comparison, ScoreReportJson.Options) + "\n";
}
