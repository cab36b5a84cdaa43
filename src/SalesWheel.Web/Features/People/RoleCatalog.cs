using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.People;

/// <summary>What a role written by a person reads as: its family (what results break down by) and the organization's own role, if any.</summary>
public readonly record struct RoleChoice(PersonRole Family, OrganizationRole? Own)
{
    public string Name => Own?.Name ?? Family.DisplayName();
}

/// <summary>
/// An organization's roles: its own (AE, SDR…, each in a family) and the four families, which are always accepted. An
/// organization without roles of its own reads roles exactly as before.
/// </summary>
public sealed class RoleCatalog
{
    /// <summary>Enough for any sales org's titles; the list stays readable in a select.</summary>
    public const int MaximumRoles = 30;

    public const int MaximumNameLength = 50;

    private RoleCatalog(IReadOnlyList<OrganizationRole> own) => Own = own;

    /// <summary>The organization's own roles, by family (in <see cref="PersonRoles.InOrder"/>), then name.</summary>
    public IReadOnlyList<OrganizationRole> Own { get; }

    public static RoleCatalog Of(IEnumerable<OrganizationRole> roles) => new(
        [.. roles.OrderBy(r => PersonRoles.InOrder.ToList().IndexOf(r.Family)).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)]);

    public static async Task<RoleCatalog> LoadAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        Of(await db.OrganizationRoles.AsNoTracking().Where(r => r.OrganizationId == organizationId).ToListAsync(cancellationToken));

    /// <summary>
    /// The role <paramref name="text"/> names (any case, spaces trimmed): one of the organization's own roles, else a
    /// family name (<see cref="PersonRoles.Parse"/>), else null.
    /// </summary>
    public RoleChoice? Read(string? text)
    {
        var name = text?.Trim() ?? "";
        if (name.Length == 0)
        {
            return null;
        }

        if (Own.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) is { } own)
        {
            return new RoleChoice(own.Family, own);
        }

        return PersonRoles.Parse(name) is { } family ? new RoleChoice(family, null) : null;
    }

    /// <summary>The accepted roles, in words, for messages.</summary>
    public string Accepted => Own.Count == 0 ? PersonRoles.Accepted : string.Join(", ", Own.Select(r => r.Name)) + ", or a role family: " + PersonRoles.Accepted;

    /// <summary>How the person's role reads: their own role's name, else the family's.</summary>
    public string NameOf(Person person) => Own.FirstOrDefault(r => r.Id == person.RoleId)?.Name ?? person.Role.DisplayName();

    /// <summary>The person's role as a form holds it: the own role's name, else the family's enum name.</summary>
    public string FormValueOf(Person person) => Own.FirstOrDefault(r => r.Id == person.RoleId)?.Name ?? person.Role.ToString();
}
