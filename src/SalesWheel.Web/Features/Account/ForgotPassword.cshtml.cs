using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Account;

/// <summary>
/// Forgot password: with a mail server, one email to the address whether or not it has an account (a reset link, or
/// a note that there is no account), and the same answer on the page either way. Without one, the page says who can
/// make a reset link instead (an owner of the organization, or the operator's command line).
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ForgotPasswordModel(AppDbContext db, UserManager<AppUser> users, IMailer mailer, LinkBuilder links, ILogger<ForgotPasswordModel> logger)
    : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your email.")]
    [EmailAddress(ErrorMessage = "Enter an email address like name@company.com.")]
    [StringLength(320)]
    public string Email { get; set; } = "";

    public bool MailDelivers => mailer.Delivers;

    public bool Sent { get; private set; }

    /// <summary>After a sent email (Post/Redirect/Get): the address it went to, from the redirect's one-off notice.</summary>
    public void OnGet()
    {
        if (TempData["ResetSentTo"] is string sentTo)
        {
            (Sent, Email) = (true, sentTo);
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!mailer.Delivers || !ModelState.IsValid)
        {
            return Page();
        }

        var email = Email.Trim();
        var user = await users.FindByEmailAsync(email);
        string subject, body;
        if (user is not null)
        {
            var (token, _) = await PasswordResetLinks.CreateAsync(db, user.Id, "email", PasswordResetLinks.EmailedLifetime, HttpContext.RequestAborted);
            subject = "Choose a new SalesWheel password";
            body = $"""
                Someone, probably you, asked to choose a new password for the SalesWheel account of this address. To choose one, open this link:
                {links.Absolute("/reset-password/" + token)}

                The link works once, for one hour. Choosing a new password signs you out everywhere.
                If you did not ask for this, ignore this email: your password stays as it is.
                """;
        }
        else
        {
            subject = "Your SalesWheel password";
            body = $"""
                Someone, probably you, asked to choose a new password for a SalesWheel account with this address, but this address has no account.
                To create an organization: {links.Absolute("/signup")}
                If you were invited to join one, ask its owner to invite this address again. If you did not ask for this, ignore this email.
                """;
        }

        try
        {
            await mailer.SendAsync(email, email, subject, body, HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The password reset email could not be sent");
            ModelState.AddModelError("", "The email could not be sent just now. Try again in a few minutes.");
            return Page();
        }

        // A reload of the page after this must not post again: a new link would stop the one just emailed.
        TempData["ResetSentTo"] = email;
        return Redirect("/forgot-password");
    }
}
