namespace SalesWheel.Data.Entities;

/// <summary>
/// One outcome metric of one team for an assessment's period (quota attainment %, win rate %, sales cycle days or any
/// named metric), imported from a file or typed in, set against the team's driver scores (SCORING.md "Outcomes and
/// key drivers", team level).
/// </summary>
public sealed class TeamMetric
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssessmentId { get; set; }

    /// <summary>The metric's name as given, e.g. <c>win-rate</c>.</summary>
    public required string Metric { get; set; }

    /// <summary>The team, as the answers' team column names it.</summary>
    public required string Team { get; set; }

    public double Value { get; set; }

    /// <summary>The unit, e.g. <c>%</c> or <c>days</c>; null when none was given.</summary>
    public string? Unit { get; set; }

    /// <summary>The metric's place among the assessment's metrics (column order of the file or form).</summary>
    public int Position { get; set; }
}
