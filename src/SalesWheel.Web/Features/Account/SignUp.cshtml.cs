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

/// <summary>Sign up: creates the user, their organization (they own it), and keeps a quick check done before.</summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignUpModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    [BindProperty]
    public SignUpForm Form { get; set; } = new();

    public void OnGet(string? quick) => Form.Quick = quick;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = new AppUser { UserName = Form.Email.Trim(), Email = Form.Email.Trim(), DisplayName = Form.Name.Trim() };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, Form.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Form.Password" : "Form.Email";
                ModelState.AddModelError(field, error.Code is "DuplicateUserName" or "DuplicateEmail" ? "An account with this email already exists. Sign in instead." : error.Description);
            }

            return Page();
        }

        var organization = new Organization { Name = Form.Organization.Trim() };
        db.Organizations.Add(organization);
        db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = user.Id, Role = MemberRole.Owner });
        audit.Record(organization.Id, user, "organization created", organization.Name);
        if (Tokens.LooksValid(Form.Quick))
        {
            var hash = Tokens.Hash(Form.Quick!);
            var check = await db.QuickChecks.FirstOrDefaultAsync(q => q.TokenHash == hash && q.OrganizationId == null);
            if (check is not null)
            {
                check.OrganizationId = organization.Id;
                organization.Phase = check.Phase;
                organization.Acv = check.Acv;
                audit.Record(organization.Id, user, "quick check attached", $"phase {check.Phase?.ToString() ?? "not given"}, ACV {check.Acv?.ToString() ?? "not given"}");
            }
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await SessionLifetime.SignInAsync(signIn, user);
        return Redirect("/assessments");
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
