using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>What a change to an organization's roles did: the role, or why nothing changed (by field: name, family).</summary>
public sealed record RoleOutcome(OrganizationRole? Role, FieldErrors Errors);

/// <summary>
/// Adding, renaming and removing an organization's own roles. A role's family is what results count it in, so moving a
/// role to another family moves its people with it; removing a role leaves its people in its family.
/// </summary>
public sealed class RoleSettings(AppDbContext db, AuditLog audit)
{
    public const string NameField = "name";
    public const string FamilyField = "family";

    /// <summary>The role if it belongs to the organization (tracked).</summary>
    public Task<OrganizationRole?> FindAsync(Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        db.OrganizationRoles.FirstOrDefaultAsync(r => r.Id == id && r.OrganizationId == organizationId, cancellationToken);

    public async Task<RoleOutcome> AddAsync(Guid organizationId, Actor actor, string? name, string? family, CancellationToken cancellationToken)
    {
        var catalog = await RoleCatalog.LoadAsync(db, organizationId, cancellationToken);
        var errors = Check(catalog, null, name, family, out var clean, out var chosen);
        if (catalog.Own.Count >= RoleCatalog.MaximumRoles)
        {
            errors.Add(NameField, $"An organization can have at most {RoleCatalog.MaximumRoles} roles of its own. Remove one first.");
        }

        if (!errors.IsEmpty)
        {
            return new RoleOutcome(null, errors);
        }

        var role = new OrganizationRole { OrganizationId = organizationId, Name = clean, Family = chosen };
        db.OrganizationRoles.Add(role);
        audit.Record(organizationId, actor, "role added", $"{clean} ({chosen.DisplayName()})");
        await db.SaveChangesAsync(cancellationToken);
        return new RoleOutcome(role, errors);
    }

    /// <summary>Renames the role and sets its family; its people follow the family.</summary>
    public async Task<RoleOutcome> ChangeAsync(Guid organizationId, Actor actor, OrganizationRole role, string? name, string? family, CancellationToken cancellationToken)
    {
        var catalog = await RoleCatalog.LoadAsync(db, organizationId, cancellationToken);
        var errors = Check(catalog, role.Id, name, family, out var clean, out var chosen);
        if (!errors.IsEmpty)
        {
            return new RoleOutcome(null, errors);
        }

        var changes = new List<string>();
        if (role.Name != clean)
        {
            changes.Add($"name: {role.Name} → {clean}");
            role.Name = clean;
        }

        if (role.Family != chosen)
        {
            changes.Add($"family: {role.Family.DisplayName()} → {chosen.DisplayName()}");
            role.Family = chosen;
        }

        if (changes.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.People.Where(p => p.OrganizationId == organizationId && p.RoleId == role.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Role, chosen), cancellationToken);
            audit.Record(organizationId, actor, "role changed", string.Join("; ", changes));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return new RoleOutcome(role, errors);
    }

    /// <summary>How many people hold the role.</summary>
    public Task<int> HoldersAsync(Guid organizationId, Guid roleId, CancellationToken cancellationToken) =>
        db.People.CountAsync(p => p.OrganizationId == organizationId && p.RoleId == roleId, cancellationToken);

    /// <summary>Removes the role; its people keep its family.</summary>
    public async Task RemoveAsync(Guid organizationId, Actor actor, OrganizationRole role, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var holders = await db.People.Where(p => p.OrganizationId == organizationId && p.RoleId == role.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.RoleId, (Guid?)null).SetProperty(p => p.Role, role.Family), cancellationToken);
        db.OrganizationRoles.Remove(role);
        audit.Record(organizationId, actor, "role removed", $"{role.Name} ({role.Family.DisplayName()}); {holders} {(holders == 1 ? "person keeps" : "people keep")} the family");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static FieldErrors Check(RoleCatalog catalog, Guid? except, string? name, string? family, out string clean, out PersonRole chosen)
    {
        var errors = new FieldErrors();
        clean = Core.Text.PlainText.Line(name ?? "").Trim();
        chosen = default;
        if (clean.Length == 0)
        {
            errors.Add(NameField, "Enter the role's name, for example AE or Sales Manager.");
        }
        else if (clean.Length > RoleCatalog.MaximumNameLength)
        {
            errors.Add(NameField, $"Use at most {RoleCatalog.MaximumNameLength} characters for the role's name.");
        }
        else if (PersonRoles.Parse(clean) is not null)
        {
            errors.Add(NameField, $"\"{clean}\" is already a role family; name your own role differently (for example \"Sales {clean}\").");
        }
        else
        {
            var taken = clean;
            if (catalog.Own.FirstOrDefault(r => r.Id != except && string.Equals(r.Name, taken, StringComparison.OrdinalIgnoreCase)) is { } other)
            {
                errors.Add(NameField, $"There is already a role called {other.Name}.");
            }
        }

        if (PersonRoles.Parse(family) is { } parsed)
        {
            chosen = parsed;
        }
        else
        {
            errors.Add(FamilyField, "Choose the family the role counts in: " + PersonRoles.Accepted + ".");
        }

        return errors;
    }
}
