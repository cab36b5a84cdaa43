using Microsoft.AspNetCore.Identity;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Infrastructure;

/// <summary>Answers about an address that has no account cost the same as about one that has (no enumeration by timing).</summary>
public static class UnknownAccount
{
    private static readonly AppUser Nobody = new() { DisplayName = "nobody", UserName = "nobody" };
    private static readonly Lazy<string> NobodysHash = new(() => new PasswordHasher<AppUser>().HashPassword(Nobody, Guid.NewGuid().ToString()));

    /// <summary>Checks the password against a made-up hash: the same work as checking a real account's.</summary>
    public static void CheckPassword(IPasswordHasher<AppUser> hasher, string password) =>
        hasher.VerifyHashedPassword(Nobody, NobodysHash.Value, password);
}
