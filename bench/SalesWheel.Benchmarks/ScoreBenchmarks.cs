using BenchmarkDotNet.Attributes;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Benchmarks;

/// <summary>
/// Goal 1: <see cref="ScoringEngine.Score"/> on an in-memory <see cref="ResponseSet"/> of 1,000,000 respondents
/// × the full instrument (56 items), with the breakdowns role and team, and with none. One operation scores all of them.
/// </summary>
[Config(typeof(BenchConfig))]
[Throughput(Data.Respondents, ThroughputUnit.Answers)]
public class ScoreBenchmarks
{
    private static readonly ScoringOptions NoBreakdown = new();
    private static readonly ScoringOptions RoleTeam = new() { GroupBy = Data.RoleTeam };
    private static readonly ScoringOptions RoleTeamNoKeyDrivers = new() { GroupBy = Data.RoleTeam, KeyDrivers = false };

    private ResponseSet _responses = null!;

    [GlobalSetup]
    public void Setup()
    {
        _responses = Data.Read(Data.Csv());
        if (_responses.Count != Data.Respondents || _responses.Items.Count != Data.Instrument.Items.Count())
        {
            throw new InvalidOperationException($"Expected {Data.Respondents} respondents × {Data.Instrument.Items.Count()} items, read {_responses.Count} × {_responses.Items.Count}.");
        }
    }

    [Benchmark(Description = "Score, group by role,team")]
    public ScoreReport ScoreRoleTeam() => ScoringEngine.Score(_responses, RoleTeam);

    // Side by side with the one above: what the key drivers (8 drivers × the outcome, one pass) add to scoring.
    [Benchmark(Description = "Score, group by role,team, no key drivers")]
    public ScoreReport ScoreRoleTeamNoKeyDrivers() => ScoringEngine.Score(_responses, RoleTeamNoKeyDrivers);

    [Benchmark(Description = "Score, no breakdown")]
    public ScoreReport ScoreNoBreakdown() => ScoringEngine.Score(_responses, NoBreakdown);
}

/// <summary>Goal 1 (input side): <see cref="Core.Responses.ResponsesCsv.Read(Stream, string, Core.Instruments.Instrument, IReadOnlyList{string}, IProgress{double}?)"/> of the same CSV held in memory.</summary>
[Config(typeof(BenchConfig))]
[Throughput(Data.Respondents, ThroughputUnit.Bytes)]
public class ReadBenchmarks
{
    private byte[] _csv = null!;

    [GlobalSetup]
    public void Setup() => _csv = Data.Csv();

    [Benchmark(Description = "ResponsesCsv.Read, role,team")]
    public ResponseSet Read() => Data.Read(_csv);
}
