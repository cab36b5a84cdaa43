using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Enter your email.")]
    public string Email { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? returnUrl)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Email.Trim());
        if (user is not null)
        {
            var check = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
            if (check.Succeeded)
            {
                await SessionLifetime.SignInAsync(signIn, user);
                return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/assessments");
            }

            if (check.IsLockedOut)
            {
                ModelState.AddModelError("", "Too many failed attempts: this account is locked for 15 minutes.");
                return Page();
            }
        }

        ModelState.AddModelError("", "That email and password do not match an account.");
        return Page();
    }
}
