using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>How a person's role reads on pages and in the invitation snapshot (the value results break down by).</summary>
public static class PersonRoles
{
    /// <summary>The order roles are listed in: from the top of the team down, then the people who support it.</summary>
    public static IReadOnlyList<PersonRole> Listed { get; } = [PersonRole.Leader, PersonRole.Manager, PersonRole.Seller, PersonRole.OpsEnablement];

    /// <summary>The role as stored on an invitation and a response: "leader", "manager", "seller", "ops &amp; enablement".</summary>
    public static string Text(PersonRole role) => role switch
    {
        PersonRole.Leader => "leader",
        PersonRole.Manager => "manager",
        PersonRole.Seller => "seller",
        PersonRole.OpsEnablement => "ops & enablement",
        _ => role.ToString().ToLowerInvariant(),
    };

    public static string Plural(PersonRole role) => role switch
    {
        PersonRole.Leader => "Leaders",
        PersonRole.Manager => "Managers",
        PersonRole.Seller => "Sellers",
        PersonRole.OpsEnablement => "Ops & enablement",
        _ => role.ToString(),
    };

    public static PersonRole? Parse(string? name) =>
        Enum.TryParse<PersonRole>(name, ignoreCase: false, out var role) && Enum.IsDefined(role) && name == role.ToString() ? role : null;
}

/// <summary>Who an assessment asks: chosen teams and roles; none chosen means everyone.</summary>
public sealed record Audience(IReadOnlyList<string> Teams, IReadOnlyList<PersonRole> Roles)
{
    public static Audience Of(Assessment assessment) => new(
        assessment.AudienceTeams.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        assessment.AudienceRoles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(PersonRoles.Parse).OfType<PersonRole>().ToList());

    public static string StoreTeams(IEnumerable<string> teams) => string.Join('\n', teams);

    public static string StoreRoles(IEnumerable<PersonRole> roles) => string.Join(',', roles.Select(r => r.ToString()));

    public bool Includes(Person person) =>
        (Teams.Count == 0 || Teams.Contains(person.Team.Trim(), StringComparer.Ordinal)) && (Roles.Count == 0 || Roles.Contains(person.Role));

    public string TeamsText => Teams.Count == 0 ? "All teams" : string.Join(", ", Teams);

    public string RolesText => Roles.Count == 0 ? "All roles" : string.Join(", ", PersonRoles.Listed.Where(Roles.Contains).Select(PersonRoles.Plural));
}
