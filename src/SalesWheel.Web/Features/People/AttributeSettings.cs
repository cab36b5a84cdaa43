using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>What a change to an organization's attributes did: the attribute, or why nothing changed (field: name).</summary>
public sealed record AttributeOutcome(AttributeDefinition? Attribute, FieldErrors Errors);

/// <summary>
/// Adding, renaming and removing the attributes an organization gives its people (region, segment, tenure band…).
/// Values are kept by the attribute's id, so renaming keeps them; results break down by each attribute under its name.
/// </summary>
public sealed class AttributeSettings(AppDbContext db, AuditLog audit)
{
    /// <summary>A few: each is one more breakdown, and every breakdown makes more groups hide each other.</summary>
    public const int MaximumAttributes = 5;

    public const int MaximumNameLength = 40;

    /// <summary>At most this many characters in a person's value.</summary>
    public const int MaximumValueLength = 100;

    public const string NameField = "name";

    /// <summary>The organization's attributes in the order they are listed.</summary>
    public static async Task<IReadOnlyList<AttributeDefinition>> ListAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        await db.AttributeDefinitions.AsNoTracking().Where(a => a.OrganizationId == organizationId)
            .OrderBy(a => a.Position).ThenBy(a => a.Name).ToListAsync(cancellationToken);

    /// <summary>The attribute if it belongs to the organization (tracked).</summary>
    public Task<AttributeDefinition?> FindAsync(Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        db.AttributeDefinitions.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == organizationId, cancellationToken);

    public async Task<AttributeOutcome> AddAsync(Guid organizationId, Actor actor, string? name, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(db, organizationId, cancellationToken);
        var errors = Check(existing, null, name, out var clean);
        if (existing.Count >= MaximumAttributes)
        {
            errors.Add(NameField, $"An organization can have at most {MaximumAttributes} attributes. Remove one first.");
        }

        if (!errors.IsEmpty)
        {
            return new AttributeOutcome(null, errors);
        }

        var attribute = new AttributeDefinition { OrganizationId = organizationId, Name = clean, Position = existing.Count == 0 ? 0 : existing.Max(a => a.Position) + 1 };
        db.AttributeDefinitions.Add(attribute);
        audit.Record(organizationId, actor, "attribute added", clean);
        await db.SaveChangesAsync(cancellationToken);
        return new AttributeOutcome(attribute, errors);
    }

    public async Task<AttributeOutcome> RenameAsync(Guid organizationId, Actor actor, AttributeDefinition attribute, string? name, CancellationToken cancellationToken)
    {
        var errors = Check(await ListAsync(db, organizationId, cancellationToken), attribute.Id, name, out var clean);
        if (!errors.IsEmpty)
        {
            return new AttributeOutcome(null, errors);
        }

        if (attribute.Name != clean)
        {
            audit.Record(organizationId, actor, "attribute renamed", $"{attribute.Name} → {clean}");
            attribute.Name = clean;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new AttributeOutcome(attribute, errors);
    }

    /// <summary>How many people have a value for the attribute.</summary>
    public async Task<int> HoldersAsync(Guid organizationId, Guid attributeId, CancellationToken cancellationToken) =>
        (await db.People.AsNoTracking().Where(p => p.OrganizationId == organizationId && p.AttributesJson != "").Select(p => p.AttributesJson).ToListAsync(cancellationToken))
        .Count(json => AttributeValues.Of(json, attributeId).Length > 0);

    /// <summary>
    /// Removes the attribute: people lose their values, and results stop breaking down by it (answers already given keep
    /// their values, sealed, but nothing shows them).
    /// </summary>
    public async Task RemoveAsync(Guid organizationId, Actor actor, AttributeDefinition attribute, CancellationToken cancellationToken)
    {
        foreach (var person in await db.People.Where(p => p.OrganizationId == organizationId && p.AttributesJson != "").ToListAsync(cancellationToken))
        {
            person.AttributesJson = AttributeValues.Write(AttributeValues.Read(person.AttributesJson).Where(v => v.Key != attribute.Id));
        }

        db.AttributeDefinitions.Remove(attribute);
        audit.Record(organizationId, actor, "attribute removed", attribute.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static FieldErrors Check(IReadOnlyList<AttributeDefinition> existing, Guid? except, string? name, out string clean)
    {
        var errors = new FieldErrors();
        clean = Core.Text.PlainText.Line(name ?? "").Trim();
        if (clean.Length == 0)
        {
            errors.Add(NameField, "Enter the attribute's name, for example Region or Tenure band.");
        }
        else if (clean.Length > MaximumNameLength)
        {
            errors.Add(NameField, $"Use at most {MaximumNameLength} characters for the attribute's name.");
        }
        else if (PeopleCsv.Columns.Contains(clean.ToLowerInvariant()))
        {
            errors.Add(NameField, $"\"{clean}\" is already a field of every person; name the attribute differently.");
        }
        else
        {
            var taken = clean;
            if (existing.FirstOrDefault(a => a.Id != except && string.Equals(a.Name, taken, StringComparison.OrdinalIgnoreCase)) is { } other)
            {
                errors.Add(NameField, $"There is already an attribute called {other.Name}.");
            }
        }

        return errors;
    }
}
