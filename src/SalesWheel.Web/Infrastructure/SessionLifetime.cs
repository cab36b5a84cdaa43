using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Infrastructure;

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

        // The security stamp is checked on every request (not every 30 minutes as Identity's SecurityStampValidator
        // does by default): signing out, changing or resetting the password rotate it, and every cookie issued before
        // is refused at once. Identity's own check, without its validator: that one would also rebuild the principal and
        // reissue the cookie on each request.
        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>();
        if (await signIn.ValidateSecurityStampAsync(context.Principal) is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>Ends every session of the user (all browsers): the stamp in their cookies no longer matches.</summary>
    public static Task EndAllSessionsAsync(UserManager<AppUser> users, AppUser user) => users.UpdateSecurityStampAsync(user);
}
