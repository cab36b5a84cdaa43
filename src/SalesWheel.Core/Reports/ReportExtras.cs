using SalesWheel.Core.Comparison;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;

namespace SalesWheel.Core.Reports;

/// <summary>
/// What a report of one wave can show besides that wave: the comparison with the wave before, the trend across every
/// wave and the organization's action plan. Each is optional; <see cref="None"/> gives the report of the wave alone.
/// </summary>
public sealed record ReportExtras
{
    /// <summary>No comparison, no trend, no plan: the report as the wave alone gives it.</summary>
    public static ReportExtras None { get; } = new();

    /// <summary>The wave compared with an earlier one ("Compared with …" and the wheel's outline); null for none.</summary>
    public ReportComparison? Comparison { get; init; }

    /// <summary>Every driver across the waves, oldest first; drawn only when it has at least two waves.</summary>
    public Trend? Trend { get; init; }

    /// <summary>The organization's planned actions, in the order to print; empty leaves the "Action plan" section out.</summary>
    public IReadOnlyList<PlanRow> Plan { get; init; } = [];

    /// <summary>
    /// Each driver's benchmark as people read it next to its score, by driver id: the text of
    /// <see cref="Benchmarks.DriverBenchmark.Text"/> (percentile, source and count, or "not enough comparable organizations
    /// yet"). Empty leaves the benchmarks out of "Scores by driver" (no phase or ACV band, or an instrument without the
    /// eight drivers).
    /// </summary>
    public IReadOnlyDictionary<string, string> Benchmarks { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>The report's wave compared with an earlier wave of the same instrument.</summary>
/// <param name="BeforeName">The earlier wave's name as printed (an assessment's name).</param>
/// <param name="BeforeClosed">The day the earlier wave closed; null when unknown.</param>
/// <param name="BeforeReport">The earlier wave's shared result: its drivers' scores (the wheel's outline) and names.</param>
/// <param name="Changes">The comparison, from <see cref="WaveComparison.Between(ScoredWave, ScoredWave)"/> of the earlier and the report's wave.</param>
public sealed record ReportComparison(string BeforeName, DateOnly? BeforeClosed, ScoreReport BeforeReport, WaveComparison Changes);

/// <summary>How far a planned action got.</summary>
public enum PlanStatus
{
    /// <summary>Not started.</summary>
    Planned,

    /// <summary>Started, not finished.</summary>
    InProgress,

    /// <summary>Finished.</summary>
    Done,

    /// <summary>Given up.</summary>
    Dropped,
}

/// <summary>One action of the organization's plan as the report prints it.</summary>
/// <param name="Title">What will be done.</param>
/// <param name="Driver">The driver's name.</param>
/// <param name="Facet">The facet's name; null when the action is about the driver as a whole.</param>
/// <param name="Owner">Who owns it; "" when nobody does.</param>
/// <param name="Due">When it is due; null when no date was set.</param>
/// <param name="Status">How far it got.</param>
/// <param name="Done">The day it was marked done; null unless done.</param>
public sealed record PlanRow(string Title, string Driver, string? Facet, string Owner, DateOnly? Due, PlanStatus Status, DateOnly? Done)
{
    /// <summary>Due before <paramref name="today"/> and neither done nor dropped.</summary>
    public bool IsOverdue(DateOnly today) => Due is { } due && due < today && Status is PlanStatus.Planned or PlanStatus.InProgress;

    /// <summary>The status in words, as the plan's page says it.</summary>
    public string StatusName => Name(Status);

    internal static string Name(PlanStatus status) => status switch
    {
        PlanStatus.InProgress => "In progress",
        PlanStatus.Done => "Done",
        PlanStatus.Dropped => "Dropped",
        _ => "Planned",
    };
}
