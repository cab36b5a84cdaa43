using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Infrastructure;

/// <summary>Refuses the passwords attackers try first (a list shipped with the app).</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(() =>
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("SalesWheel.Web.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim());
            }
        }

        return set;
    });

    public const int MaximumLength = 128;

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Length > MaximumLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"Use at most {MaximumLength} characters." }));
        }

        if (IsCommon(password) || string.Equals(password, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is one of the most common ones and is easy to guess. A few unrelated words make a strong password.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}

/// <summary>Sessions end after 30 minutes idle, and after 12 hours whatever happens.</summary>
public static class SessionLifetime
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan Absolute = TimeSpan.FromHours(12);
    private const string SignedInAt = "saleswheel.signed-in-at";

    /// <summary>Signs the user in for a browser session, marking the moment (kept when the cookie slides) for the absolute limit.</summary>
    public static Task SignInAsync(SignInManager<AppUser> signIn, AppUser user)
    {
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[SignedInAt] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return signIn.SignInAsync(user, properties);
    }

    public static async Task RejectWhenTooOld(CookieValidatePrincipalContext context)
    {
        if (!context.Properties.Items.TryGetValue(SignedInAt, out var stamp)
            || !long.TryParse(stamp, CultureInfo.InvariantCulture, out var seconds)
            || DateTimeOffset.UtcNow - DateTimeOffset.FromUnixTimeSeconds(seconds) > Absolute)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // The security stamp is checked on every request (not every 30 minutes as Identity does by default): signing
        // out, changing or resetting the password rotate it, and every cookie issued before is refused at once.
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<AppUser>>();
        var user = context.Principal is null ? null : await users.GetUserAsync(context.Principal);
        var securityStamp = context.Principal?.FindFirst(users.Options.ClaimsIdentity.SecurityStampClaimType)?.Value;
        if (user is null || securityStamp is null || securityStamp != await users.GetSecurityStampAsync(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>Ends every session of the user (all browsers): the stamp in their cookies no longer matches.</summary>
    public static Task EndAllSessionsAsync(UserManager<AppUser> users, AppUser user) => users.UpdateSecurityStampAsync(user);
}

/// <summary>Answers about an address that has no account cost the same as about one that has (no enumeration by timing).</summary>
public static class UnknownAccount
{
    private static readonly AppUser Nobody = new() { DisplayName = "nobody", UserName = "nobody" };
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<AppUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    /// <summary>Checks the password against a made-up hash: the same work as checking a real account's.</summary>
    public static void CheckPassword(IPasswordHasher<AppUser> hasher, string password) =>
        hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password);
}

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

/// <summary>Headers on every response: a strict content security policy (no inline script, nothing from other hosts), no framing, no referrer.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}

/// <summary>
/// One structured log line per request, with personal link tokens cut out of the path (/s/{token} → /s/…,
/// /reset-password/{token}, /signup/confirm/{token}) and no query string: the framework's own request logs are held
/// at Warning in code (<see cref="LinkTokensOutOfLogs"/>).
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Log(logger, context.Request.Method, Redact(context.Request.Path.Value), context.Response.StatusCode, elapsed);
            }
        }
    }

    /// <summary>Link kinds whose next path segment is a token: surveys, quick-check results, member invitations, password resets.</summary>
    private static readonly HashSet<string> TokenLinks = new(StringComparer.OrdinalIgnoreCase) { "s", "q", "join", "reset", "reset-password", "verify", "open", "o" };

    /// <summary>
    /// Replaces the token segment of personal links (/s/{token} → /s/…), and any other segment that looks like a token
    /// (16 or more URL-safe characters that are not a GUID), so a link kind added later is covered too.
    /// </summary>
    public static string Redact(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var parts = path.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            // Survey, open, quick check and invitation links, the one-time links to reset a password or confirm a
            // sign-up, and anything else that looks like a token.
            if ((i == 2 && TokenLinks.Contains(parts[1])) || (i == 3 && parts[1] == "signup" && parts[2] == "confirm") || LooksLikeToken(parts[i]))
            {
                parts[i] = "…";
            }
        }

        return string.Join('/', parts);
    }

    private static bool LooksLikeToken(string segment) =>
        segment.Length >= 16 && !Guid.TryParse(segment, out _) && !segment.Contains('.', StringComparison.Ordinal)
        && segment.Any(char.IsAsciiDigit) && segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '%');

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Log(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
