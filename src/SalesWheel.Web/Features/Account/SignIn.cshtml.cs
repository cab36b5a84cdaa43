using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Account;

/// <summary>
/// Sign in. Every refusal reads the same whether or not the address has an account, and costs the same (a password is
/// always checked against a hash); repeated failures make the next attempt wait (<see cref="SignInThrottle"/>).
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInThrottle throttle) : PageModel
{
    public const string NoMatch = "That email and password do not match an account.";

    [BindProperty]
    [Required(ErrorMessage = "Enter your email.")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = "";

    public string? Notice { get; private set; }

    public void OnGet() => Notice = TempData["Notice"] as string;

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Email.Trim();
        var attempt = SignInAttempt.For(HttpContext, email);
        var wait = throttle.WaitFor(attempt);
        if (wait > TimeSpan.Zero)
        {
            return TooMany(this, wait);
        }

        var user = await users.FindByEmailAsync(email);
        var succeeded = false;
        if (user is null)
        {
            UnknownAccount.CheckPassword(users.PasswordHasher, Password);
        }
        else
        {
            succeeded = (await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: false)).Succeeded;
        }

        if (!succeeded || user is null)
        {
            throttle.Failed(attempt);
            ModelState.AddModelError("", NoMatch);
            return Page();
        }

        throttle.Succeeded(attempt);
        DeviceCookie.Issue(HttpContext, email, attempt.Device);
        await SessionLifetime.SignInAsync(signIn, user);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/assessments");
    }

    /// <summary>The page with 429, a Retry-After header and how long to wait: the same for every address.</summary>
    internal static PageResult TooMany(PageModel page, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        page.ModelState.AddModelError("", seconds < 90
            ? $"Too many wrong passwords for now. Wait {seconds} second{(seconds == 1 ? "" : "s")} and try again."
            : $"Too many wrong passwords for now. Wait {(int)Math.Ceiling(seconds / 60.0)} minutes and try again.");
        return page.Page();
    }
}
