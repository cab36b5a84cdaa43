using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Account;

/// <summary>
/// Sign out is a POST (with the antiforgery token), never a GET. It ends the session on the server, not only in this
/// browser: the security stamp is rotated, so a copy of the cookie taken before is refused afterwards (this signs the
/// account out of its other browsers too).
/// </summary>
public sealed class SignOutModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await SessionLifetime.EndAllSessionsAsync(users, user);
        }

        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
