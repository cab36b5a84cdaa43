using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using SalesWheel.Core.Imports;
using SalesWheel.Data;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;

namespace SalesWheel.Web.Features.TeamMetrics;

[Description("A metric: its name and unit.")]
public sealed record MetricResponse(
    [property: Description("The metric's name, e.g. win-rate.")] string Name,
    [property: Description("Its unit, e.g. % or days; null when none.")] string? Unit);

[Description("One team's values.")]
public sealed record TeamValuesResponse(
    [property: Description("The team, as the answers' team column names it.")] string Team,
    [property: Description("Its value per metric name; a metric without a value for the team is left out.")] IReadOnlyDictionary<string, double> Values);

[Description("An assessment's outcome metrics per team, for the assessment's period.")]
public sealed record TeamMetricsResponse(
    Guid AssessmentId,
    [property: Description("The metrics in their order; empty when none are stored.")] IReadOnlyList<MetricResponse> Metrics,
    [property: Description("The teams with at least one value, in ordinal order of their names.")] IReadOnlyList<TeamValuesResponse> Teams)
{
    public static TeamMetricsResponse From(Guid assessmentId, StoredTeamMetrics stored) => new(
        assessmentId,
        stored.Metrics.Select(m => new MetricResponse(m.Name, m.Unit)).ToList(),
        stored.Table is not { } table
            ? []
            : table.Teams.Select(team => new TeamValuesResponse(team, table.Metrics
                .Where(m => table.Value(team, m) is not null)
                .ToDictionary(m => m, m => table.Value(team, m)!.Value, StringComparer.Ordinal))).ToList());
}

[Description("A metric to store: its name and optional unit.")]
public sealed record MetricRequest(
    [property: Description("Required, at most 100 characters, unique (in any case), not \"team\".")] string? Name,
    [property: Description("Optional, at most 20 characters, e.g. % or days.")] string? Unit = null);

[Description("One team's values to store.")]
public sealed record TeamValuesRequest(
    [property: Description("Required, at most 200 characters; matched exactly (after trimming) against the answers' team values.")] string? Team,
    [property: Description("Its value per metric name (a name of `metrics`); null or left out for no value.")] Dictionary<string, double?>? Values);

[Description("Every metric of the assessment, replacing those stored: no metric (or no value) removes them.")]
public sealed record TeamMetricsRequest(
    [property: Description("The metrics, at most 20, in the order to report them.")] List<MetricRequest>? Metrics,
    [property: Description("The teams, at most 500.")] List<TeamValuesRequest>? Teams);

/// <summary>/api/v1/assessments/{id}/team-metrics: an assessment's outcome metrics per team, read and replaced as a whole.</summary>
public static class TeamMetricsApi
{
    private const string FileRules = """
        The body is JSON (`Content-Type: application/json`, see the schema), or a metrics file as the body (CSV, an .xlsx workbook or a ZIP
        holding one CSV): a column `team`, then one column per metric named by its header (`win-rate (%)` gives the metric win-rate with the unit %);
        a cell is a number (decimal point or comma, optional %) or blank, NA, N/A or - for no value. Nothing is stored unless all of it is right:
        every problem is named under `errors` (a file's by line and column under `errors.file`; JSON's by field, `teams[j].values[i]` being the
        i-th metric). The change is recorded in the audit log; the results' `teamMetrics` follow at once.
        """;

