using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>The fields of a person as the API names them, and where the add and edit pages show each field's messages.</summary>
public static class PersonFields
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";
    public const string Team = "team";
    public const string Attributes = "attributes";

    /// <summary>The field of a <see cref="PersonForm"/> property (as its validation attributes name it).</summary>
    public static string Of(string member) => member switch
    {
        nameof(PersonForm.Name) => Name,
        nameof(PersonForm.Email) => Email,
        nameof(PersonForm.Role) => Role,
        nameof(PersonForm.Team) => Team,
        _ => member,
    };

    /// <summary>The model-state key of a field on the add and edit pages, which bind the form as <c>Form</c>.</summary>
    public static string PageKey(string field) => field switch
    {
        Name => "Form.Name",
        Email => "Form.Email",
        Role => "Form.Role",
        Team => "Form.Team",
        Attributes => "Form.Attributes",
        _ => "",
    };
}

/// <summary>What adding or changing a person did: the person saved and what changed, or why nothing was saved (by field).</summary>
public sealed record PersonOutcome(Person? Person, FieldErrors Errors, IReadOnlyList<string> Changes)
{
    public static PersonOutcome Refused(FieldErrors errors) => new(null, errors, []);
}

/// <summary>
/// Adding, changing and removing a person, shared by the people pages and the API: the same checks (the form's rules,
/// a known role, an email once per organization), the same audit entries.
/// </summary>
public sealed class PersonActions(AppDbContext db, AuditLog audit)
{
    /// <summary>The person if they belong to the organization (tracked, to be changed or removed).</summary>
    public Task<Person?> FindAsync(Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        db.People.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == organizationId, cancellationToken);

    public async Task<PersonOutcome> AddAsync(Guid organizationId, Actor actor, PersonForm form, CancellationToken cancellationToken)
    {
        var (role, attributes, errors) = await CheckAsync(organizationId, form, null, cancellationToken);
        if (role is not { } choice || attributes is null)
        {
            return PersonOutcome.Refused(errors);
        }

        var person = new Person
        {
            OrganizationId = organizationId,
            Name = form.CleanName,
            Email = form.CleanEmail,
            Role = choice.Family,
            RoleId = choice.Own?.Id,
            Team = form.CleanTeam,
            AttributesJson = attributes,
        };
        db.People.Add(person);
        audit.Record(organizationId, actor, "person added", PersonText.Describe(person, choice.Name));
        if (!await SavedAsync(person, cancellationToken))
        {
            return Refused(PersonFields.Email, $"{form.CleanEmail} was added by someone else a moment ago. Each email can be on the list once.");
        }

        return new PersonOutcome(person, errors, []);
    }

    /// <summary>Gives the person the form's fields; saves and audits only when something changed.</summary>
    public async Task<PersonOutcome> ChangeAsync(Guid organizationId, Actor actor, Person person, PersonForm form, CancellationToken cancellationToken)
    {
        var (role, attributes, errors) = await CheckAsync(organizationId, form, person, cancellationToken);
        if (role is not { } choice || attributes is null)
        {
            return PersonOutcome.Refused(errors);
        }

        var roles = await RoleCatalog.LoadAsync(db, organizationId, cancellationToken);
        var changes = Apply(person, form, choice, roles.NameOf(person));
        changes.AddRange(AttributeChanges(await AttributeSettings.ListAsync(db, organizationId, cancellationToken), person.AttributesJson, attributes));
        person.AttributesJson = attributes;
        if (changes.Count > 0)
        {
            audit.Record(organizationId, actor, "person changed", $"{person.Name} <{person.Email}>: " + string.Join("; ", changes));
            if (!await SavedAsync(person, cancellationToken))
            {
                return Refused(PersonFields.Email, $"{form.CleanEmail} was given to someone else a moment ago. Each email can be on the list once.");
            }
        }

        return new PersonOutcome(person, errors, changes);
    }

