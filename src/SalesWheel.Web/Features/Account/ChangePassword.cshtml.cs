using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Account;

/// <summary>
/// Change password, signed in: asks the current password (wrong ones count like failed sign-ins), and ends every other
/// session of the account; this browser stays signed in with a new cookie.
/// </summary>
[Authorize]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ChangePasswordModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInThrottle throttle, IMailer mailer,
    LinkBuilder links, ILogger<ChangePasswordModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your current password.")]
    public string CurrentPassword { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Choose a new password.")]
    [StringLength(CommonPasswordValidator.MaximumLength, MinimumLength = 8, ErrorMessage = "Use 8 to 128 characters.")]
    public string NewPassword { get; set; } = "";

    public string? Notice { get; private set; }

    public void OnGet() => Notice = TempData["Notice"] as string;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var attempt = SignInAttempt.For(HttpContext, user.Email!);
        var wait = throttle.WaitFor(attempt);
        if (wait > TimeSpan.Zero)
        {
            return SignInModel.TooMany(this, wait);
        }

        var changed = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    throttle.Failed(attempt);
                    ModelState.AddModelError(nameof(CurrentPassword), "That is not your current password.");
                }
                else
                {
                    ModelState.AddModelError(nameof(NewPassword), error.Description);
                }
            }

            return Page();
        }

        // ChangePasswordAsync rotated the security stamp: every other session is refused from now on. Links to reset
        // the old password stop working too. This browser gets a fresh cookie with the new stamp.
        await db.PasswordResets.Where(r => r.UserId == user.Id).ExecuteDeleteAsync();
        await RevokeApiTokensAsync(db, user.Id);
        throttle.Succeeded(attempt);
        await SessionLifetime.SignInAsync(signIn, user);
        await PasswordChangedNotice.SendAsync(mailer, links, logger, user.DisplayName, user.Email!, HttpContext.RequestAborted);
        TempData["Notice"] = "Your password was changed. Every other session of your account was signed out, and the API tokens you had made were revoked.";
        return Redirect("/account/password");
    }

    /// <summary>
    /// Ending every session includes the API tokens the account made: one made in a stolen session would otherwise keep
    /// working after the password changed.
    /// </summary>
    public static Task<int> RevokeApiTokensAsync(AppDbContext db, string userId)
    {
        var now = DateTime.UtcNow;
        return db.ApiTokens.Where(t => t.CreatedByUserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
    }
}
