using System.Diagnostics;
using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Benchmarks;

/// <summary>
/// A Stopwatch harness for what BenchmarkDotNet does not show: where the time of one <c>saleswheel score</c> run goes.
/// Times each step of the CLI in one fresh process, 3 times each; run 1 is what the CLI pays (cold: tier-0 JIT, OSR),
/// runs 2–3 are warm. Usage: <c>phases [RESPONDENTS | FILE.csv]</c> (default: 1,000,000 respondents made in memory).
/// </summary>
public static class Phases
{
    private const int Runs = 3;

    public static int Run(string[] args)
    {
        var total = Stopwatch.StartNew();
        byte[] csv;
        string source;
        if (args is [var file] && File.Exists(file))
        {
            csv = File.ReadAllBytes(file);
            source = file;
        }
        else
        {
            var respondents = args is [var n] ? int.Parse(n, CultureInfo.InvariantCulture) : Data.Respondents;
            var watch = Stopwatch.StartNew();
            csv = Data.Csv(respondents);
            source = $"DemoCompany.WriteCsv({respondents:N0}) in memory, made in {watch.Elapsed.TotalSeconds:F2} s";
        }

        var mb = csv.Length / 1e6;
        Console.WriteLine($"CSV: {source}; {csv.Length:N0} bytes ({mb:F1} MB)");
        Console.WriteLine($"{"step",-44} {"run",3} {"seconds",9} {"rate",22} {"allocated",12}");

        var options = new ScoringOptions { GroupBy = Data.RoleTeam };
        ResponseSet responses = null!;
        ScoreReport report = null!;
        long answers = 0;

        // The order the CLI runs them in; each step 3 times so run 1 (cold, as in the CLI) can be told from warm runs.
        Time("Sep alone: parse, touch every cell", () => SepOnly(csv), seconds => $"{mb / seconds,10:F1} MB/s");
        Time("ResponsesCsv.Read (role,team)", () =>
        {
            responses = Data.Read(csv);
            answers = (long)responses.Count * responses.Items.Count;
        }, seconds => $"{mb / seconds,10:F1} MB/s");
        Time("ScoringEngine.Score (role,team)", () => report = ScoringEngine.Score(responses, options), seconds => $"{answers / seconds / 1e6,10:F1} M answers/s");
        Time("ScoringEngine.Score (role,team, no key drivers)", () => ScoringEngine.Score(responses, options with { KeyDrivers = false }), seconds => $"{answers / seconds / 1e6,10:F1} M answers/s");
        Time("ScoringEngine.Score (no breakdown)", () => ScoringEngine.Score(responses, new ScoringOptions()), seconds => $"{answers / seconds / 1e6,10:F1} M answers/s");
        string json = "";
        Time("ScoreReportJson.Serialize", () => json = ScoreReportJson.Serialize(report), _ => "");

        Console.WriteLine($"JSON: {Encoding.UTF8.GetByteCount(json):N0} bytes; respondents scored: {report.Respondents:N0}; answers: {answers:N0}");
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"Peak working set of this process: {self.PeakWorkingSet64 / (1024.0 * 1024):N0} MiB (holds the CSV bytes too); total {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static void Time(string step, Action action, Func<double, string> rate)
    {
        for (var run = 1; run <= Runs; run++)
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            action();
            var seconds = watch.Elapsed.TotalSeconds;
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (1024.0 * 1024);
            Console.WriteLine($"{step,-44} {run,3} {seconds,9:F3} {rate(seconds),22} {allocated,8:N0} MiB");
        }
    }

    /// <summary>The parsing floor: the same Sep reader and StreamReader as ResponsesCsv, trimming every cell and nothing else.</summary>
    private static long SepOnly(byte[] csv)
    {
        using var text = new StreamReader(new MemoryStream(csv, writable: false), Encoding.UTF8, true, 1 << 16);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(text);
        long checksum = 0;
        foreach (var row in reader)
        {
            for (var c = 0; c < row.ColCount; c++)
            {
                checksum += row[c].Span.Trim().Length;
            }
        }

        return checksum;
    }
}
