using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Benchmarks;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>One organization's contribution to the peer pool: its phase, ACV band and driver scores, and nothing else.</summary>
/// <param name="OrganizationId">Only to leave the organization itself out; never shown.</param>
/// <param name="Phase">Its company phase.</param>
/// <param name="Acv">Its ACV band.</param>
/// <param name="Scores">Driver id → 0–100 score, as its latest released assessment's shared result shows it.</param>
public sealed record PoolMember(Guid OrganizationId, CompanyPhase Phase, AcvBand Acv, IReadOnlyDictionary<string, double> Scores);

/// <summary>An assessment's benchmarks: each driver's, or why there are none (phase or ACV band not set).</summary>
/// <param name="WhyNone">Null when <paramref name="Drivers"/> is filled; else the sentence people read.</param>
/// <param name="Drivers">One per driver in wheel order (<see cref="DriverBenchmark.For"/>); empty with <paramref name="WhyNone"/>.</param>
public sealed record AssessmentBenchmarks(string? WhyNone, IReadOnlyList<DriverBenchmark> Drivers)
{
    /// <summary>The benchmark of a driver; null when there is none.</summary>
    public DriverBenchmark? Of(string driver) => Drivers.FirstOrDefault(d => string.Equals(d.Driver, driver, StringComparison.Ordinal));
}

/// <summary>
/// The anonymous peer pool of this SalesWheel (SCORING.md "Benchmarks"): organizations that opted in
/// (<see cref="Organization.InPeerPool"/>) with a phase and an ACV band, each contributing the driver scores of its
/// latest released invited assessment (closed, at least its own k respondents; <see cref="ResultsRelease.StateOf"/>) as
/// its own shared result shows them. Uploaded assessments never count nor see benchmarks: they are released at once and
/// their answers can be replaced at will, so they could probe the peers' scores. The one place that decides who is in the pool, what they give, and the imported norms.
/// </summary>
public sealed class PeerPool(AppDbContext db, AssessmentScoring scoring)
{
    /// <summary>Why an organization without a phase or ACV band sees no benchmark.</summary>
    public const string NeedsPhaseAndAcv =
        "Benchmarks compare you with organizations of the same company phase and deal size: set both in Settings to see them.";

    /// <summary>Why an uploaded assessment sees no benchmark.</summary>
    public const string NeedsInvitedAssessment =
        "Benchmarks are shown for assessments people answered through SalesWheel, not for uploaded answers.";

    /// <summary>Why an assessment still taking answers sees no benchmark.</summary>
    public const string NeedsClosedAssessment = "Benchmarks are shown once the assessment is closed.";

    /// <summary>
    /// Every pool member (of one phase and ACV band when given), with the driver scores of its latest released invited
    /// assessment; members with none are left out.
    /// </summary>
    public async Task<IReadOnlyList<PoolMember>> MembersAsync(CompanyPhase? phase = null, AcvBand? acv = null, CancellationToken cancellationToken = default)
    {
        var organizations = await db.Organizations.AsNoTracking()
            .Where(o => o.InPeerPool && o.Phase != null && o.Acv != null)
            .Where(o => phase == null || o.Phase == phase)
            .Where(o => acv == null || o.Acv == acv)
            .OrderBy(o => o.Id)
            .ToListAsync(cancellationToken);
        var members = new List<PoolMember>();
        foreach (var organization in organizations)
        {
            if (await LatestScoresAsync(organization, cancellationToken) is { } scores)
            {
                members.Add(new PoolMember(organization.Id, organization.Phase!.Value, organization.Acv!.Value, scores));
            }
        }

        return members;
    }

