using System.ComponentModel;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using SalesWheel.Core.Comparison;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;
using SalesWheel.Web.Features.Assessments;
using SalesWheel.Web.Features.Benchmarks;

namespace SalesWheel.Web.Features.Results;

[Description("An assessment's results: the SalesWheel score report (the JSON of `saleswheel score --format json`) and what it was computed from.")]
public sealed record ResultsResponse(
    AssessmentResponse Assessment,
    [property: Description("Submitted responses.")] int Responses,
    [property: Description("People invited.")] int Invitations,
    [property: Description("The minimum group size the results were computed with.")] int MinimumGroupSize,
    [property: Description("False while the assessment is open, or when fewer than minimumGroupSize people answered: then there is no report, only the counts.")] bool Visible,
    [property: Description("The score report, with what to do (actions) under each of the top three priorities; null while not visible. Numbers are unrounded. In breakdowns, a hidden group has scores null and n null. keyDrivers and teamMetrics are those of the shared result: team metrics count only the teams its team breakdown shows.")] ScoreOutput? Report,
    [property: Description("Only when the organization weighs priorities by measured importance (impactAwarePriorities) and the report is visible, else null: the drivers ranked by impact-aware priority, beside report.priorities (the standard ranking, unchanged). " + ImpactPriorities.Formula)]
    IReadOnlyList<ImpactRankedDriver>? ImpactPriorities = null,
    [property: Description("Each driver's percentile among comparable organizations, next to its score (only for an instrument of the eight drivers); null while not visible.")] BenchmarksResponse? Benchmarks = null);

[Description("Two waves compared (SCORING.md \"Comparing two waves\", the JSON of `saleswheel compare --format json`, unrounded) and which two they are. Changes are after − before, in points on the 0–100 scale.")]
public sealed record ComparisonResponse(
    [property: Description("The earlier wave compared with (the `with` asked for, else the latest released wave before this one).")] Guid BeforeAssessmentId,
    [property: Description("This assessment.")] Guid AfterAssessmentId,
    [property: Description("The instrument (of the after wave).")] InstrumentInfo Instrument,
    [property: Description("The earlier wave's respondents.")] WaveSize Before,
    [property: Description("This wave's respondents.")] WaveSize After,
    [property: Description("Every dimension both waves asked about, in instrument order: before and after (n, score), change, ci95, df, p, beyondNoise (the interval leaves out 0), facets and items (change only). Change, ci95, df and p are null where either score is.")] IReadOnlyList<DimensionChange> Dimensions,
    [property: Description("Per breakdown (role, team), every group of either wave: changes per dimension where both waves show the group, else changes null (hidden in one wave: fewer answers than the minimum group size, or hidden to protect another group).")] IReadOnlyList<BreakdownChange> Breakdowns)
{
    /// <summary>The response for a compared pair.</summary>
    public static ComparisonResponse From(Guid before, Guid after, WaveComparison comparison) =>
        new(before, after, comparison.Instrument, comparison.Before, comparison.After, comparison.Dimensions, comparison.Breakdowns);
}

/// <summary>The context an export renderer gets: only ever for an assessment whose results may be shown.</summary>
public sealed record ExportContext(
    Assessment Assessment,
    Organization Organization,
    ScoreReport Report,
    PaperSize Paper,
    AppDbContext Db,
    AssessmentScoring Scoring,
    ExportCache Cache,
    bool MayTakeAnswers,
    WaveChartSet Waves,
    AssessmentComparison Comparison,
    CancellationToken CancellationToken);

/// <summary>
/// The export formats of GET /api/v1/assessments/{id}/exports/{format}: the same renderers as the results page's
/// downloads.
/// </summary>
public static class ApiExports
{
    /// <summary>
    /// A format: its content type, its renderer, its file's name (<see cref="DownloadNames"/>: the results page's), and
    /// whether it draws other waves (the outline, the trend, the PDF's comparison), which reads every released wave.
    /// </summary>
    public sealed record Format(string ContentType, Func<ExportContext, Task<byte[]>> Render, Func<ExportContext, string> FileName, bool DrawsWaves = true);

