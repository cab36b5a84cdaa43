using SalesWheel.Core.Scoring;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>Whether an assessment's results may be shown, and if not, why.</summary>
public enum ResultsState
{
    /// <summary>Closed, and at least the minimum group size answered: the results may be shown and exported.</summary>
    Released,

    /// <summary>Still taking answers: participation only until it closes.</summary>
    StillOpen,

    /// <summary>Fewer people answered than the minimum group size: participation only, for good.</summary>
    TooFewAnswers,
}

/// <summary>
/// When results leave the app. Fewer respondents than the minimum group size: never. While an assessment is open:
/// not yet, because each new result would differ from the previous one by exactly the latest answers, and anyone
/// comparing two views (or two downloads) could read what the latest person answered. Results are released once,
/// when the assessment closes: closed by an admin, past its close date, or made from an uploaded file.
/// </summary>
public static class ResultsRelease
{
    /// <summary>Today in UTC, the day close dates are compared with.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Closed by an admin, made from uploaded answers, or its close date (the last day to answer, in UTC) is behind us.</summary>
    public static bool IsClosed(Assessment assessment, DateOnly today) =>
        assessment.Status == AssessmentStatus.Closed || assessment.Uploaded || (assessment.CloseDate is { } last && last < today);

    /// <summary>
    /// Whether the assessment's result may be shown now: only once it is closed in the database (or uploaded). Past
    /// its close date but not yet closed, its last answers are still sealed (they become responses when it closes, within
    /// minutes), so a result now would be computed from part of them.
    /// </summary>
    public static ResultsState StateOf(Assessment assessment, ScoreReport report)
    {
        if (assessment.Status != AssessmentStatus.Closed && !assessment.Uploaded)
        {
            return ResultsState.StillOpen;
        }

        return Anonymity.OverallVisible(report.Respondents, report.Context.MinGroupSize) ? ResultsState.Released : ResultsState.TooFewAnswers;
    }
}
