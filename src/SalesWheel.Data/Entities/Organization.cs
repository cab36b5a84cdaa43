using SalesWheel.Core.Scoring;

namespace SalesWheel.Data.Entities;

/// <summary>A customer of SalesWheel: one sales organization and everything it measures.</summary>
public sealed class Organization
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public CompanyPhase? Phase { get; set; }

    public AcvBand? Acv { get; set; }

    /// <summary>Groups smaller than this are never shown (at least 3).</summary>
    public int MinimumGroupSize { get; set; } = Anonymity.DefaultMinimumGroupSize;

    /// <summary>Edited driver relevance levels as JSON; null means the defaults.</summary>
    public string? RelevanceJson { get; set; }

    /// <summary>
    /// Whether viewers may download row-level answers (the anonymous answers CSV and the workbook's Answers sheet);
    /// off by default: owners and admins only.
    /// </summary>
    public bool ViewersMayDownloadAnswers { get; set; }

    /// <summary>
    /// Whether priorities are also weighed by measured importance (the key drivers, <c>ImpactPriorities</c>); off by
    /// default: SCORING.md's ranking by phase and deal size only. Both rankings are shown side by side when on.
    /// </summary>
    public bool ImpactAwarePriorities { get; set; }

    /// <summary>
    /// Whether the organization is in the anonymous peer pool of this SalesWheel: its latest released assessment's driver
    /// scores (nothing else) count in other comparable organizations' percentiles and in exported norms. Off by default.
    /// </summary>
    public bool InPeerPool { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
