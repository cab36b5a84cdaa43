using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.People;

/// <summary>
/// Which people the list shows, from the query string (so it works without JavaScript and a link keeps it): a search
/// in name and email, a team, a role (a family or an own role) and attribute values ("id:value").
/// </summary>
public sealed record PeopleFilter(string? Search, string? Team, string? Role, IReadOnlyList<string> Attributes)
{
    /// <summary>"(no team)" in the team filter: people without a team.</summary>
    public const string NoTeam = "-";

    public bool IsEmpty => string.IsNullOrWhiteSpace(Search) && string.IsNullOrEmpty(Team) && string.IsNullOrEmpty(Role) && !Values.Any();

    /// <summary>The attribute values asked for, by attribute id (a blank choice asks for nothing).</summary>
    public IEnumerable<(Guid Attribute, string Value)> Values =>
        Attributes.Select(a => a.Split(':', 2)).Where(p => p.Length == 2 && Guid.TryParse(p[0], out _) && p[1].Length > 0)
            .Select(p => (Guid.Parse(p[0]), p[1]));

    /// <summary>The people who match, in the list's order (name, then email).</summary>
    public IReadOnlyList<Person> Apply(IEnumerable<Person> people, RoleCatalog roles)
    {
        var search = Search?.Trim() ?? "";
        var role = string.IsNullOrEmpty(Role) ? (RoleChoice?)null : roles.Read(Role);
        var values = Values.ToList();
        return [.. people
            .Where(p => search.Length == 0 || p.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || p.Email.Contains(search, StringComparison.OrdinalIgnoreCase))
            .Where(p => string.IsNullOrEmpty(Team) || (Team == NoTeam ? p.Team.Trim().Length == 0 : string.Equals(p.Team.Trim(), Team, StringComparison.Ordinal)))
            .Where(p => string.IsNullOrEmpty(Role) || (role is { } r && (r.Own is { } own ? p.RoleId == own.Id : p.Role == r.Family)))
            .Where(p => values.All(v => string.Equals(AttributeValues.Of(p.AttributesJson, v.Attribute), v.Value, StringComparison.Ordinal)))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Email, StringComparer.Ordinal)];
    }

    /// <summary>The filter as a query string ("" when empty, else starting with "?"), for the export link.</summary>
    public string QueryString
    {
        get
        {
            var pairs = new List<KeyValuePair<string, string?>>();
            if (!string.IsNullOrWhiteSpace(Search))
            {
                pairs.Add(new("q", Search.Trim()));
            }

            if (!string.IsNullOrEmpty(Team))
            {
                pairs.Add(new("team", Team));
            }

            if (!string.IsNullOrEmpty(Role))
            {
                pairs.Add(new("role", Role));
            }

            pairs.AddRange(Values.Select(v => new KeyValuePair<string, string?>("at", $"{v.Attribute}:{v.Value}")));
            return Microsoft.AspNetCore.Http.QueryString.Create(pairs).ToUriComponent();
        }
    }
}
