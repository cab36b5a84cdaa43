using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Imports;

/// <summary>The survey-tool exports of ../shared/data/imports, each with its truth file, and how to compare their scores.</summary>
internal static class ImportCases
{
    public static string Folder => Path.Combine(TestData.SharedData, "imports");

    /// <summary>Every case that must score like its truth file (m08 must be refused; m24 needs the scale reversed).</summary>
    public static TheoryData<string> Scorable()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.truth.csv").Select(f => Path.GetFileName(f)[..^".truth.csv".Length]).Order(StringComparer.Ordinal))
        {
            if (file is not ("m08_embedded_newlines_then_typo" or "m24_numeric_codes_reversed_scale"))
            {
                data.Add(file);
            }
        }

        return data;
    }

    public static string Export(string name) => Path.Combine(Folder, name + ".csv");

    public static string Truth(string name) => Path.Combine(Folder, name + ".truth.csv");

    public static readonly string[] RoleTeam = ["role", "team"];

    /// <summary>The truth file read as SalesWheel's own format (ids as headers, numbers).</summary>
    public static ResponseSet ReadTruth(string name, Instrument instrument) => ResponsesCsv.Read(Truth(name), instrument, RoleTeam).Responses;

    /// <summary>
    /// Imports an export, learns how its role values are named in the truth file (row by row), and imports it again
    /// with those values merged: the breakdowns then compare like for like.
    /// </summary>
    public static ImportResult ImportWithTruthRoles(string path, ResponseSet truth, ImportOptions options)
    {
        var first = AnswerImport.Read(path, options with { GroupBy = RoleTeam });
        Assert.Equal(truth.Count, first.Responses.Count);
        var merges = new Dictionary<string, string>(StringComparer.Ordinal);
        var role = first.Responses.Attributes[0];
        var truthRole = truth.Attributes[0];
        for (var r = 0; r < truth.Count; r++)
        {
            var from = role.Values[role.Codes[r]];
            var to = truthRole.Values[truthRole.Codes[r]];
            Assert.Equal(to, merges.GetValueOrDefault(from, to)); // one export value, one truth value
            merges[from] = to;
        }

        var mapping = (options.Mapping ?? new ImportMapping()) with
        {
            Merges = merges.Where(m => m.Key != m.Value).Select(m => new AttributeMerge("role", m.Key, m.Value)).ToList(),
        };
        return AnswerImport.Read(path, options with { GroupBy = RoleTeam, Mapping = mapping });
    }

    /// <summary>Every number of the score report (overall, drivers, facets, statements, priorities, breakdowns by each attribute read), as JSON.</summary>
    public static string Numbers(ResponseSet responses) =>
        ScoreReportJson.Serialize(ScoringEngine.Score(responses, new ScoringOptions { GroupBy = [.. responses.Attributes.Select(a => a.Name)] }));
}
