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
/// Sign up, first step: checks the form and emails a link to the address. Nothing is created until the link is
/// followed (<see cref="ConfirmSignUpModel"/>), so a sign-up with someone else's address takes nothing from them. The
/// answer is the same whether or not the address already has an account; only the email differs.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignUpModel(AppDbContext db, UserManager<AppUser> users, IMailer mailer, LinkBuilder links, ILogger<SignUpModel> logger) : PageModel
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    [BindProperty]
    public SignUpForm Form { get; set; } = new();

    /// <summary>Set once the form was accepted: the address the link went to.</summary>
    public string? SentTo { get; private set; }

    public bool MailDelivers => mailer.Delivers;

    public void OnGet(string? quick)
    {
        Form.Quick = quick;
        SentTo = TempData["SignUpSentTo"] as string; // after the redirect of an accepted form (Post/Redirect/Get)
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Form.Email.Trim();
        var prospective = new AppUser { UserName = email, Email = email, DisplayName = Form.Name.Trim() };
        foreach (var validator in users.PasswordValidators)
        {
            foreach (var error in (await validator.ValidateAsync(users, prospective, Form.Password)).Errors)
            {
                ModelState.AddModelError("Form.Password", error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The same work whichever way it goes: the password is hashed and a sign-up is stored either way.
        var token = Tokens.New();
        var normalized = users.NormalizeEmail(email);
        await db.PendingSignUps.Where(s => s.ExpiresAt < DateTime.UtcNow).ExecuteDeleteAsync();
        db.PendingSignUps.Add(new PendingSignUp
        {
            Email = email,
            NormalizedEmail = normalized,
            DisplayName = Form.Name.Trim(),
            OrganizationName = Form.Organization.Trim(),
            PasswordHash = users.PasswordHasher.HashPassword(prospective, Form.Password),
            QuickTokenHash = Tokens.LooksValid(Form.Quick) ? Tokens.Hash(Form.Quick!) : null,
            TokenHash = Tokens.Hash(token),
            ExpiresAt = DateTime.UtcNow + LinkLifetime,
        });
        await db.SaveChangesAsync();

        var exists = await users.FindByEmailAsync(email) is not null;
        var body = exists
            ? $"""
              Someone, probably you, asked to create a SalesWheel organization with this address.
              This address already has an account, so nothing was created.

              To sign in: {links.Absolute("/signin")}
              If you forgot your password: {links.Absolute("/forgot-password")}

              If it was not you, you can ignore this email: your account is unchanged.
              """
            : $"""
              To create your SalesWheel organization "{Form.Organization.Trim()}", confirm that this address is yours by opening this link:
              {links.Absolute("/signup/confirm/" + token)}

              The link works for 24 hours. Until you open it nothing is created, and nobody else can use this address.
              If you did not sign up, ignore this email.
              """;
        try
        {
            await mailer.SendAsync(Form.Name.Trim(), email, exists ? "Your SalesWheel sign-up" : "Confirm your email for SalesWheel", body, HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Said the same way for every address: the person can try again.
            logger.LogWarning(e, "The sign-up email could not be sent");
            ModelState.AddModelError("", "The email could not be sent just now. Try again in a few minutes.");
            return Page();
        }

        // A reload of "check your email" must not post the form (and send the email) again.
        TempData["SignUpSentTo"] = email;
        return Redirect("/signup");
    }

    public sealed class SignUpForm
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(200)]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter your work email.")]
        [EmailAddress(ErrorMessage = "Enter an email address like name@company.com.")]
        [StringLength(320)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your organization's name.")]
        [StringLength(200)]
        public string Organization { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(CommonPasswordValidator.MaximumLength, MinimumLength = 8, ErrorMessage = "Use 8 to 128 characters.")]
        public string Password { get; set; } = "";

        public string? Quick { get; set; }
    }
}
