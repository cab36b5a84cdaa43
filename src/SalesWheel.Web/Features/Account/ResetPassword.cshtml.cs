using System.ComponentModel.DataAnnotations;
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
/// A one-time link to choose a new password (emailed, or made by an owner or the operator). It works once and for a
/// short time; using it signs the account out everywhere. Unknown links are not found; expired ones say so (410).
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ResetPasswordModel(AppDbContext db, UserManager<AppUser> users, SignInThrottle throttle, IMailer mailer, LinkBuilder links,
    ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(CommonPasswordValidator.MaximumLength, MinimumLength = 8, ErrorMessage = "Use 8 to 128 characters.")]
    public string Password { get; set; } = "";

    public bool Expired { get; private set; }

    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) is null ? NotFound() : Answer();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        var reset = await LoadAsync(token);
        if (reset is null)
        {
            return NotFound();
        }

        if (Expired || !ModelState.IsValid)
        {
            return Answer();
        }

        var user = await users.FindByIdAsync(reset.UserId);
        if (user is null)
        {
            return NotFound();
        }

        // Identity's own reset: validates the password (length, common list), stores its hash and rotates the security
        // stamp, which ends every session of the account.
        var changed = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Password);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                ModelState.AddModelError(nameof(Password), error.Description);
            }

            return Page();
        }

        await db.PasswordResets.Where(r => r.UserId == user.Id).ExecuteDeleteAsync();
        await ChangePasswordModel.RevokeApiTokensAsync(db, user.Id);
        throttle.Succeeded(SignInAttempt.For(HttpContext, user.Email!, null));
        await PasswordChangedNotice.SendAsync(mailer, links, logger, user.DisplayName, user.Email!, HttpContext.RequestAborted);
        TempData["Notice"] = "Your new password is set: every earlier session was signed out and the API tokens you had made were revoked. Sign in with the new password.";
        return Redirect("/signin");
    }

    private async Task<PasswordReset?> LoadAsync(string token)
    {
        if (!Tokens.LooksValid(token))
        {
            return null;
        }

        var hash = Tokens.Hash(token);
        var row = await (from r in db.PasswordResets
                         join u in db.Users on r.UserId equals u.Id
                         where r.TokenHash == hash
                         select new { r, u.Email }).FirstOrDefaultAsync();
        if (row is null)
        {
            return null;
        }

        Expired = row.r.ExpiresAt <= DateTime.UtcNow;
        Email = row.Email ?? "";
        return row.r;
    }

    private PageResult Answer()
    {
        if (Expired)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }
}
