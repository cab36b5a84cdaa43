using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Infrastructure;

/// <summary>Who made a change, as the audit log names them: a member, an API token acting for one, or the system.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static Actor System { get; } = new(null, "system");

    public static Actor Of(AppUser user) => new(user.Id, user.Email ?? user.DisplayName);
}
