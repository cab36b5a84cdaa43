using BenchmarkDotNet.Attributes;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Benchmarks;

/// <summary>
/// The spreadsheet exports of a 10,000-response assessment (the demo company on the full instrument, role and team):
/// what the web app does after reading the responses: score, make the answers anonymous (k = 5), write the file into
/// memory. The workbook goal is under 2 s.
/// </summary>
[Config(typeof(BenchConfig))]
public class ExportBenchmarks
{
    public const int Respondents = 10_000;

    private static readonly ScoringOptions Options = new() { GroupBy = Data.RoleTeam, Phase = CompanyPhase.Scale, Acv = AcvBand.From15KTo50K };

    private ResponseSet _responses = null!;
    private ScoreReport _report = null!;
    private AnonymousAnswers _answers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _responses = Data.Read(Data.Csv(Respondents));
        _report = ScoringEngine.Score(_responses, Options);
        _answers = AnonymousAnswers.From(_responses, Options.MinimumGroupSize);
        if (_answers.Count != Respondents)
        {
            throw new InvalidOperationException($"Expected {Respondents} anonymous rows, made {_answers.Count}.");
        }
    }

    [Benchmark(Description = "XLSX: score + anonymize + workbook")]
    public long Workbook()
    {
        var report = ScoringEngine.Score(_responses, Options);
        var answers = AnonymousAnswers.From(_responses, Options.MinimumGroupSize);
        using var stream = new MemoryStream();
        ResultsWorkbook.WriteAsync(stream, report, answers).GetAwaiter().GetResult();
        return stream.Length;
    }

    [Benchmark(Description = "XLSX: workbook only")]
    public long WorkbookOnly()
    {
        using var stream = new MemoryStream();
        ResultsWorkbook.WriteAsync(stream, _report, _answers).GetAwaiter().GetResult();
        return stream.Length;
    }

    [Benchmark(Description = "CSV: anonymize + answers file")]
    public long AnswersCsvFile()
    {
        var answers = AnonymousAnswers.From(_responses, Options.MinimumGroupSize);
        using var stream = new MemoryStream();
        AnswersCsv.Write(answers, stream);
        return stream.Length;
    }

    [Benchmark(Description = "Anonymize only")]
    public int Anonymize() => AnonymousAnswers.From(_responses, Options.MinimumGroupSize).Count;
}
