using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports;

/// <summary>The JSON contract of SCORING.md: camelCase names, nulls written out, numbers unrounded.</summary>
public static class ScoreReportJson
{
    /// <summary>Options that produce the contract (shared by the CLI and the web API).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes a report.</summary>
    public static string Serialize(ScoreReport report) => JsonSerializer.Serialize(report, Options) + "\n";
}
