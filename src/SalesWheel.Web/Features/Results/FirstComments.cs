using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SalesWheel.Data;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// The comments a results page lists first (<see cref="IndexModel.CommentsShownFirst"/>) and how many there are, kept in
/// memory per stored result: finding them reads every response of the assessment (about 1-2 s for 100,000 responses
/// under load, on SQLite and PostgreSQL alike), while they change only with the responses, and every change of the
/// responses stores a new result (a new response recomputes it, replaced answers delete it). So the key is the
/// assessment, its stored result's time and the response count; on another node, or after any change, it is read
/// again. Bounded (256 assessments, least recently used go first) and forgotten after an hour unused.
/// </summary>
public sealed class FirstComments : IDisposable
{
    private readonly MemoryCache _lists = new(new MemoryCacheOptions { SizeLimit = 256 });

    /// <summary>Comments in a fixed random order (by the response's random id); the total when there are more than those listed.</summary>
    public sealed record Listed(IReadOnlyList<string> Comments, int? Total);

    public async Task<Listed> GetAsync(AppDbContext db, Guid assessmentId, int responses, int count, CancellationToken cancellationToken)
    {
        var computedAt = await db.AssessmentResults.AsNoTracking().Where(r => r.AssessmentId == assessmentId)
            .Select(r => (DateTime?)r.ComputedAt).FirstOrDefaultAsync(cancellationToken);
        var key = (assessmentId, computedAt, responses, count);
        if (computedAt is not null && _lists.TryGetValue(key, out Listed? cached) && cached is not null)
        {
            return cached;
        }

        var query = Query(db, assessmentId);
        var first = await query.Take(count + 1).ToListAsync(cancellationToken);
        int? total = null;
        if (first.Count > count)
        {
            first.RemoveAt(count);
            total = await query.CountAsync(cancellationToken);
        }

        var listed = new Listed(first, total);
        if (computedAt is not null)
        {
            _lists.Set(key, listed, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        return listed;
    }

    /// <summary>Every non-empty comment of an assessment, in the page's order.</summary>
    public static IQueryable<string> Query(AppDbContext db, Guid assessmentId) =>
        db.SurveyResponses.AsNoTracking()
            .Where(r => r.AssessmentId == assessmentId && r.Comment != null && r.Comment.Trim() != "")
            .OrderBy(r => r.Id)
            .Select(r => r.Comment!);

    public void Dispose() => _lists.Dispose();
}
