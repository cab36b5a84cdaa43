using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Account;

/// <summary>
/// Sign up, second step: the emailed link proves the address, the password chosen at sign-up proves it is the same
/// person (so someone who signed up with a colleague's address cannot have the colleague create the account with the
/// squatter's password by following the link), and only now are the account (email confirmed) and its organization
/// created. Creating is a POST, so a mail scanner opening the link creates nothing. Once an account has the
/// address, every pending sign-up for it stops working (unknown link: 404; the page says so if one is opened before).
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ConfirmSignUpModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public enum LinkState
    {
        Open,
        Expired,
        AccountExists,
    }

    public LinkState State { get; private set; }

    public PendingSignUp SignUp { get; private set; } = null!;

    /// <summary>The password chosen at sign-up, typed again.</summary>
    [BindProperty]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Answer() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        if (State != LinkState.Open)
        {
            return Answer();
        }

        if (string.IsNullOrEmpty(Password)
            || users.PasswordHasher.VerifyHashedPassword(new AppUser { DisplayName = SignUp.DisplayName }, SignUp.PasswordHash, Password) == PasswordVerificationResult.Failed)
        {
            ModelState.AddModelError(nameof(Password), string.IsNullOrEmpty(Password)
                ? "Enter the password you chose when you signed up."
                : "That is not the password chosen when signing up with this address. If you did not sign up, ignore the email: nothing is created.");
            return Page();
        }

        var user = new AppUser
        {
            UserName = SignUp.Email,
            Email = SignUp.Email,
            EmailConfirmed = true,
            DisplayName = SignUp.DisplayName,
            PasswordHash = SignUp.PasswordHash,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            State = LinkState.AccountExists; // the address was taken a moment ago
            return Answer();
        }

        var organization = new Organization { Name = SignUp.OrganizationName };
        db.Organizations.Add(organization);
        db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = user.Id, Role = MemberRole.Owner });
        audit.Record(organization.Id, user, "organization created", organization.Name);
        if (SignUp.QuickTokenHash is { } hash)
        {
            var check = await db.QuickChecks.FirstOrDefaultAsync(q => q.TokenHash == hash && q.OrganizationId == null);
            if (check is not null)
            {
                check.OrganizationId = organization.Id;
                organization.Phase = check.Phase;
                organization.Acv = check.Acv;
                audit.Record(organization.Id, user, "quick check attached", $"company phase: {check.Phase?.DisplayName() ?? "not given"}; deal size: {check.Acv?.DisplayName() ?? "not given"}");
            }
        }

        await db.SaveChangesAsync();
        await db.PendingSignUps.Where(s => s.NormalizedEmail == SignUp.NormalizedEmail).ExecuteDeleteAsync();
        await transaction.CommitAsync();
        await SessionLifetime.SignInAsync(signIn, user);
        DeviceCookie.Issue(HttpContext, user.Email!, null);
        return Redirect("/assessments");
    }

    private async Task<bool> LoadAsync(string token)
    {
        if (!Tokens.LooksValid(token))
        {
            return false;
        }

        var hash = Tokens.Hash(token);
        var pending = await db.PendingSignUps.FirstOrDefaultAsync(s => s.TokenHash == hash);
        if (pending is null)
        {
            return false;
        }

        SignUp = pending;
        State = await users.FindByEmailAsync(pending.Email) is not null ? LinkState.AccountExists
            : pending.ExpiresAt <= DateTime.UtcNow ? LinkState.Expired
            : LinkState.Open;
        return true;
    }

    private PageResult Answer()
    {
        if (State != LinkState.Open)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }
}
