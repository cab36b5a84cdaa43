using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.ApiTokens;
using SalesWheel.Web.Features.Assessments;
using SalesWheel.Web.Features.People;
using SalesWheel.Web.Features.Plan;
using SalesWheel.Web.Features.Results;
using SalesWheel.Web.Features.Settings;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Api;

/// <summary>
/// Everything the REST API needs from the host: the bearer-token scheme and its two policies, errors as problem
/// details, the OpenAPI document at /openapi/v1.json and its reference page at /docs.
/// </summary>
public static partial class ApiSetup
{
    public const string Read = "api-read";
    public const string Change = "api-change";
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string DocsPath = "/docs";

    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static IServiceCollection AddSalesWheelApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName).RequireAuthenticatedUser())
            .AddPolicy(Change, p => p.AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
                .RequireRole(nameof(MemberRole.Admin), nameof(MemberRole.Owner)));
        services.AddScoped(s => ApiCaller.From(s.GetRequiredService<IHttpContextAccessor>().HttpContext!.User));
        services.AddExceptionHandler<ApiExceptionHandler>();

        // Bad requests (JSON of the wrong type, a query value that is not a number…) become exceptions that
        // ApiExceptionHandler turns into problem details naming the field, instead of a bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // Strict numbers: a number is a JSON number, never text ("5"), so the document types numbers as plain integer/number.
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOpenApi(DocumentName, ApiDocument.Configure);
        return services;
    }

    /// <summary>Errors under /api as problem details: exceptions, and statuses with no body (404, 405, 415…).</summary>
    public static IApplicationBuilder UseSalesWheelApi(this IApplicationBuilder app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages(context => ApiProblems.Write(context.HttpContext, context.HttpContext.Response.StatusCode, StatusDetail(context.HttpContext)));
        });

        // The reference page runs Scalar's script: allow it by the nonce Scalar puts on its own script tags, nothing more.
        app.UseWhen(c => c.Request.Path.StartsWithSegments(DocsPath), docs => docs.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    context.Response.Headers.ContentSecurityPolicy = ApiDocument.DocsPolicy(nonce);
                }

                return Task.CompletedTask;
            });
            return next(context);
        }));
        return app;
    }

    public static IEndpointRouteBuilder MapSalesWheelApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Read)
            .RequireRateLimiting(Infrastructure.RateLimits.Api)
            .CleansRequestText()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        // Each feature maps its own endpoints (Features/<Feature>/<Feature>Api.cs); the order is the reference's.
        api.MapOrganization();
        api.MapRolesAndAttributes();
        api.MapPeople();
        api.MapAssessments();
        api.MapUploads();
        api.MapResults();
        api.MapActionPlan();
        SalesWheel.Web.Features.TeamMetrics.TeamMetricsApi.MapTeamMetrics(api);

        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(DocsPath, options => options
            .WithTitle("SalesWheel API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableAgent()
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .WithNonce()
            .AddPreferredSecuritySchemes(ApiDocument.BearerScheme));
        return app;
    }

    /// <summary>
    /// What a status with no body of its own means for the caller. Routing answers 415 itself when the Content-Type is
    /// not the one the operation takes (before the endpoint runs): say which one to send.
    /// </summary>
    private static string? StatusDetail(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType when context.Request.Path.StartsWithSegments("/api/v1/people/import") => ApiProblems.SendCsv,
        StatusCodes.Status415UnsupportedMediaType => ApiProblems.SendJson,
        _ => null,
    };

    /// <summary>An operation with a JSON body: another Content-Type answers 415.</summary>
    public static RouteHandlerBuilder TakesJson(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>A change: needs an admin token (403 for a viewer token).</summary>
    public static RouteHandlerBuilder Changes(this RouteHandlerBuilder endpoint) =>
        endpoint.RequireAuthorization(Change).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Turns the API's exceptions into problem details; leaves the pages' exceptions to the error page.</summary>
    private sealed partial class ApiExceptionHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (!IsApi(context))
            {
                return false;
            }

            if (exception is BadHttpRequestException bad)
            {
                // The endpoint is cleared before exception handlers run; the feature keeps it.
                var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
                await BadRequest(bad, endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType).ExecuteAsync(context);
                return true;
            }

            await ApiProblems.Write(context, StatusCodes.Status500InternalServerError, "Something went wrong on our side. Nothing you sent was wrong; try again in a moment.");
            return true;
        }

        private static IResult BadRequest(BadHttpRequestException bad, Type? body)
        {
            if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            {
                return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, ApiProblems.SendJson);
            }

            if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.");
            }

            if (bad.InnerException is JsonException json)
            {
                // A value of the wrong type is named by its path ($.relevance.strategy.pmf → relevance.strategy.pmf); broken JSON is the body's.
                var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
                return json.Message.Contains("could not be converted", StringComparison.Ordinal)
                    ? ApiProblems.Invalid(field, $"Not a valid value here: expected {Expected(TypeAt(body, field)?.FullName ?? "")}.")
                    : ApiProblems.Invalid("body", $"The body is not valid JSON (at {json.Path ?? "$"}, line {json.LineNumber + 1}): " + json.Message.Split(" Path:")[0]);
            }

            if (BindFailure().Match(bad.Message) is { Success: true } bind)
            {
                return ApiProblems.Invalid(bind.Groups["name"].Value, $"\"{bind.Groups["value"].Value}\" is not a valid value: expected {Expected(bind.Groups["type"].Value)}.");
            }

            if (Missing().Match(bad.Message) is { Success: true } missing)
            {
                return ApiProblems.Invalid(missing.Groups["name"].Value, "This value is required.");
            }

            if (bad.Message.Contains("no body was provided", StringComparison.Ordinal) || bad.Message.Contains("body was not provided", StringComparison.Ordinal))
            {
                return ApiProblems.Invalid("body", "Send a JSON body: see the API reference at /docs for its fields.");
            }

            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "The request could not be read: " + bad.Message);
        }

        /// <summary>A .NET type name in words: "System.Int32" → "a whole number".</summary>
        private static string Expected(string type)
        {
            return type switch
            {
                _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object",
                _ when type.Contains("List", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "a list",
                _ when type.Contains("Int32", StringComparison.Ordinal) || type is "int" or "int?" => "a whole number",
                _ when type.Contains("Boolean", StringComparison.Ordinal) || type is "bool" or "bool?" => "true or false",
                _ when type.Contains("Guid", StringComparison.Ordinal) => "an id",
                _ when type.Contains("String", StringComparison.Ordinal) || type is "string" => "text",
                _ => "a value of another type (see the API reference at /docs)",
            };
        }

        /// <summary>The declared type at a JSON path of the body ("relevance.strategy.pmf"), when it can be followed.</summary>
        private static Type? TypeAt(Type? type, string path)
        {
            foreach (var segment in path.Split('.'))
            {
                var name = segment.Split('[')[0];
                if (type is null || name.Length == 0)
                {
                    return null;
                }

                type = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>)
                    ? type.GetGenericArguments()[1]
                    : type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
                if (segment.Contains('[', StringComparison.Ordinal) && type is { IsGenericType: true })
                {
                    type = type.GetGenericArguments()[0];
                }
            }

            return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        }

        [GeneratedRegex("Failed to bind parameter \"(?<type>.+) (?<name>[A-Za-z0-9_]+)\" from \"(?<value>.*)\"")]
        private static partial Regex BindFailure();

        [GeneratedRegex("Required parameter \"(?<type>.+) (?<name>[A-Za-z0-9_]+)\" was not provided")]
        private static partial Regex Missing();
    }
}
