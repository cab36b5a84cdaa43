using Microsoft.AspNetCore.Identity;

namespace SalesWheel.Data.Entities;

/// <summary>A person who signs in: an owner, admin or viewer of one organization.</summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
}
