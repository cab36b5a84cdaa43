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

    /// <summary>Shows a due assessment as closed, in memory only (for pages answering a GET).</summary>
    public static void ShowAsClosedIfDue(Assessment assessment)
    {
        if (IsDue(assessment))
        {
            assessment.Status = AssessmentStatus.Closed;
            assessment.ClosedAt = assessment.CloseDate!.Value.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }
    }

    /// <summary>
    /// Closes a due assessment, releasing its sealed submissions as responses in the same transaction (and deleting
    /// its drafts), and records it; true when it did. The entity is updated to match.
    /// </summary>
    public static async Task<bool> CloseIfDueAsync(Data.AppDbContext db, Data.SubmissionSeal seal, AuditLog audit, Assessment assessment, CancellationToken cancellationToken)
    {
        if (!IsDue(assessment))
        {
            return false;
        }

        var now = DateTime.UtcNow;
        var today = Today;
        var (closed, _) = await Data.SubmissionRelease.CloseAsync(db, seal, assessment.Id, async token =>
        {
            var flipped = await db.Assessments
                .Where(a => a.Id == assessment.Id && a.Status == AssessmentStatus.Open && a.CloseDate != null && a.CloseDate < today)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssessmentStatus.Closed).SetProperty(a => a.ClosedAt, now), token);
            if (flipped == 1)
            {
                audit.Record(assessment.OrganizationId, Actor.System, "assessment closed", $"{assessment.Name}: close date {assessment.CloseDate:yyyy-MM-dd} passed");
            }

            return flipped == 1;
        }, cancellationToken);
        if (closed)
        {
            assessment.Status = AssessmentStatus.Closed;
            assessment.ClosedAt = now;
        }

        return closed;
    }
}

/// <summary>
/// Closes assessments whose close date has passed, at start-up and every <c>SalesWheel:CloseDateCheckInterval</c>
/// (default 5 minutes). Safe on any number of web nodes at once: closing is a conditional update (only while still
/// open) in the transaction that releases the answers, so when two nodes race, one closes, records and releases, and
/// the other's update changes nothing.
/// </summary>
public sealed partial class AssessmentDeadlines(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AssessmentDeadlines> logger) : BackgroundService
{
    public const string IntervalSetting = "SalesWheel:CloseDateCheckInterval";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(configuration.GetValue(IntervalSetting, TimeSpan.FromMinutes(5)));
        do
        {
            try
            {
                Checked(logger, await CloseDueAsync(scopes, stoppingToken));
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
        var seal = scope.ServiceProvider.GetRequiredService<Data.SubmissionSeal>();
        var log = scope.ServiceProvider.GetRequiredService<ILogger<AssessmentDeadlines>>();
        var today = AssessmentDeadline.Today;
        var due = await db.Assessments.AsNoTracking().Where(a => a.Status == AssessmentStatus.Open && a.CloseDate != null && a.CloseDate < today).ToListAsync(cancellationToken);
        var closed = 0;
        foreach (var assessment in due)
        {
            if (await AssessmentDeadline.CloseIfDueAsync(db, seal, audit, assessment, cancellationToken))
            {
                closed++;
            }
            else if (await db.Assessments.AnyAsync(a => a.Id == assessment.Id && a.Status == AssessmentStatus.Open, cancellationToken))
            {
                // Still open past its date: its sealed answers do not open with this server's key (see CloseAsync).
                KeyMismatch(log, assessment.Id);
            }
        }

        // A closing interrupted before its release (or answers sealed with a key restored only later) is finished here.
        foreach (var pending in await Data.SubmissionRelease.PendingAsync(db, cancellationToken))
        {
            await Data.SubmissionRelease.ReleaseAsync(db, seal, pending, cancellationToken);
        }

        return closed;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Assessment {AssessmentId} is past its close date but stays open: some of its submitted answers are sealed with a different submission key than this server has (SalesWheel:SubmissionKey or data/keys/submission.key). Restore the key.")]
    private static partial void KeyMismatch(ILogger logger, Guid assessmentId);

    // Debug: one line per pass, so an operator (or a test) can see that a node's job runs.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Close dates checked: {Closed} assessment(s) closed")]
    private static partial void Checked(ILogger logger, int closed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing assessments past their close date failed")]
    private static partial void Failed(ILogger logger, Exception exception);
}
