using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// Close dates: answers are taken until the end of the close date (UTC). A background service closes due assessments
/// (and records it); until it runs, pages show a due assessment as closed without changing anything, since a GET
/// never changes state.
/// </summary>
public static class AssessmentDeadline
{
    /// <summary>Today in UTC, the day close dates are compared with (one definition, with the results' release).</summary>
    public static DateOnly Today => Data.ResultsRelease.Today;

    public static bool IsDue(Assessment assessment) =>
        assessment.Status == AssessmentStatus.Open && assessment.CloseDate is { } date && date < Today;

    /// <summary>
    /// Deletes the unsubmitted drafts of a closed assessment: they can no longer be submitted, and a draft is the only
    /// place where answers sit next to an invitation (so, a person).
    /// </summary>
    public static Task<int> DeleteDraftsAsync(Data.AppDbContext db, Guid assessmentId, CancellationToken cancellationToken) =>
        db.SurveyDrafts.Where(d => db.Invitations.Any(i => i.Id == d.InvitationId && i.AssessmentId == assessmentId))
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>Shows a due assessment as closed, in memory only (for pages answering a GET).</summary>
    public static void ShowAsClosedIfDue(Assessment assessment)
    {
        if (IsDue(assessment))
        {
            assessment.Status = AssessmentStatus.Closed;
            assessment.ClosedAt = assessment.CloseDate!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
    }

    /// <summary>Closes a due assessment (the caller saves); true when it did.</summary>
    public static bool CloseIfDue(Assessment assessment, AuditLog audit)
    {
        if (!IsDue(assessment))
        {
            return false;
        }

        assessment.Status = AssessmentStatus.Closed;
        assessment.ClosedAt = DateTime.UtcNow;
        audit.Record(assessment.OrganizationId, Actor.System, "assessment closed", $"{assessment.Name}: close date {assessment.CloseDate:yyyy-MM-dd} passed");
        return true;
    }
}

/// <summary>Closes assessments whose close date has passed, at start-up and every few minutes.</summary>
public sealed partial class AssessmentDeadlines(IServiceScopeFactory scopes, ILogger<AssessmentDeadlines> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await CloseDueAsync(scopes, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Closes every due assessment now; returns how many.</summary>
    public static async Task<int> CloseDueAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var today = AssessmentDeadline.Today;
        var due = await db.Assessments.Where(a => a.Status == AssessmentStatus.Open && a.CloseDate != null && a.CloseDate < today).ToListAsync(cancellationToken);
        var closed = due.Where(a => AssessmentDeadline.CloseIfDue(a, audit)).ToList();
        if (closed.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var assessment in closed)
        {
            await AssessmentDeadline.DeleteDraftsAsync(db, assessment.Id, cancellationToken);
        }

        return closed.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing assessments past their close date failed")]
    private static partial void Failed(ILogger logger, Exception exception);
}
