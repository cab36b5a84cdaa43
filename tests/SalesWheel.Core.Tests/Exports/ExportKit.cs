using System.Text;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Samples;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Exports;

/// <summary>Answer sets for the export tests, and the round trip through the CSV the way `saleswheel score` reads it.</summary>
internal static class ExportKit
{
    /// <summary>The demo company's answers on the full instrument, read from its CSV with the role and team columns.</summary>
    public static ResponseSet Demo(int respondents, int seed = 2026)
    {
        var text = new StringWriter();
        DemoCompany.WriteCsv(text, BuiltInInstrument.Full, respondents, seed);
        return ReadCsv(text.ToString(), BuiltInInstrument.Full, DemoCompany.AttributeColumns);
    }

    public static ResponseSet ReadCsv(string csv, Instrument instrument, IReadOnlyList<string> groupBy) =>
        ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "test.csv", instrument, groupBy).Responses;

    public static string Csv(AnonymousAnswers answers)
    {
        var text = new StringWriter();
        AnswersCsv.Write(answers, text);
        return text.ToString();
    }

    /// <summary>The CSV's bytes as a download has them (UTF-8 with BOM).</summary>
    public static byte[] CsvBytes(AnonymousAnswers answers)
    {
        using var stream = new MemoryStream();
        AnswersCsv.Write(answers, stream);
        return stream.ToArray();
    }

    /// <summary>Every overall number (no breakdowns), as the JSON contract writes them: equal strings mean equal to the last digit.</summary>
    public static string OverallJson(ResponseSet responses, CompanyPhase? phase = CompanyPhase.Scale) =>
        ScoreReportJson.Serialize(ScoringEngine.Score(responses, new ScoringOptions { Phase = phase, Acv = AcvBand.From15KTo50K }));

    /// <summary>Each attribute's value per respondent (respondents only: people who answered at least one item).</summary>
    public static List<string[]> RespondentAttributes(ResponseSet responses)
    {
        var rows = new List<string[]>();
        var width = responses.Items.Count;
        for (var r = 0; r < responses.Count; r++)
        {
            if (responses.AnswerBytes.Slice(r * width, width).ContainsAnyExcept((byte)0))
            {
                rows.Add(responses.Attributes.Select(a => a.Values[a.Codes[r]]).ToArray());
            }
        }

        return rows;
    }

    public static List<string[]> ExportedAttributes(AnonymousAnswers answers) =>
        Enumerable.Range(0, answers.Count).Select(r => Enumerable.Range(0, answers.AttributeNames.Count).Select(a => answers.Attribute(r, a)).ToArray()).ToList();
}
