namespace SalesWheel.Web.Infrastructure;

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