    /// <summary>By name, in any case ("pdf", "PDF"); in the order the reference lists them.</summary>
    public static IReadOnlyDictionary<string, Format> Formats { get; } = new Dictionary<string, Format>(StringComparer.OrdinalIgnoreCase)
    {
        ["svg"] = new("image/svg+xml", c => ReportFiles.WheelSvgFile(c.Db, c.Cache, c.Organization, c.Report, c.Assessment, c.CancellationToken, c.Waves.Outline),
            c => DownloadNames.WheelSvg(c.Assessment.Name)),
        ["png"] = new("image/png", c => ReportFiles.WheelPngFile(c.Db, c.Cache, c.Organization, c.Report, c.Assessment, c.CancellationToken, c.Waves.Outline),
            c => DownloadNames.WheelPng(c.Assessment.Name)),
        ["trend-svg"] = new("image/svg+xml", c => ReportFiles.TrendSvgFile(c.Db, c.Cache, c.Organization, c.Report, c.Assessment, c.Waves.Trend, c.CancellationToken),
            c => DownloadNames.TrendSvg(c.Assessment.Name)),
        ["trend-png"] = new("image/png", c => ReportFiles.TrendPngFile(c.Db, c.Cache, c.Organization, c.Report, c.Assessment, c.Waves.Trend, c.CancellationToken),
            c => DownloadNames.TrendPng(c.Assessment.Name)),
        ["pdf"] = new("application/pdf", c => ReportFiles.PdfAsync(c.Db, c.Waves, c.Comparison, c.Cache, new PeerPool(c.Db, c.Scoring), c.Organization, c.Assessment, c.Report, c.Paper, c.CancellationToken),
            c => DownloadNames.Report(c.Assessment.Name, c.Paper)),
        ["xlsx"] = new(ResultsWorkbook.ContentType, c => DataFiles.WriteAsync(DataFiles.WorkbookFile, c.Db, c.Scoring, c.Cache, c.Organization, c.Assessment, c.Report, c.MayTakeAnswers, c.CancellationToken),
            c => DownloadNames.Workbook(c.Assessment.Name), DrawsWaves: false),
        ["csv"] = new("text/csv; charset=utf-8", c => DataFiles.WriteAsync(DataFiles.AnswersFile, c.Db, c.Scoring, c.Cache, c.Organization, c.Assessment, c.Report, c.MayTakeAnswers, c.CancellationToken),
            c => DownloadNames.Answers(c.Assessment.Name), DrawsWaves: false),
    };
}