    /// <summary>
    /// The driver scores of the organization's latest released invited assessment (by close time): the eight drivers it
    /// scores, as its shared result shows them. Null when none is released. Uploaded ones are left out (answers
    /// replaceable at will could probe the peers' scores).
    /// </summary>
    private async Task<IReadOnlyDictionary<string, double>?> LatestScoresAsync(Organization organization, CancellationToken cancellationToken)
    {
        var candidates = await db.Assessments.AsNoTracking()
            .Where(a => a.OrganizationId == organization.Id && a.Status == AssessmentStatus.Closed && !a.Uploaded)
            .ToListAsync(cancellationToken);
        foreach (var assessment in candidates.OrderByDescending(a => a.ClosedAt ?? a.CreatedAt).ThenByDescending(a => a.CreatedAt))
        {
            var result = await scoring.ResultAsync(assessment, organization, cancellationToken);
            if (ResultsRelease.StateOf(assessment, result) == ResultsState.Released)
            {
                return DriverScores(result).Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!.Value, StringComparer.Ordinal);
            }
        }

        return null;
    }

    /// <summary>A report's scores of the eight drivers (outcomes and other dimensions left out), null where it has none.</summary>
    public static IReadOnlyDictionary<string, double?> DriverScores(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Dimensions.Where(d => d.Kind == "driver" && Drivers.Ids.Contains(d.Id, StringComparer.Ordinal))
            .ToDictionary(d => d.Id, d => d.Score, StringComparer.Ordinal);
    }

    /// <summary>
    /// The benchmarks of a released assessment's shared result: each driver's percentile among the other pool members of
    /// the organization's phase and ACV band, else from the imported norms (<see cref="DriverBenchmark.For"/>). The
    /// organization need not be in the pool itself; it is never its own peer. None for an uploaded assessment
    /// (<see cref="NeedsInvitedAssessment"/>) or one not closed (<see cref="NeedsClosedAssessment"/>).
    /// </summary>
    public async Task<AssessmentBenchmarks> ForAsync(Organization organization, Assessment assessment, ScoreReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.Uploaded)
        {
            return new AssessmentBenchmarks(NeedsInvitedAssessment, []);
        }

        if (assessment.Status != AssessmentStatus.Closed)
        {
            return new AssessmentBenchmarks(NeedsClosedAssessment, []);
        }

        if (organization.Phase is not { } phase || organization.Acv is not { } acv)
        {
            return new AssessmentBenchmarks(NeedsPhaseAndAcv, []);
        }

        var peers = (await MembersAsync(phase, acv, cancellationToken)).Where(m => m.OrganizationId != organization.Id).ToList();
        var byDriver = Drivers.Ids.ToDictionary(
            d => d,
            d => (IReadOnlyList<double>)[.. peers.Where(m => m.Scores.ContainsKey(d)).Select(m => m.Scores[d])],
            StringComparer.Ordinal);
        return new AssessmentBenchmarks(null, DriverBenchmark.For(DriverScores(report), phase, acv, byDriver, await ImportedAsync(db, cancellationToken)));
    }

    /// <summary>The norms of the whole pool: cells of at least <see cref="NormsCell.MinimumOrganizations"/> organizations only (<see cref="NormsFile.FromPool"/>).</summary>
    public async Task<NormsFile> ExportAsync(CancellationToken cancellationToken = default) =>
        NormsFile.FromPool((await MembersAsync(cancellationToken: cancellationToken))
            .SelectMany(m => m.Scores.Select(s => (m.Phase, m.Acv, s.Key, s.Value))));

    /// <summary>The imported norms; null when none were imported.</summary>
    public static async Task<NormsFile?> ImportedAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        await db.ImportedNorms.AsNoTracking().OrderByDescending(n => n.ImportedAt).Select(n => n.NormsJson).FirstOrDefaultAsync(cancellationToken) is { } json
            ? NormsFile.Read(json)
            : null;

    /// <summary>Replaces the imported norms with <paramref name="norms"/> (already read and checked).</summary>
    public static async Task ImportAsync(AppDbContext db, NormsFile norms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(norms);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ImportedNorms.RemoveRange(await db.ImportedNorms.ToListAsync(cancellationToken));
        db.ImportedNorms.Add(new ImportedNorms { NormsJson = norms.Write() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
