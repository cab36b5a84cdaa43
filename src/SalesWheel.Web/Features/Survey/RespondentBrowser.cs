using SalesWheel.Data;

namespace SalesWheel.Web.Features.Survey;

/// <summary>
/// A respondent's browser, known by a random secret in a cookie that the server never stores: it seals the browser's
/// drafts and, behind an open link, gives the browser its own survey link.
/// </summary>
public static class RespondentBrowser
{
    public const string Cookie = "saleswheel.respondent";

    /// <summary>This browser's secret from its cookie, or a new one (set on the response) when it has none.</summary>
    public static string Secret(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(Cookie, out var secret) && DraftSeal.LooksValid(secret))
        {
            return secret!;
        }

        secret = DraftSeal.NewBrowserSecret();
        context.Response.Cookies.Append(Cookie, secret, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax, // sent when a link is opened from an email (a top-level navigation from elsewhere)
            Path = "/",
            MaxAge = TimeSpan.FromDays(180),
            IsEssential = true,
        });
        return secret;
    }
}