/// <summary>Results and exports, with the same anonymity as the results page.</summary>
public static class ResultsApi
{
    public static void MapResults(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assessments/{id:guid}").WithTags(ApiTags.Results);
        group.MapGet("/results", Get).WithName("getResults").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Read an assessment's results")
            .WithDescription("The score report as `saleswheel score --format json` writes it (see SCORING.md), plus the assessment and its counts. "
                + "Each of the top three priorities (every driver tied at the third place included) has its `actions`: 2 or 3 playbook actions for the driver's weakest facets, each with id, title, whatToDo, owner, effort and the reason it was chosen; the other priorities have none. "
                + "While the assessment is open, or when fewer people than the minimum group size answered, only the counts (visible: false, report: null). "
                + "Groups smaller than the minimum group size are hidden in breakdowns (scores and n null), as on the results page.")
            .Produces<ResultsResponse>();
        group.MapGet("/comparison", Compare).WithName("getComparison").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Compare an assessment with an earlier wave")
            .WithDescription("This assessment's results compared with another released wave of the same instrument in the organization (`with`), or by default with the latest released wave that closed before it: "
                + "the comparison JSON of `saleswheel compare --format json` (SCORING.md \"Comparing two waves\"), plus beforeAssessmentId and afterAssessmentId. "
                + "Each wave is scored on its own shared result, so a group hidden in either wave has changes null, as on the results page. "
                + "404 when this assessment or `with` is unknown, another organization's, still open, has too few answers, or is of another instrument, and when no `with` is given and there is no earlier released wave.")
            .Produces<ComparisonResponse>();
        group.MapGet("/exports/{format}", Export).WithName("exportResults").WithSummary("Download an export: svg, png, trend-svg, trend-png, pdf, xlsx or csv")
            .WithDescription("The wheel as SVG or PNG (with an earlier wave as a dashed outline: `with`, else the previous released wave of the same instrument, as on the results page), "
                + "the trend of every driver across the released waves of the same instrument up to this one (trend-svg, trend-png), the PDF report, the spreadsheet, or the anonymous answers as CSV (the format `saleswheel score` reads). "
                + "The csv, and the xlsx's Answers sheet, only for owners and admins unless the organization allows viewers (viewersMayDownloadAnswers): a viewer token gets 403 for csv and the xlsx without that sheet. "
                + "An unknown format, or a `with` that is not another released wave of the same instrument, answers 404; a paper other than a4 or letter 400. While the assessment is open, or when fewer people than the minimum group size answered, nothing is exported (409).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The file in each format's own content type (ApiExplorer cannot say this for an IResult), and the choices.
                operation.Responses ??= [];
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "The file, named in Content-Disposition.",
                    // Distinct: the wheel and the trend share their content types.
                    Content = ApiExports.Formats.Values.Select(f => f.ContentType.Split(';')[0]).Distinct(StringComparer.Ordinal).ToDictionary(
                        type => type,
                        _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
                };
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    if (parameter.Schema is OpenApiSchema schema && parameter.Name is "format" or "paper")
                    {
                        schema.Enum = (parameter.Name == "format" ? ApiExports.Formats.Keys : ["a4", "letter"]).Select(v => (JsonNode)JsonValue.Create(v)).ToList();
                    }
                }

                return Task.CompletedTask;
            });
    }

    private static async Task<IResult> Get(
        Guid id, ApiCaller caller, AssessmentActions actions, AppDbContext db, AssessmentScoring scoring, PeerPool pool, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, caller, db, scoring, cancellationToken) is not var (assessment, organization, report))
        {
            return ApiProblems.NotFound("assessment");
        }

        var visible = ResultsRelease.StateOf(assessment, report) == ResultsState.Released;
        var summary = await AssessmentsApi.ResponseAsync(db, assessment, cancellationToken);
        var results = new ResultsResponse(
            summary,
            summary.Responses,
            await db.Invitations.CountAsync(i => i.AssessmentId == id, cancellationToken),
            report.Context.MinGroupSize,
            visible,
            visible ? ScoreOutput.From(report) : null,
            visible && organization.ImpactAwarePriorities ? SalesWheel.Core.Scoring.ImpactPriorities.Rank(report) : null,
            visible && PeerPool.DriverScores(report).Count > 0 ? BenchmarksResponse.From(await pool.ForAsync(organization, assessment, report, cancellationToken)) : null);
        // The report is the shared one (AssessmentScoring.ResultAsync): a hidden group's n is null in it already, as on the page.
        return TypedResults.Json(results, json.Value.SerializerOptions);
    }

    private static async Task<IResult> Compare(
        Guid id,
        [Description("The id of the wave to compare with; by default the latest released wave that closed before this one.")] Guid? with,
        ApiCaller caller, AppDbContext db, AssessmentScoring scoring, ComparedWaves comparedWaves, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, caller, db, scoring, cancellationToken) is not var (assessment, organization, report))
        {
            return ApiProblems.NotFound("assessment");
        }

        var released = ResultsRelease.StateOf(assessment, report) == ResultsState.Released;
        return await comparedWaves.FindAsync(assessment, released, organization, with, cancellationToken) switch
        {
            (ComparedWaves.Finding.Compared, { } pair) => TypedResults.Json(ComparisonResponse.From(pair.Before.Id, assessment.Id, pair.Comparison), json.Value.SerializerOptions),
            _ when !released => ApiProblems.Problem(StatusCodes.Status404NotFound, "This assessment's results are not released (still open, or too few answers): there is nothing to compare."),
            (ComparedWaves.Finding.NoEarlierWave, _) => ApiProblems.Problem(StatusCodes.Status404NotFound, "There is no earlier released wave of this instrument to compare with."),
            _ => ApiProblems.NotFound("wave to compare with"),
        };
    }

    private static async Task<IResult> Export(
        Guid id,
        [Description("svg, png, trend-svg, trend-png, pdf, xlsx or csv; not case-sensitive.")] string format,
        [Description("For pdf: a4 (the default) or letter; not case-sensitive. Anything else answers 400.")] string? paper,
        [Description("For svg and png: the id of the wave to draw as the wheel's outline (another released assessment of the same instrument); default: the previous one.")] Guid? with,
        ApiCaller caller, AssessmentActions actions, AppDbContext db, AssessmentScoring scoring, WaveCharts charts, AssessmentComparison comparison, ExportCache cache, HttpContext http, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, caller, db, scoring, cancellationToken) is not var (assessment, organization, report))
        {
            return ApiProblems.NotFound("assessment");
        }

        var role = http.User.IsInRole(nameof(MemberRole.Owner)) ? MemberRole.Owner : http.User.IsInRole(nameof(MemberRole.Admin)) ? MemberRole.Admin : MemberRole.Viewer;
        var mayTakeAnswers = AnswersAccess.MayDownload(organization, role);
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) && !mayTakeAnswers)
        {
            return ApiProblems.Problem(StatusCodes.Status403Forbidden,
                "Row-level answers are for owners and admins in this organization: use an admin token, or ask an owner to allow viewers (Settings).");
        }

        if (ReportFiles.ParsePaper(paper) is not { } size)
        {
            return ApiProblems.Invalid("paper", ReportFiles.PaperChoices);
        }

        if (!ApiExports.Formats.TryGetValue(format, out var export))
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no export format \"{format}\". Use one of: {string.Join(", ", ApiExports.Formats.Keys)}.");
        }

        switch (ResultsRelease.StateOf(assessment, report))
        {
            case ResultsState.StillOpen:
                return ApiProblems.Conflict("The assessment is still open: results are released when it closes (each new result would otherwise show what the latest person answered).");
            case ResultsState.TooFewAnswers:
                return ApiProblems.Conflict($"Not enough answers to export results: fewer than {report.Context.MinGroupSize} people have answered, so only participation can be shown.");
        }

        // The workbook and the answers draw no other wave: without a with= to check, they need not read the waves at all.
        var waves = export.DrawsWaves || with is not null
            ? await charts.ForAsync(assessment, organization, with, cancellationToken)
            : WaveChartSet.None;
        if (waves.UnknownWith)
        {
            return ApiProblems.Problem(StatusCodes.Status404NotFound, $"There is no other released assessment {with} of the same instrument to draw as the outline.");
        }

        var context = new ExportContext(assessment, organization, report, size, db, scoring, cache, mayTakeAnswers, waves, comparison, cancellationToken);
        return TypedResults.File(await export.Render(context), export.ContentType, export.FileName(context));
    }

    private static async Task<(Assessment, Organization, ScoreReport)?> LoadAsync(
        Guid id, ApiCaller caller, AppDbContext db, AssessmentScoring scoring, CancellationToken cancellationToken)
    {
        // As stored, not as a page would show a due assessment: results wait until it is really closed (its last
        // answers are sealed until then).
        if (await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == caller.OrganizationId, cancellationToken) is not { } assessment)
        {
            return null;
        }

        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == caller.OrganizationId, cancellationToken);
        return (assessment, organization, await scoring.ResultAsync(assessment, organization, cancellationToken));
    }
}
