using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace SalesWheel.Benchmarks;

/// <summary>
/// A short job (1 launch, 2 warm-up and 5 measured iterations), the CLI's GC settings (workstation, non-concurrent),
/// the memory diagnoser and a throughput column.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithGcServer(false)
            .WithGcConcurrent(false)
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(new ThroughputColumn());
        HideColumns(Column.Error);
    }
}

public enum ThroughputUnit
{
    /// <summary>Answers (respondents × items) per second.</summary>
    Answers,

    /// <summary>Megabytes (10^6 bytes) of CSV per second.</summary>
    Bytes,
}

/// <summary>What one operation of the benchmarks of a class processes, for <see cref="ThroughputColumn"/>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ThroughputAttribute(int respondents, ThroughputUnit unit) : Attribute
{
    public int Respondents { get; } = respondents;

    public ThroughputUnit Unit { get; } = unit;

    /// <summary>Units per operation, computed in the host process: respondents × items, or the CSV's bytes.</summary>
    public double UnitsPerOperation => Unit == ThroughputUnit.Answers
        ? (double)Respondents * Data.Instrument.Items.Count()
        : Respondents == Data.Respondents ? Data.CsvBytes : Data.Csv(Respondents).LongLength;
}

/// <summary>Throughput from the mean time: "M answers/s" or "MB/s".</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "Throughput";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Answers (respondents × items) per second, or MB (10^6 bytes) of CSV per second, from the mean time of one operation";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var attribute = benchmarkCase.Descriptor.Type.GetCustomAttributes(typeof(ThroughputAttribute), true).OfType<ThroughputAttribute>().FirstOrDefault();
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (attribute is null || meanNanoseconds is not > 0)
        {
            return "-";
        }

        var perSecond = attribute.UnitsPerOperation / (meanNanoseconds.Value / 1e9);
        return attribute.Unit == ThroughputUnit.Answers
            ? $"{perSecond / 1e6:N1} M answers/s"
            : $"{perSecond / 1e6:N1} MB/s";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
