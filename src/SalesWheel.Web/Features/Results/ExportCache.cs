using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// Built download files (PDF, wheel SVG/PNG, workbook, answers CSV), kept in memory like the results page keeps the
/// engine's report: one file per assessment, response count and options, so a board pack downloaded twenty times is
/// rendered once. The key is everything a file shows: the kind and its options (paper, with or without answers), the
/// response and invitation counts, the assessment's and organization's names and dates, the day (the PDF prints it)
/// and the score report itself; any change to one of them builds a new file. Bounded (64 MB, least recently used go
/// first) and forgotten after an hour unused.
/// </summary>
public sealed class ExportCache : IDisposable
{
    private const long MaximumBytes = 64L * 1024 * 1024;
    private readonly MemoryCache _files = new(new MemoryCacheOptions { SizeLimit = MaximumBytes });
    private readonly ConcurrentDictionary<Guid, int> _builds = new();

    /// <summary>How many files were built (not served from the cache) for an assessment since the app started.</summary>
    public int BuildsFor(Guid assessmentId) => _builds.GetValueOrDefault(assessmentId);

    /// <summary>The cached file for these inputs, or the one <paramref name="build"/> makes (then kept).</summary>
    public async Task<byte[]> GetAsync(
        AppDbContext db, Organization organization, Assessment assessment, ScoreReport report, string kind, Func<Task<byte[]>> build, CancellationToken cancellationToken)
    {
        var responses = await db.SurveyResponses.CountAsync(r => r.AssessmentId == assessment.Id, cancellationToken);
        var invitations = await db.Invitations.CountAsync(i => i.AssessmentId == assessment.Id, cancellationToken);
        var inputs = string.Join('\n',
            kind, responses, invitations, assessment.Name, assessment.OpenedAt?.Ticks, assessment.ClosedAt?.Ticks, assessment.Status, assessment.CloseDate,
            organization.Name, DateOnly.FromDateTime(DateTime.UtcNow).DayNumber, ScoreReportJson.Serialize(report));
        var key = (assessment.Id, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(inputs))));
        if (_files.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }

        var bytes = await build();
        _builds.AddOrUpdate(assessment.Id, 1, (_, n) => n + 1);
        _files.Set(key, bytes, new MemoryCacheEntryOptions { Size = Math.Max(1, bytes.Length), SlidingExpiration = TimeSpan.FromHours(1) });
        return bytes;
    }

    public void Dispose() => _files.Dispose();
}
