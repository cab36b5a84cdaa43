using Microsoft.AspNetCore.Http.HttpResults;

namespace SalesWheel.Web.Features.Api;

/// <summary>The API's errors, all as RFC 9457 problem details (application/problem+json).</summary>
public static class ApiProblems
{
    public const string SendJson = "Send the body as JSON, with the header \"Content-Type: application/json\".";
    public const string SendCsv = "Send the CSV file itself as the body, with the header \"Content-Type: text/csv\".";

    public static ProblemHttpResult Problem(int status, string? detail, string? title = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ProblemHttpResult NotFound(string what) =>
        Problem(StatusCodes.Status404NotFound, $"There is no {what} with this id in your organization.");

    public static ProblemHttpResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, detail);

    /// <summary>400 with the message under each field's name, e.g. { "errors": { "minimumGroupSize": ["…"] } }.</summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.ValidationProblem(errors, detail: detail ?? "Some fields are not right: see errors, by field.");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A stored time as UTC (the database gives it back without its kind, so JSON would leave out the "Z").</summary>
    public static DateTime Utc(DateTime at) => DateTime.SpecifyKind(at, DateTimeKind.Utc);

    public static DateTime? Utc(DateTime? at) => at is { } value ? Utc(value) : null;

    /// <summary>Writes a problem straight to the response (for middleware and the authentication handler).</summary>
    public static Task Write(HttpContext context, int status, string? detail) => Problem(status, detail).ExecuteAsync(context);
}
