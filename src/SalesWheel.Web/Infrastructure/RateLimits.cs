using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// Rate limits: sign-in attempts, quick checks and survey requests per client address (the real client's behind a
/// known proxy, see <see cref="ReverseProxy"/>); API calls per token (per client address
/// without one), and all API calls of one client address together, so made-up tokens do not get around it (429 beyond them).
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string Survey = "survey";
    public const string Api = "api";
    public const string QuickCheck = "quick-check";

    public static void Configure(RateLimiterOptions options, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("SalesWheel:RateLimits:SignInPerMinute", 10);
        var surveyPerMinute = configuration.GetValue("SalesWheel:RateLimits:SurveyPerMinute", 600);
        var quickCheckPerMinute = configuration.GetValue("SalesWheel:RateLimits:QuickCheckPerMinute", 30);
        var apiPerMinute = configuration.GetValue("SalesWheel:RateLimits:ApiPerMinute", 120);
        var apiPerAddressPerMinute = configuration.GetValue("SalesWheel:RateLimits:ApiPerAddressPerMinute", 600);
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
            var response = context.HttpContext.Response;
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
            {
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, type: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
                    detail: $"Too many requests. Try again in {seconds} seconds.").ExecuteAsync(context.HttpContext);
            }
        };
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => http.Request.Path.StartsWithSegments("/api")
            ? RateLimitPartition.GetFixedWindowLimiter("api " + ClientAddress(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = apiPerAddressPerMinute,
                Window = TimeSpan.FromMinutes(1),
            })
            : RateLimitPartition.GetNoLimiter(""));
        options.AddPolicy(Api, http => RateLimitPartition.GetFixedWindowLimiter(ApiCaller(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = apiPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));
        options.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = signInPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));
        // The quick check needs no account and writes a row per submission: limited per client like sign-in.
        options.AddPolicy(QuickCheck, http => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = quickCheckPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));
        options.AddPolicy(Survey, http => RateLimitPartition.GetFixedWindowLimiter(ClientAddress(http), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = surveyPerMinute,
            Window = TimeSpan.FromMinutes(1),
        }));
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>The token's hash when a bearer token is sent (the token itself is never kept), else the client address.</summary>
    private static string ApiCaller(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? "token " + SalesWheel.Data.Tokens.Hash(header["Bearer ".Length..].Trim())
            : "address " + ClientAddress(http);
    }
}
