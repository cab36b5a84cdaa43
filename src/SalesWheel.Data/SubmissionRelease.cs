using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>What releasing an assessment's sealed submissions did.</summary>
/// <param name="Released">Submissions stored as responses.</param>
/// <param name="Unreadable">Sealed submissions the key could not open (another key): kept, never deleted.</param>
public sealed record ReleaseOutcome(int Released, int Unreadable);

/// <summary>
/// Turns a closed assessment's sealed submissions into anonymous responses: all opened at once, shuffled, stored with
/// new random ids in one transaction; the sealed rows and every draft deleted (secure_delete zeroes them in the file);
/// then the write-ahead log is emptied, so no earlier page image of a draft or submission survives next to the invitations.
/// Safe to repeat (a crash between closing and releasing is picked up by the next run).
/// </summary>
public static class SubmissionRelease
{
    /// <summary>
    /// Closes an assessment and releases its sealed submissions in one transaction, so no moment exists when it is
    /// closed with answers still sealed (results would be computed without them, then with them: two views a moment
    /// apart would differ by exactly those answers). <paramref name="close"/> flips the status and returns whether it did;
    /// when it did not, nothing is released. When any sealed submission cannot be opened with this key (the key file was
    /// lost or replaced), nothing is closed or released: the outcome counts them.
    /// </summary>
    public static async Task<(bool Closed, ReleaseOutcome Outcome)> CloseAsync(AppDbContext db, SubmissionSeal seal, Guid assessmentId, Func<CancellationToken, Task<bool>> close, CancellationToken cancellationToken = default)
    {
        ReleaseOutcome outcome;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await close(cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return (false, new ReleaseOutcome(0, 0));
            }

            outcome = await MoveAsync(db, seal, assessmentId, cancellationToken);
            if (outcome.Unreadable > 0)
            {
                // Closing now would publish results without answers respondents were told had been received: stay open
                // until the right key is back.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return (false, outcome);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await EmptyWriteAheadLogAsync(db, cancellationToken);
        return (true, outcome);
    }

    /// <summary>
    /// Inside a transaction that stores an answer: until it ends, no close of the assessment can run, and a close that
    /// already changed the status makes this wait for it and then see it closed. On PostgreSQL (read committed, many
    /// writers) a shared lock on the assessment's row, which the close's update waits for and which submits share; without
    /// it a submit could commit after the close read the sealed rows, and stay sealed though acknowledged. SQLite has
    /// one writer at a time, which already orders them.
    /// </summary>
    public static async Task KeepFromClosingAsync(AppDbContext db, Guid assessmentId, CancellationToken cancellationToken = default)
    {
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Assessments\" WHERE \"Id\" = {assessmentId} FOR SHARE", cancellationToken);
        }
    }

    /// <summary>Releases what a closed assessment still holds sealed (after a crash in the middle of closing, or a key restored late).</summary>
    public static async Task<ReleaseOutcome> ReleaseAsync(AppDbContext db, SubmissionSeal seal, Guid assessmentId, CancellationToken cancellationToken = default)
    {
        ReleaseOutcome outcome;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await db.Assessments.AnyAsync(a => a.Id == assessmentId && a.Status == AssessmentStatus.Closed, cancellationToken))
            {
                return new ReleaseOutcome(0, 0); // still taking answers: nothing leaves the seal before close
            }

            outcome = await MoveAsync(db, seal, assessmentId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        db.ChangeTracker.Clear();
        await EmptyWriteAheadLogAsync(db, cancellationToken);
        return outcome;
    }

    /// <summary>Which assessments are closed but still hold sealed submissions.</summary>
    public static Task<List<Guid>> PendingAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        db.SealedSubmissions.Where(s => db.Assessments.Any(a => a.Id == s.AssessmentId && a.Status == AssessmentStatus.Closed))
            .Select(s => s.AssessmentId).Distinct().ToListAsync(cancellationToken);

    private static async Task<ReleaseOutcome> MoveAsync(AppDbContext db, SubmissionSeal seal, Guid assessmentId, CancellationToken cancellationToken)
    {
        var sealedRows = await db.SealedSubmissions.Where(s => s.AssessmentId == assessmentId).ToListAsync(cancellationToken);
        var released = DateOnly.FromDateTime(DateTime.UtcNow);
        var responses = new List<SurveyResponse>(sealedRows.Count);
        var unreadable = 0;
        foreach (var row in sealedRows)
        {
            if (seal.Open(assessmentId, row.Sealed) is not { } content)
            {
                unreadable++;
                continue;
            }

            responses.Add(new SurveyResponse
            {
                Id = Guid.NewGuid(),
                AssessmentId = assessmentId,
                SubmittedOn = released, // the same day for all: when they answered could tie a response to an invitation
                Role = seal.SealAttribute(assessmentId, content.Role),
                Team = seal.SealAttribute(assessmentId, content.Team),
                Attributes = seal.SealAttributes(assessmentId, content.Attributes),
                Answers = content.Answers,
                Comment = content.Comment,
            });
            db.SealedSubmissions.Remove(row);
        }

        RandomNumberGenerator.Shuffle(CollectionsMarshal.AsSpan(responses));
        if (ResponseRows.CopyOf(db) is { } copy)
        {
            // Every caller holds a transaction open: the copied rows commit with the deleted sealed rows, or neither does.
            await db.SaveChangesAsync(cancellationToken);
            await copy.CopyAsync(db, responses, cancellationToken);
        }
        else
        {
            db.SurveyResponses.AddRange(responses);
            await db.SaveChangesAsync(cancellationToken);
        }

        await db.SurveyDrafts.Where(d => db.Invitations.Any(i => i.Id == d.InvitationId && i.AssessmentId == assessmentId))
            .ExecuteDeleteAsync(cancellationToken);
        return new ReleaseOutcome(responses.Count, unreadable);
    }

    /// <summary>
    /// SQLite keeps earlier page images in its write-ahead log until a checkpoint writes them back; TRUNCATE also
    /// empties the file, so no deleted draft or submission stays readable in it. Other providers have no such file.
    /// </summary>
    public static async Task EmptyWriteAheadLogAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}

