using System.Text;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Samples;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Benchmarks;

/// <summary>The benchmark data: the demo company's answers, as CSV bytes and as a read <see cref="ResponseSet"/>.</summary>
public static class Data
{
    /// <summary>Respondents in every benchmark (the "one million").</summary>
    public const int Respondents = 1_000_000;

    /// <summary>The seed of <c>saleswheel sample</c> (its default), so the bytes equal bench/out/million.csv.</summary>
    public const int Seed = 2026;

    /// <summary>The attribute columns the two-breakdown benchmarks group by.</summary>
    public static readonly string[] RoleTeam = ["role", "team"];

    public static Instrument Instrument => BuiltInInstrument.Full;

    /// <summary>The CSV exactly as <c>saleswheel sample --respondents N</c> writes it (UTF-8, no BOM, LF).</summary>
    public static byte[] Csv(int respondents = Respondents)
    {
        using var stream = new MemoryStream(respondents * 140);
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 20, leaveOpen: true))
        {
            DemoCompany.WriteCsv(writer, Instrument, respondents, Seed);
        }

        return stream.ToArray();
    }

    /// <summary>Reads CSV bytes the way the CLI reads a file (with the role and team attribute columns).</summary>
    public static ResponseSet Read(byte[] csv) =>
        ResponsesCsv.Read(new MemoryStream(csv, writable: false), "benchmark.csv", Instrument, RoleTeam).Responses;

    private static readonly Lazy<long> CsvLength = new(() => Csv().LongLength);

    /// <summary>Size of the benchmark CSV in bytes (computed once in the host process, for the MB/s column).</summary>
    public static long CsvBytes => CsvLength.Value;
}
