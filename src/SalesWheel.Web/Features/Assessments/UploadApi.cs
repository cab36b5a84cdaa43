using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.OpenApi;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Responses;
using SalesWheel.Data;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

[Description("One column of the file and what it became.")]
public sealed record UploadColumnResponse(
    [property: Description("The spreadsheet column letter (A, B, …).")] string Column,
    string Header,
    [property: Description("item, attribute or ignored.")] string Target,
    [property: Description("The statement id or attribute name; null when ignored.")] string? Name,
    [property: Description("How it was recognised: itemId, idInBrackets, idInPath, idBeforeText, statementText, headerText, questionText, mapping, nothing.")] string How,
    [property: Description("For an ignored column, the statement its header is closest to.")] string? ClosestStatement);

[Description("A distinct answer found in statement columns and the scale point it was read as.")]
public sealed record UploadValueResponse(string Text, int Count, [property: Description("Null: not answered.")] int? Point, [property: Description("number, label or notAnswered.")] string ReadAs);

[Description("An attribute kept for breakdowns (role, team) with its values and near-duplicates to merge (with `mapping.merges`).")]
public sealed record UploadAttributeResponse(string Name, IReadOnlyDictionary<string, int> Values, IReadOnlyList<IReadOnlyList<string>> NearDuplicates);