/// <summary>How many answers an assessment has received: responses, and submissions still sealed until it closes.</summary>
public static class Submissions
{
    public static async Task<int> CountAsync(AppDbContext db, Guid assessmentId, CancellationToken cancellationToken = default) =>
        await db.SurveyResponses.CountAsync(r => r.AssessmentId == assessmentId, cancellationToken)
        + await db.SealedSubmissions.CountAsync(s => s.AssessmentId == assessmentId, cancellationToken);
}

/// <summary>Responses stored by releases before roles and teams were sealed at rest.</summary>
public static class ResponseAttributes
{
    /// <summary>Seals every role and team still stored in the clear (run at start-up; nothing to do after the first time). Returns how many responses changed.</summary>
    public static async Task<int> SealClearValuesAsync(AppDbContext db, SubmissionSeal seal, CancellationToken cancellationToken = default)
    {
        var changed = 0;
        // Sealed values start with a control character, which a name never does (they are cleaned at input).
#pragma warning disable CA1866 // EF Core translates the string overload of StartsWith to SQL
        var clear = await db.SurveyResponses.Where(r => !r.Role.StartsWith("\u0001") || !r.Team.StartsWith("\u0001")).ToListAsync(cancellationToken);
#pragma warning restore CA1866
        foreach (var response in clear)
        {
            response.Role = seal.SealAttribute(response.AssessmentId, seal.OpenAttribute(response.AssessmentId, response.Role));
            response.Team = seal.SealAttribute(response.AssessmentId, seal.OpenAttribute(response.AssessmentId, response.Team));
            changed++;
        }

        if (changed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return changed;
    }
}
