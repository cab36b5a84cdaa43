using System.Text;
using System.Text.Json;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Plan;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// The results as files to take away: the PDF executive report (A4 or US Letter), the wheel as SVG and PNG (with an
/// earlier wave as its outline, as on the results page: <c>?with=</c> that wave, else the previous one) and the trend of
/// every driver across the released waves (<see cref="WaveCharts"/>). Anyone in the assessment's organization may
/// download them (viewers too); another organization's assessment, or a <c>with</c> that is not another released wave
/// of the same instrument, is not found. Below the minimum group size the PDF is the cover with participation only, and
/// the wheel and the trend are not found (they would be nothing but scores).
/// </summary>
public static class ReportFiles
{
    /// <summary>The PNG's scale: twice the SVG's size, crisp on slides.</summary>
    public const float PngScale = 2;

    public static IEndpointRouteBuilder MapReportFiles(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("/assessments/{id:guid}/results").RequireAuthorization();
        files.MapGet("/report.pdf", Pdf);
        files.MapGet("/wheel.svg", Svg);
        files.MapGet("/wheel.png", Png);
        files.MapGet("/trend.svg", TrendSvgDownload);
        files.MapGet("/trend.png", TrendPngDownload);
        return app;
    }

    private static async Task<IResult> Pdf(
        Guid id, string? paper, HttpContext http, CurrentMember member, AppDbContext db, AssessmentScoring scoring, WaveCharts charts, AssessmentComparison comparison, ExportCache cache,
        PeerPool pool, CancellationToken cancellationToken)
    {
        if (ParsePaper(paper) is not { } size)
        {
            return HttpResults.ValidationProblem(new Dictionary<string, string[]> { ["paper"] = [PaperChoices] });
        }

        if (await LoadAsync(id, member, db, scoring, cancellationToken) is not { } result)
        {
            return HttpResults.NotFound();
        }

        var (organization, assessment, report) = result;
        var waves = await charts.ForAsync(assessment, organization, with: null, cancellationToken);
        var pdf = await PdfAsync(db, waves, comparison, cache, pool, organization, assessment, report, size, cancellationToken);
        return Download(http, pdf, "application/pdf", DownloadNames.Report(assessment.Name, size));
    }

    /// <summary>What <see cref="ParsePaper"/> takes.</summary>
    public const string PaperChoices = "Choose a4 or letter.";

    /// <summary>The paper size asked for: a4 (also when not given) or letter; null for anything else.</summary>
    public static PaperSize? ParsePaper(string? paper) => paper?.Trim().ToLowerInvariant() switch
    {
        null or "" or "a4" => PaperSize.A4,
        "letter" => PaperSize.Letter,
        _ => null,
    };

    /// <summary>
    /// The PDF executive report of an assessment (the pages and the API share it), built once per inputs: with the
    /// comparison with <paramref name="charts"/>' earlier wave, the trend up to this wave and the organization's action
    /// plan (<see cref="ExtrasAsync"/>), and each driver's benchmark (<see cref="PeerPool.ForAsync"/>, as the results page
    /// shows it), so the cache key includes what those show.
    /// </summary>
    public static async Task<byte[]> PdfAsync(
        AppDbContext db, WaveChartSet charts, AssessmentComparison comparison, ExportCache cache, PeerPool pool, Organization organization, Assessment assessment, ScoreReport report,
        PaperSize size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charts);
        ArgumentNullException.ThrowIfNull(pool);
        var benchmarks = await BenchmarksAsync(pool, organization, assessment, report, cancellationToken);
        var plan = await db.PlannedActions.Where(a => a.OrganizationId == organization.Id)
            .GroupBy(a => 1).Select(g => new { Count = g.Count(), Updated = g.Max(a => a.UpdatedAt), Created = g.Max(a => a.CreatedAt) })
            .FirstOrDefaultAsync(cancellationToken);