    public static void MapTeamMetrics(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assessments").WithTags(ApiTags.Results);
        group.MapGet("/{id:guid}/team-metrics", Get).WithName("getTeamMetrics").WithSummary("Read an assessment's team metrics")
            .WithDescription("The outcome metrics per team the results correlate with the drivers' team scores (SCORING.md \"Outcomes and key drivers\").")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}/team-metrics", Put).Changes().WithName("replaceTeamMetrics").WithSummary("Replace an assessment's team metrics")
            .WithDescription(FileRules)
            .AddOpenApiOperationTransformer(DescribeBody)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>The bodies taken besides JSON: a metrics file (CSV or text, a workbook, a ZIP, or bytes without a type).</summary>
    private static readonly HashSet<string> FileTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/csv", "text/plain", "text/tab-separated-values", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/zip", "application/x-zip-compressed", "application/octet-stream",
    };

    /// <summary>
    /// The body's content types for the document. Not <c>Accepts</c>: routing would then answer 415 for another type before
    /// the token's role (403) or the assessment (404) is checked; the handler reads the body by its Content-Type instead.
    /// </summary>
    private static async Task DescribeBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var json = await context.GetOrCreateSchemaAsync(typeof(TeamMetricsRequest), null, cancellationToken);
        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The metrics as JSON, or a metrics file as the body.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = json },
                ["text/csv"] = new() { Schema = binary },
                ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = new() { Schema = binary },
                ["application/zip"] = new() { Schema = binary },
            },
        };
    }

    private static async Task<Results<Ok<TeamMetricsResponse>, ProblemHttpResult>> Get(
        Guid id, ApiCaller caller, TeamMetricActions actions, CancellationToken cancellationToken) =>
        await actions.FindAsync(caller.OrganizationId, id, cancellationToken) is { } assessment
            ? TypedResults.Ok(TeamMetricsResponse.From(id, await actions.ReadAsync(assessment, cancellationToken)))
            : ApiProblems.NotFound("assessment");

    private static async Task<Results<Ok<TeamMetricsResponse>, ValidationProblem, ProblemHttpResult>> Put(
        Guid id, HttpRequest http, ApiCaller caller, TeamMetricActions actions, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } assessment)
        {
            return ApiProblems.NotFound("assessment");
        }

        var type = MediaTypeHeaderValue.TryParse(http.ContentType, out var parsed) ? parsed.MediaType.Value ?? "" : "";
        if (!http.HasJsonContentType() && type.Length > 0 && !FileTypes.Contains(type))
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "Send the metrics as JSON (\"Content-Type: application/json\"), or a metrics file as the body (\"Content-Type: text/csv\", an .xlsx workbook or a ZIP).");
        }

        var body = await RequestBody.ReadAsync(http, IndexModel.MaximumFileBytes, cancellationToken);
        if (body is null)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {IndexModel.MaximumFileBytes / (1024 * 1024)} MB; a metrics file has one row per team.");
        }

        if (body.Length == 0)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "The body is empty: send the metrics as JSON, or a metrics file.");
        }

        TeamMetricsInput input;
        if (http.HasJsonContentType())
        {
            TeamMetricsRequest? request;
            try
            {
                request = JsonSerializer.Deserialize<TeamMetricsRequest>(body, json.Value.SerializerOptions);
            }
            catch (JsonException e)
            {
                return ApiProblems.Invalid("body", $"The JSON cannot be read{(e.Path is { } path ? $" at {path}" : "")}: send {{\"metrics\": [{{\"name\": \"win-rate\", \"unit\": \"%\"}}], \"teams\": [{{\"team\": \"East\", \"values\": {{\"win-rate\": 31.5}}}}]}}.");
            }

            if (Input(request) is not { } typed)
            {
                return ApiProblems.Invalid(UnknownMetrics(request!));
            }

            input = typed;
        }
        else
        {
            try
            {
                input = TeamMetricsInput.From(TeamMetricsFile.Read(new MemoryStream(body, writable: false), "the file sent"));
            }
            catch (InvalidTeamMetricsException e)
            {
                return ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = [.. e.Problems] }, $"The file cannot be used: {TeamMetricActions.Count(e.Problems.Count, "problem")}. Nothing was stored.");
            }
        }

        var outcome = await actions.ReplaceAsync(assessment, caller.Actor, input, cancellationToken);
        return outcome.Saved
            ? TypedResults.Ok(TeamMetricsResponse.From(id, await actions.ReadAsync(assessment, cancellationToken)))
            : ApiProblems.Invalid(outcome.Errors.ByField, "Nothing was stored.");
    }

    /// <summary>JSON as the use case's input; null when a team names a metric that is not in <c>metrics</c>.</summary>
    private static TeamMetricsInput? Input(TeamMetricsRequest? request)
    {
        var metrics = request?.Metrics ?? [];
        var teams = request?.Teams ?? [];
        var names = metrics.Select(m => m?.Name?.Trim() ?? "").ToList();
        if (teams.Any(t => (t?.Values ?? []).Keys.Any(k => !names.Contains(k.Trim(), StringComparer.Ordinal))))
        {
            return null;
        }

        return new TeamMetricsInput(
            metrics.Select(m => new MetricInput(m?.Name, m?.Unit)).ToList(),
            teams.Select(t => new TeamRowInput(t?.Team, names.Select(name =>
                (t?.Values ?? []).FirstOrDefault(v => v.Key.Trim() == name).Value?.ToString("R", CultureInfo.InvariantCulture)).ToList())).ToList());
    }

    private static Dictionary<string, string[]> UnknownMetrics(TeamMetricsRequest request)
    {
        var names = (request.Metrics ?? []).Select(m => m?.Name?.Trim() ?? "").ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var teams = request.Teams ?? [];
        for (var j = 0; j < teams.Count; j++)
        {
            var unknown = (teams[j]?.Values ?? []).Keys.Where(k => !names.Contains(k.Trim())).ToList();
            if (unknown.Count > 0)
            {
                errors[$"teams[{j}].values"] = [.. unknown.Select(k => $"\u201c{k}\u201d is not one of the metrics: add it to `metrics`, or leave it out.")];
            }
        }

        return errors;
    }
}