    /// <summary>Removes the person; their invitations stay (participation counts do not change), without the link to them.</summary>
    public async Task RemoveAsync(Guid organizationId, Actor actor, Person person, CancellationToken cancellationToken)
    {
        var roles = await RoleCatalog.LoadAsync(db, organizationId, cancellationToken);
        db.People.Remove(person);
        audit.Record(organizationId, actor, "person removed", PersonText.Describe(person, roles.NameOf(person)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Removes several people of the organization in one save, each audited as when removed alone.</summary>
    public async Task RemoveAllAsync(Guid organizationId, Actor actor, IReadOnlyList<Person> people, CancellationToken cancellationToken)
    {
        var roles = await RoleCatalog.LoadAsync(db, organizationId, cancellationToken);
        foreach (var person in people.Where(p => p.OrganizationId == organizationId))
        {
            db.People.Remove(person);
            audit.Record(organizationId, actor, "person removed", PersonText.Describe(person, roles.NameOf(person)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The people of the organization among <paramref name="ids"/> (tracked; other organizations' ids find nothing).</summary>
    public async Task<List<Person>> FindAllAsync(Guid organizationId, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.People.Where(p => p.OrganizationId == organizationId && ids.Contains(p.Id)).ToListAsync(cancellationToken))
        .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Email, StringComparer.Ordinal).ToList();

    /// <summary>
    /// After a refused save: whether another person of the organization now holds one of the addresses (the unique
    /// index on organization and email refused a row another request saved a moment earlier). Asked of the data, not
    /// read from the provider's error text, so it holds on every provider.
    /// </summary>
    internal static Task<bool> EmailTakenAsync(AppDbContext db, Guid organizationId, IReadOnlyCollection<string> emails, Guid? except,
        CancellationToken cancellationToken) =>
        db.People.AsNoTracking().AnyAsync(p => p.OrganizationId == organizationId && emails.Contains(p.Email) && p.Id != except, cancellationToken);

    /// <summary>The form's rules (required, lengths, a valid email), the role, and an email once per organization.</summary>
    private async Task<(RoleChoice? Role, string? Attributes, FieldErrors Errors)> CheckAsync(Guid organizationId, PersonForm form, Person? existing, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                errors.Add(PersonFields.Of(member), result.ErrorMessage ?? "Not valid.");
            }
        }

        var role = form.CheckRole(errors, await RoleCatalog.LoadAsync(db, organizationId, cancellationToken));
        var attributes = form.CheckAttributes(errors, await AttributeSettings.ListAsync(db, organizationId, cancellationToken), existing?.AttributesJson ?? "");
        if (errors.IsEmpty && await HolderOfAsync(organizationId, form.CleanEmail, existing?.Id, cancellationToken) is { } holder)
        {
            errors.Add(PersonFields.Email, $"{form.CleanEmail} is already on the list, as {holder.Name}. Each email can be on the list once.");
        }

        return (errors.IsEmpty ? role : null, attributes, errors);
    }

    /// <summary>The person of this organization who already has the address (any case), other than <paramref name="except"/>.</summary>
    private Task<Person?> HolderOfAsync(Guid organizationId, string normalizedEmail, Guid? except, CancellationToken cancellationToken) =>
        db.People.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && p.Email.ToLower() == normalizedEmail && p.Id != except)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Gives the person the form's fields; returns what changed as "what: old → new" (empty when nothing did).</summary>
    private static List<string> Apply(Person person, PersonForm form, RoleChoice role, string roleName)
    {
        var changes = new List<string>();
        if (person.Name != form.CleanName)
        {
            changes.Add($"name: {person.Name} → {form.CleanName}");
            person.Name = form.CleanName;
        }

        if (person.Email != form.CleanEmail)
        {
            changes.Add($"email: {person.Email} → {form.CleanEmail}");
            person.Email = form.CleanEmail;
            person.EmailChangedAt = DateTime.UtcNow;
        }

        if (person.Role != role.Family || person.RoleId != role.Own?.Id)
        {
            changes.Add($"role: {roleName} → {role.Name}");
            person.Role = role.Family;
            person.RoleId = role.Own?.Id;
        }

        if (person.Team != form.CleanTeam)
        {
            changes.Add($"team: {PersonText.Team(person.Team)} → {PersonText.Team(form.CleanTeam)}");
            person.Team = form.CleanTeam;
        }

        return changes;
    }

    /// <summary>What changed between two stored sets of attribute values, as "Region: – → EMEA".</summary>
    internal static IEnumerable<string> AttributeChanges(IReadOnlyList<AttributeDefinition> definitions, string before, string after)
    {
        var old = AttributeValues.Read(before);
        var now = AttributeValues.Read(after);
        foreach (var definition in definitions)
        {
            var from = old.GetValueOrDefault(definition.Id, "");
            var to = now.GetValueOrDefault(definition.Id, "");
            if (from != to)
            {
                yield return $"{definition.Name}: {(from.Length == 0 ? "–" : from)} → {(to.Length == 0 ? "–" : to)}";
            }
        }
    }

    private async Task<bool> SavedAsync(Person person, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            if (await EmailTakenAsync(db, person.OrganizationId, [person.Email], person.Id, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private static PersonOutcome Refused(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return PersonOutcome.Refused(errors);
    }
}