[Description("How a file was read: what the web upload's preview shows. Send `mapping` back (corrected) to read the next file the same way.")]
public sealed record UploadReportResponse(
    [property: Description("csv, excelWorkbook or zipCsv.")] string Format,
    string? Encoding,
    [property: Description("Set when the encoding had to be guessed.")] string? EncodingNote,
    [property: Description("The header's spreadsheet row.")] int HeaderRow,
    [property: Description("full, quick or custom: the form the file looks like (a quick-form file is scored as the quick form).")] string Form,
    int Respondents,
    int SkippedEmptyRows,
    [property: Description("The answers were all numbers: their direction was assumed (see direction; reverse with reverseScale).")] bool NumbersOnly,
    string Direction,
    bool ReverseScale,
    IReadOnlyList<UploadColumnResponse> Columns,
    [property: Description("Statement ids with no column (no answers).")] IReadOnlyList<string> ItemsWithoutColumn,
    IReadOnlyList<UploadValueResponse> Values,
    IReadOnlyList<UploadAttributeResponse> Attributes,
    [property: Description("Likely silent mistakes, each with a code and what to do.")] IReadOnlyList<UploadWarningResponse> Warnings,
    [property: Description("The mapping as applied (version, columns with header, target and name, values, reverseScale, merges): send it back, corrected, as the `mapping` field.")] JsonElement Mapping)
{
    public static UploadReportResponse From(ImportReport report) => new(
        Camel(report.Format.ToString()), report.Encoding, report.EncodingNote, report.Header.Row, Camel(report.Form.ToString()),
        report.Respondents, report.SkippedEmptyRows, report.NumbersOnly, report.Direction, report.ReverseScale,
        report.Columns.Select(c => new UploadColumnResponse(c.Letter, c.Header, Camel(c.Target.ToString()), c.Name, Camel(c.How.ToString()), c.ClosestStatement)).ToList(),
        report.ItemsWithoutColumn,
        report.Values.Select(v => new UploadValueResponse(v.Text, v.Count, v.Point, Camel(v.ReadAs.ToString()))).ToList(),
        report.Attributes.Select(a => new UploadAttributeResponse(a.Name, a.Values.ToDictionary(v => v.Value, v => v.Count), a.NearDuplicates)).ToList(),
        report.Warnings.Select(w => new UploadWarningResponse(w.Code, w.Message)).ToList(), JsonDocument.Parse(report.Mapping.ToJson()).RootElement.Clone());

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

[Description("A warning about a likely silent mistake.")]
public sealed record UploadWarningResponse(
    [property: Description("reverse-keyed-negative, numbers-only, near-miss-id, attribute-near-duplicates, full-file-as-quick, read-as-quick, encoding or reverse-with-labels.")] string Code,
    [property: Description("What was seen and what to do.")] string Message);

[Description("What an upload did (or, with dryRun, would do).")]
public sealed record UploadResponse(
    [property: Description("The assessment made or whose answers were replaced; null for a dry run.")] AssessmentResponse? Assessment,
    UploadReportResponse Report);

/// <summary>
/// POST /api/v1/assessments/upload and PUT /api/v1/assessments/{id}/answers: an answers file through the same import
/// pipeline, checks, storage and audit entries as the upload page (<see cref="AnswersUpload"/>), with a dry run in place
/// of the preview.
/// </summary>
public static class UploadApi
{
    private const string Body = """
        The file is either the whole body (Content-Type `text/csv`, or the workbook's or ZIP's own type) with the other fields as query
        parameters, or a `multipart/form-data` form with the file in `file` and the other fields as form fields. CSV (`,` `;` tab, UTF-8,
        UTF-16 with a byte order mark, else Windows-1252 with a note), Excel workbooks (.xlsx, first sheet) and a ZIP holding one CSV are
        read as the upload page and `saleswheel score` read them: the header is found among the first rows, columns are mapped by statement
        id or text, answers may be numbers or scale labels. At most 20 MB and 100,000 rows.
        `mapping` (JSON, as returned in `report.mapping`) replays a mapping; without it, the organization's last confirmed mapping is
        applied. `reverseScale=true` reads numbers from "Strongly agree" = 1. With `dryRun=true` nothing is stored: the answer is how the
        file was read (what the page's preview shows). A file that cannot be read is refused with 400, each problem named by row, line and
        column under `errors.file`. The phase and ACV band used for scoring are the organization's settings.
        """;

    public static void MapUploads(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assessments").WithTags(ApiTags.Assessments);
        group.MapPost("/upload", Upload).Changes().WithName("uploadAnswers")
            .WithSummary("Upload answers from another tool (a closed assessment)")
            .WithDescription(Body + "\n\nCreates a closed assessment named `name` (required unless `dryRun`), `instrument` full (default: the form is detected) or quick; 201 with its location.")
            .AddOpenApiOperationTransformer(DescribeBody)
            .Produces<UploadResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapPut("/{id:guid}/answers", Replace).Changes().WithName("replaceAnswers")
            .WithSummary("Replace the answers of an uploaded assessment")
            .WithDescription(Body + "\n\nReplaces every response of the uploaded assessment by the file's (its name, id and instrument stay; the built-in form is detected again). "
                + "Only uploaded assessments: another is refused with 409. The replacement is recorded in the audit log.")
            .AddOpenApiOperationTransformer(DescribeBody)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>
    /// The file's content types for the document. Not <c>Accepts</c>: routing would then answer 415 for another type before
    /// the token's role (403) or the assessment (404) is checked; the handler reads any body as the file instead.
    /// </summary>
    private static Task DescribeBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "file" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The answers file (CSV, .xlsx or a ZIP holding one CSV)." },
                ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "As the query parameter." },
                ["instrument"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "As the query parameter." },
                ["mapping"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "As the query parameter." },
                ["reverseScale"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "As the query parameter." },
            },
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The answers file as the body, or a form with it in `file`.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/csv"] = new() { Schema = binary },
                ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = new() { Schema = binary },
                ["application/zip"] = new() { Schema = binary },
                ["multipart/form-data"] = new() { Schema = form },
            },
        };
        return Task.CompletedTask;
    }

    private static async Task<Results<Created<UploadResponse>, Ok<UploadResponse>, ValidationProblem, ProblemHttpResult>> Upload(
        HttpRequest http,
        [Description("The assessment's name, at most 200 characters (required unless dryRun).")] string? name,
        [Description("full (default; the quick form is detected from the columns) or quick.")] string? instrument,
        [Description("A mapping to replay (JSON, as in report.mapping).")] string? mapping,
        [Description("true: numbers are numbered from \"Strongly agree\" = 1.")] bool? reverseScale,
        [Description("true: read and report, store nothing.")] bool? dryRun,
        ApiCaller caller, AnswersUpload upload, AppDbContext db, CancellationToken cancellationToken)
    {
        var sent = await SentFile.ReadAsync(http, cancellationToken);
        if (sent.Problem is { } problem)
        {
            return problem;
        }

        name = sent.Field("name") ?? name;
        var choice = (sent.Field("instrument") ?? instrument ?? "full").Trim().ToLowerInvariant();
        var errors = new FieldErrors();
        var cleaned = dryRun == true && string.IsNullOrWhiteSpace(name) ? "" : NewAssessment.CheckName(name, errors);
        if (choice is not ("full" or "quick"))
        {
            errors.Add("instrument", "Send full (the quick form is detected from the columns) or quick. A custom instrument is uploaded on the upload page.");
        }

        var (import, invalid) = await ReadAsync(sent, choice, mapping, reverseScale, caller, upload, errors, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var report = UploadReportResponse.From(import!.Report);
        if (dryRun == true)
        {
            return TypedResults.Ok(new UploadResponse(null, report));
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == caller.OrganizationId, cancellationToken);
        var assessment = await upload.StoreAsync(organization, caller.Actor, cleaned, null, import, cancellationToken);
        return TypedResults.Created($"/api/v1/assessments/{assessment.Id}", new UploadResponse(AssessmentResponse.From(assessment, import.Responses.Count), report));
    }

    private static async Task<Results<Ok<UploadResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        Guid id,
        HttpRequest http,
        [Description("A mapping to replay (JSON, as in report.mapping).")] string? mapping,
        [Description("true: numbers are numbered from \"Strongly agree\" = 1.")] bool? reverseScale,
        [Description("true: read and report, change nothing.")] bool? dryRun,
        ApiCaller caller, AnswersUpload upload, AppDbContext db, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == caller.OrganizationId, cancellationToken);
        if (assessment is null)
        {
            return ApiProblems.NotFound("assessment");
        }

        if (!assessment.Uploaded)
        {
            return ApiProblems.Conflict("Only an uploaded assessment's answers can be replaced: this one's answers came from its survey.");
        }

        var sent = await SentFile.ReadAsync(http, cancellationToken);
        if (sent.Problem is { } problem)
        {
            return problem;
        }

        var choice = assessment.InstrumentJson is null ? "full" : "custom";
        var (import, invalid) = await ReadAsync(sent, choice, mapping, reverseScale, caller, upload, new FieldErrors(), cancellationToken, assessment.InstrumentJson);
        if (invalid is not null)
        {
            return invalid;
        }

        if (dryRun != true)
        {
            var organization = await db.Organizations.FirstAsync(o => o.Id == caller.OrganizationId, cancellationToken);
            await upload.ReplaceAsync(organization, caller.Actor, assessment, import!, "the API", cancellationToken);
        }

        return TypedResults.Ok(new UploadResponse(dryRun == true ? null : AssessmentResponse.From(assessment, import!.Responses.Count), UploadReportResponse.From(import!.Report)));
    }

    /// <summary>The file read with the mapping sent (else the organization's last), or the problems as a validation problem (with <paramref name="errors"/> found before).</summary>
    private static async Task<(ImportResult? Import, ValidationProblem? Invalid)> ReadAsync(SentFile sent, string choice, string? mappingQuery, bool? reverseQuery,
        ApiCaller caller, AnswersUpload upload, FieldErrors errors, CancellationToken cancellationToken, string? instrumentJson = null)
    {
        ImportMapping? mapping = null;
        if ((sent.Field("mapping") ?? mappingQuery) is { Length: > 0 } json)
        {
            try
            {
                mapping = ImportMapping.Parse(json, "mapping");
            }
            catch (InvalidResponsesException e)
            {
                errors.Add("mapping", string.Join(" ", e.Problems));
            }
        }
        else
        {
            mapping = await upload.LastMappingAsync(caller.OrganizationId, cancellationToken);
        }

        var reverse = sent.Field("reverseScale") is { } text ? string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase) : reverseQuery;
        if (!errors.IsEmpty)
        {
            return (null, ApiProblems.Invalid(errors.ByField));
        }

        var reading = AnswersUpload.Read(sent.Content!, sent.FileName, AnswersUpload.Options(choice, instrumentJson, mapping, reverse));
        if (reading.Import is null)
        {
            return (null, ApiProblems.Invalid(new Dictionary<string, string[]> { ["file"] = reading.Problems.Count > 0 ? [.. reading.Problems] : [reading.Refusal!] }, reading.Refusal));
        }

        return (reading.Import, null);
    }

    /// <summary>The file of a request: the body itself, or the <c>file</c> part of a multipart form (with its other fields).</summary>
    private sealed record SentFile(byte[]? Content, string FileName, IFormCollection? Form, ProblemHttpResult? Problem)
    {
        public string? Field(string name) => Form is not null && Form.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

        public static async Task<SentFile> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
        {
            var tooLarge = ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge,
                $"The file is larger than {UploadModel.MaximumFileBytes / (1024 * 1024)} MB, the most one upload takes. Split the answers into smaller files, or score the whole file with the command line (saleswheel score).");
            if (http.HasFormContentType)
            {
                var form = await http.ReadFormAsync(cancellationToken);
                if (form.Files.GetFile("file") is not { Length: > 0 } file)
                {
                    return new SentFile(null, "", form, ApiProblems.Problem(StatusCodes.Status400BadRequest, "Send the answers file in the form field `file`."));
                }

                if (file.Length > UploadModel.MaximumFileBytes)
                {
                    return new SentFile(null, "", form, tooLarge);
                }

                await using var stream = file.OpenReadStream();
                using var copy = new MemoryStream((int)file.Length);
                await stream.CopyToAsync(copy, cancellationToken);
                return new SentFile(copy.ToArray(), Path.GetFileName(file.FileName), form, null);
            }

            return await RequestBody.ReadAsync(http, UploadModel.MaximumFileBytes, cancellationToken) switch
            {
                null => new SentFile(null, "", null, tooLarge),
                [] => new SentFile(null, "", null, ApiProblems.Problem(StatusCodes.Status400BadRequest, "The body is empty: send the answers file.")),
                var body => new SentFile(body, "the file sent", null, null),
            };
        }
    }
}
