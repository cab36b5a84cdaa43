namespace SalesWheel.Core.Reports;

/// <summary>The paper a PDF report is laid out for.</summary>
public enum PaperSize
{
    /// <summary>ISO A4, 210 × 297 mm.</summary>
    A4,

    /// <summary>US Letter, 8.5 × 11 in.</summary>
    Letter,
}

/// <summary>
/// What a report's cover says besides the numbers: who and what was assessed, when, and how many were asked.
/// The number of respondents always comes from the score report itself.
/// </summary>
public sealed record ReportCover
{
    /// <summary>The assessment's name: the report's title.</summary>
    public required string AssessmentName { get; init; }

    /// <summary>The organization assessed; null when not known (for example a CSV scored with the CLI without one).</summary>
    public string? OrganizationName { get; init; }

    /// <summary>When the survey opened; null when not known.</summary>
    public DateOnly? Opened { get; init; }

    /// <summary>When the survey closed; null while open or when not known.</summary>
    public DateOnly? Closed { get; init; }

    /// <summary>
    /// Whether the survey is still taking answers. Its report then shows participation only: each new result would differ
    /// from the one before by exactly the latest answers.
    /// </summary>
    public bool StillOpen { get; init; }

    /// <summary>How many people were invited; null when not known.</summary>
    public int? Invited { get; init; }

    /// <summary>The day the report was made.</summary>
    public required DateOnly Generated { get; init; }

    /// <summary>
    /// Show the overall result even when fewer people answered than the minimum group size. Only for someone who
    /// already holds the answers (the CLI scoring its user's own file); never for a shared report.
    /// </summary>
    public bool ShowResultBelowMinimumGroupSize { get; init; }
}