        // Everything the comparison, the trend and the plan print: each wave's id, name, close time and answers, and the
        // plan's size and latest change (an edit moves UpdatedAt, a removal the count, an addition both).
        var waves = charts.Before is { } before ? charts.Waves.Append(before) : charts.Waves;
        var extras = string.Join(' ', waves.Select(w => $"{w.Assessment.Id}:{w.Result.Respondents}:{w.Assessment.ClosedAt?.Ticks}:{w.Assessment.Name.Length}:{w.Assessment.Name}"))
            + $" before:{charts.Before?.Assessment.Id} plan:{plan?.Count}:{plan?.Updated.Ticks}:{plan?.Created.Ticks}"
            // The pool changes without this organization's result changing: a new peer must build a new PDF.
            + " benchmarks:" + string.Join('\n', benchmarks.Select(b => $"{b.Key}={b.Value}"));
        return await cache.GetAsync(db, organization, assessment, report, $"report.pdf {size} {extras}",
            () => BuildPdfAsync(db, charts, comparison, organization, assessment, report, size, benchmarks, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Each driver's benchmark text by driver id, as the results page shows it; empty when the report has none of the
    /// eight drivers, the organization has no phase or ACV band, or the assessment is uploaded (the page says why; the PDF
    /// leaves them out).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, string>> BenchmarksAsync(PeerPool pool, Organization organization, Assessment assessment, ScoreReport report, CancellationToken cancellationToken)
    {
        if (PeerPool.DriverScores(report).Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var benchmarks = await pool.ForAsync(organization, assessment, report, cancellationToken);
        return benchmarks.Drivers.ToDictionary(b => b.Driver, b => b.Text, StringComparer.Ordinal);
    }

    /// <summary>
    /// What the PDF adds to the wave's own pages: the comparison with the chart set's earlier wave (by default the latest
    /// released one before it), the trend of the released waves up to this one (a report of one wave does not show later
    /// ones), and the plan: every action of the organization but the dropped ones, by driver in the instrument's order,
    /// then in progress, planned, done, then by due date.
    /// </summary>
    private static async Task<ReportExtras> ExtrasAsync(
        AppDbContext db, WaveChartSet charts, AssessmentComparison comparison, Organization organization, Assessment assessment, IReadOnlyDictionary<string, string> benchmarks,
        CancellationToken cancellationToken)
    {
        ReportComparison? compared = null;
        if (charts.Before is { } before)
        {
            var changes = await comparison.BetweenAsync(before.Assessment, assessment, organization, cancellationToken);
            compared = new ReportComparison(before.Assessment.Name, before.ClosedOn, before.Result, changes);
        }

        var drivers = ActionPlan.Instrument.Drivers.Select(d => d.Id).ToList();
        var actions = await db.PlannedActions.AsNoTracking()
            .Where(a => a.OrganizationId == organization.Id && a.Status != PlannedActionStatus.Dropped).ToListAsync(cancellationToken);
        var plan = actions
            .OrderBy(a => drivers.IndexOf(a.Driver) is var i and >= 0 ? i : int.MaxValue).ThenBy(a => a.Driver, StringComparer.Ordinal)
            .ThenBy(a => a.Status switch { PlannedActionStatus.InProgress => 0, PlannedActionStatus.Planned => 1, _ => 2 })
            .ThenBy(a => a.DueDate is null).ThenBy(a => a.DueDate).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new PlanRow(a.Title, ActionPlan.DriverName(a.Driver), ActionPlan.FacetName(a.Driver, a.Facet), a.OwnerName, a.DueDate,
                a.Status switch
                {
                    PlannedActionStatus.InProgress => PlanStatus.InProgress,
                    PlannedActionStatus.Done => PlanStatus.Done,
                    _ => PlanStatus.Planned,
                },
                a.Status == PlannedActionStatus.Done && a.DoneAt is { } done ? DateOnly.FromDateTime(done) : null))
            .ToList();

        return new ReportExtras
        {
            Comparison = compared,
            Trend = charts.Trend,
            Plan = plan,
            Benchmarks = benchmarks,
        };
    }

    private static async Task<byte[]> BuildPdfAsync(
        AppDbContext db, WaveChartSet charts, AssessmentComparison comparison, Organization organization, Assessment assessment, ScoreReport report, PaperSize size,
        IReadOnlyDictionary<string, string> benchmarks, CancellationToken cancellationToken)
    {
        var invited = await db.Invitations.CountAsync(i => i.AssessmentId == assessment.Id, cancellationToken);
        var cover = new ReportCover
        {
            AssessmentName = assessment.Name,
            OrganizationName = organization.Name,
            Opened = assessment.OpenedAt is { } opened ? DateOnly.FromDateTime(opened) : null,
            Closed = assessment.ClosedAt is { } closed ? DateOnly.FromDateTime(closed) : null,
            StillOpen = ResultsRelease.StateOf(assessment, report) == ResultsState.StillOpen,
            Invited = invited,
            Generated = DateOnly.FromDateTime(DateTime.UtcNow),
        };
        var extras = await ExtrasAsync(db, charts, comparison, organization, assessment, benchmarks, cancellationToken);
        using var buffer = new MemoryStream();
        PdfReport.Render(report, cover, size, buffer, extras);
        return buffer.ToArray();
    }

    /// <summary>
    /// The wheel as PNG at twice the SVG's size, headed by the assessment's name, with <paramref name="previous"/> (see
    /// <see cref="WaveChartSet.Outline"/>) as its outline when given, built once per inputs.
    /// </summary>
    public static Task<byte[]> WheelPngFile(AppDbContext db, ExportCache cache, Organization organization, ScoreReport report, Assessment assessment, CancellationToken cancellationToken, TrendWave? previous = null) =>
        cache.GetAsync(db, organization, assessment, report, "wheel.png\n" + JsonSerializer.Serialize(previous),
            () => Task.FromResult(WheelPng.Render(report, PngScale, Options(assessment, previous))), cancellationToken);

    /// <summary>The wheel as SVG, headed by the assessment's name, with <paramref name="previous"/> as its outline when given, built once per inputs.</summary>
    public static Task<byte[]> WheelSvgFile(AppDbContext db, ExportCache cache, Organization organization, ScoreReport report, Assessment assessment, CancellationToken cancellationToken, TrendWave? previous = null) =>
        cache.GetAsync(db, organization, assessment, report, "wheel.svg\n" + JsonSerializer.Serialize(previous),
            () => Task.FromResult(Utf8.GetBytes(WheelSvg.Render(report, Options(assessment, previous)))), cancellationToken);

    /// <summary>
    /// The trend of every driver across the released waves up to this one (<see cref="WaveChartSet.Trend"/>) as SVG,
    /// built once per inputs: every wave's name, date and scores are in the cache key, so a change to any wave's result
    /// builds a new file.
    /// </summary>
    public static Task<byte[]> TrendSvgFile(AppDbContext db, ExportCache cache, Organization organization, ScoreReport report, Assessment assessment, Trend trend, CancellationToken cancellationToken) =>
        cache.GetAsync(db, organization, assessment, report, "trend.svg\n" + JsonSerializer.Serialize(trend),
            () => Task.FromResult(Utf8.GetBytes(TrendSvg.Render(trend))), cancellationToken);

    /// <summary>The trend as PNG at twice the SVG's size, built once per inputs (as <see cref="TrendSvgFile"/>).</summary>
    public static Task<byte[]> TrendPngFile(AppDbContext db, ExportCache cache, Organization organization, ScoreReport report, Assessment assessment, Trend trend, CancellationToken cancellationToken) =>
        cache.GetAsync(db, organization, assessment, report, "trend.png\n" + JsonSerializer.Serialize(trend),
            () => Task.FromResult(TrendPng.Render(trend, PngScale)), cancellationToken);

    private static readonly UTF8Encoding Utf8 = new(false);

    private static async Task<IResult> Svg(Guid id, Guid? with, HttpContext http, CurrentMember member, AppDbContext db, AssessmentScoring scoring, WaveCharts charts, ExportCache cache, CancellationToken cancellationToken)
    {
        if (await LoadChartsAsync(id, with, member, db, scoring, charts, cancellationToken) is not var (result, waves))
        {
            return HttpResults.NotFound();
        }

        var svg = await WheelSvgFile(db, cache, result.Organization, result.Report, result.Assessment, cancellationToken, waves.Outline);
        return Download(http, svg, "image/svg+xml", DownloadNames.WheelSvg(result.Assessment.Name));
    }

    private static async Task<IResult> Png(Guid id, Guid? with, HttpContext http, CurrentMember member, AppDbContext db, AssessmentScoring scoring, WaveCharts charts, ExportCache cache, CancellationToken cancellationToken)
    {
        if (await LoadChartsAsync(id, with, member, db, scoring, charts, cancellationToken) is not var (result, waves))
        {
            return HttpResults.NotFound();
        }

        var png = await WheelPngFile(db, cache, result.Organization, result.Report, result.Assessment, cancellationToken, waves.Outline);
        return Download(http, png, "image/png", DownloadNames.WheelPng(result.Assessment.Name));
    }

    private static async Task<IResult> TrendSvgDownload(Guid id, HttpContext http, CurrentMember member, AppDbContext db, AssessmentScoring scoring, WaveCharts charts, ExportCache cache, CancellationToken cancellationToken)
    {
        if (await LoadChartsAsync(id, null, member, db, scoring, charts, cancellationToken) is not var (result, waves))
        {
            return HttpResults.NotFound();
        }

        var svg = await TrendSvgFile(db, cache, result.Organization, result.Report, result.Assessment, waves.Trend, cancellationToken);
        return Download(http, svg, "image/svg+xml", DownloadNames.TrendSvg(result.Assessment.Name));
    }

    private static async Task<IResult> TrendPngDownload(Guid id, HttpContext http, CurrentMember member, AppDbContext db, AssessmentScoring scoring, WaveCharts charts, ExportCache cache, CancellationToken cancellationToken)
    {
        if (await LoadChartsAsync(id, null, member, db, scoring, charts, cancellationToken) is not var (result, waves))
        {
            return HttpResults.NotFound();
        }

        var png = await TrendPngFile(db, cache, result.Organization, result.Report, result.Assessment, waves.Trend, cancellationToken);
        return Download(http, png, "image/png", DownloadNames.TrendPng(result.Assessment.Name));
    }

    /// <summary>The same heading and outline as the wheel on the results page.</summary>
    private static WheelOptions Options(Assessment assessment, TrendWave? previous) => new() { Title = assessment.Name, Previous = previous };

    /// <summary>As <see cref="LoadVisibleAsync"/>, with the wave charts; null too when <paramref name="with"/> is not another released wave.</summary>
    private static async Task<((Organization Organization, Assessment Assessment, ScoreReport Report) Result, WaveChartSet Waves)?> LoadChartsAsync(
        Guid id, Guid? with, CurrentMember member, AppDbContext db, AssessmentScoring scoring, WaveCharts charts, CancellationToken cancellationToken)
    {
        if (await LoadVisibleAsync(id, member, db, scoring, cancellationToken) is not { } result)
        {
            return null;
        }

        var waves = await charts.ForAsync(result.Assessment, result.Organization, with, cancellationToken);
        return waves.UnknownWith ? null : (result, waves);
    }

    /// <summary>The member's organization, the assessment if it is that organization's, and its result.</summary>
    private static async Task<(Organization Organization, Assessment Assessment, ScoreReport Report)?> LoadAsync(
        Guid id, CurrentMember member, AppDbContext db, AssessmentScoring scoring, CancellationToken cancellationToken)
    {
        if (await member.GetAsync(cancellationToken) is not { } current)
        {
            return null;
        }

        var organization = current.Organization;
        var assessment = await db.Assessments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == organization.Id, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        return (organization, assessment, await scoring.ResultAsync(assessment, organization, cancellationToken));
    }

    /// <summary>As <see cref="LoadAsync"/>, but null too while the results are not released (still open, or too few answered).</summary>
    private static async Task<(Organization Organization, Assessment Assessment, ScoreReport Report)?> LoadVisibleAsync(
        Guid id, CurrentMember member, AppDbContext db, AssessmentScoring scoring, CancellationToken cancellationToken)
    {
        var result = await LoadAsync(id, member, db, scoring, cancellationToken);
        return result is { } r && ResultsRelease.StateOf(r.Assessment, r.Report) == ResultsState.Released ? result : null;
    }

    private static IResult Download(HttpContext http, byte[] content, string contentType, string fileName)
    {
        // Results change as answers arrive, and a report is not for a shared cache.
        http.Response.Headers.CacheControl = "no-store";
        return HttpResults.File(content, contentType, fileName);
    }
}
