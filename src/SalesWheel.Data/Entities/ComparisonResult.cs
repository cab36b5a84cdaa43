namespace SalesWheel.Data.Entities;

/// <summary>
/// A stored comparison of two waves (<see cref="AssessmentComparison"/>), reused by every page view and API call until
/// either wave's responses or scoring options change (<see cref="Stamp"/>).
/// </summary>
public sealed class ComparisonResult
{
    public Guid BeforeAssessmentId { get; set; }

    public Guid AfterAssessmentId { get; set; }

    /// <summary>Both waves' response counts and option fingerprints it was computed with: it is stale when either differs.</summary>
    public required string Stamp { get; set; }

    /// <summary>The comparison as the SCORING.md JSON (unrounded).</summary>
    public required string ComparisonJson { get; set; }

    public DateTime ComputedAt { get; set; } = DateTime.UtcNow;
}
