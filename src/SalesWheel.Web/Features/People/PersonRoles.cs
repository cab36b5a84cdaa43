using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.People;

/// <summary>The sales-team roles as people write and read them.</summary>
public static class PersonRoles
{
    /// <summary>The roles in the order they are listed everywhere: from the top of the team down, then ops.</summary>
    public static IReadOnlyList<PersonRole> InOrder { get; } = [PersonRole.Leader, PersonRole.Manager, PersonRole.Seller, PersonRole.OpsEnablement];

    /// <summary>What to write in a CSV file, in words (for messages).</summary>
    public const string Accepted = "leader, manager, seller or ops & enablement";

    public static string DisplayName(this PersonRole role) => role switch
    {
        PersonRole.Leader => "leader",
        PersonRole.Manager => "manager",
        PersonRole.Seller => "seller",
        _ => "ops & enablement",
    };

    /// <summary>Reads a role written by a person (any case): leader, manager, seller, ops, enablement or ops &amp; enablement. Null when it is none of them.</summary>
    public static PersonRole? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "leader" => PersonRole.Leader,
        "manager" => PersonRole.Manager,
        "seller" => PersonRole.Seller,
        "ops" or "enablement" or "ops & enablement" or "opsenablement" => PersonRole.OpsEnablement,
        _ => null,
    };
}
