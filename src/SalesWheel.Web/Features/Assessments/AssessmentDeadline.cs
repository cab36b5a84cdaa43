using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// Close dates: answers are taken until the end of the close date (UTC). An open assessment whose date has passed is
/// closed the next time anyone looks at it (no background job needed).
/// </summary>
public static class AssessmentDeadline
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static bool IsDue(Assessment assessment) =>
        assessment.Status == AssessmentStatus.Open && assessment.CloseDate is { } date && date < Today;

    /// <summary>Closes a due assessment (the caller saves); true when it did.</summary>
    public static bool CloseIfDue(Assessment assessment, AuditLog audit)
    {
        if (!IsDue(assessment))
        {
            return false;
        }

        assessment.Status = AssessmentStatus.Closed;
        assessment.ClosedAt = DateTime.UtcNow;
        audit.Record(assessment.OrganizationId, null, "assessment closed", $"{assessment.Name}: close date {assessment.CloseDate:yyyy-MM-dd} passed");
        return true;
    }
}
