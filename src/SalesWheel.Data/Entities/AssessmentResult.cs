namespace SalesWheel.Data.Entities;

/// <summary>The engine's result for an assessment, computed once per new response and reused by every page view.</summary>
public sealed class AssessmentResult
{
    public Guid AssessmentId { get; set; }

    /// <summary>How many responses the result was computed from (it is stale when the assessment has more).</summary>
    public int ResponseCount { get; set; }

    public required string ReportJson { get; set; }

    public DateTime ComputedAt { get; set; } = DateTime.UtcNow;
}
