using System.Text.Json.Nodes;
using SalesWheel.Web.Tests.Api;

namespace SalesWheel.Web.Tests.Upload;

/// <summary>The survey-tool exports of ../shared/data/imports (each with its truth file in SalesWheel's own format), and the numbers to compare.</summary>
internal static class ImportCasesKit
{
    public const string Reversed = "m24_numeric_codes_reversed_scale";

    public const string Typo = "m08_embedded_newlines_then_typo";

    public static string Folder => Path.Combine(RepositoryFiles.SharedData, "imports");

    /// <summary>Every case that scores like its truth file as it is (m08 is refused; m24 needs the direction reversed).</summary>
    public static TheoryData<string> Scorable()
    {
        var data = new TheoryData<string>();
        foreach (var name in Directory.GetFiles(Folder, "*.truth.csv").Select(f => Path.GetFileName(f)[..^".truth.csv".Length]).Order(StringComparer.Ordinal))
        {
            if (name is not (Typo or Reversed))
            {
                data.Add(name);
            }
        }

        return data;
    }

    public static byte[] Export(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".csv"));

    public static byte[] Truth(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".truth.csv"));

    /// <summary>
    /// The numbers of an assessment's results (API JSON) that do not depend on how a tool names roles: the instrument,
    /// respondents, every driver, facet and statement score with its interval, and the priorities.
    /// </summary>
    public static async Task<string> OverallNumbers(this HttpClient api, Guid assessment)
    {
        var results = await api.Get($"/api/v1/assessments/{assessment}/results");
        Assert.True(results["visible"]!.GetValue<bool>(), "the results are released");
        var report = results["report"]!.AsObject();
        var numbers = new JsonObject
        {
            ["instrument"] = report["instrument"]!.DeepClone(),
            ["respondents"] = report["respondents"]!.DeepClone(),
            ["dimensions"] = report["dimensions"]!.DeepClone(),
            ["priorities"] = report["priorities"]!.DeepClone(),
        };
        return numbers.Compact();
    }
}
