using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>The fields of one person, shared by the add and edit pages.</summary>
public sealed class PersonForm
{
    [Required(ErrorMessage = "Enter the person's name.")]
    [StringLength(200, ErrorMessage = "Use at most 200 characters for the name.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter the person's email.")]
    [StringLength(EmailAddresses.MaximumLength, ErrorMessage = "Use at most 320 characters for the email.")]
    [ValidEmail]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose the person's role.")]
    public string Role { get; set; } = "";

    [StringLength(100, ErrorMessage = "Use at most 100 characters for the team.")]
    public string? Team { get; set; }

    /// <summary>
    /// The values of the organization's attributes, keyed by the attribute's id (the page) or name in any case (the API);
    /// a blank value clears it. Null leaves every value as it is.
    /// </summary>
    public Dictionary<string, string?>? Attributes { get; set; }

    /// <summary>The organization's attributes the form offers, set by the page; never posted.</summary>
    [BindNever]
    [ValidateNever]
    public IReadOnlyList<AttributeDefinition> Definitions { get; set; } = [];

    /// <summary>What the form offers (the organization's roles), set by the page; never posted.</summary>
    [BindNever]
    [ValidateNever]
    public RoleCatalog Roles { get; set; } = RoleCatalog.Of([]);

    public static PersonForm From(Person person, RoleCatalog roles, IReadOnlyList<AttributeDefinition> definitions) => new()
    {
        Roles = roles,
        Definitions = definitions,
        Attributes = definitions.ToDictionary(d => d.Id.ToString(), d => (string?)AttributeValues.Of(person.AttributesJson, d.Id)),
        Name = person.Name,
        Email = person.Email,
        Role = roles.FormValueOf(person),
        Team = person.Team,
    };

    /// <summary>
    /// Checks the role (our message, not the binder's) against the organization's roles and returns it; null with a field
    /// error when it is none of them.
    /// </summary>
    public RoleChoice? CheckRole(FieldErrors errors, RoleCatalog roles)
    {
        if (string.IsNullOrWhiteSpace(Role))
        {
            return null; // [Required] already said so
        }

        var role = roles.Read(Role); // the select posts own roles' names and the families' enum names, which Read reads too
        if (role is null)
        {
            errors.Add(PersonFields.Role, "Choose one of the roles listed: " + roles.Accepted + ".");
        }

        return role;
    }

    /// <summary>
    /// The attribute values to store (<see cref="AttributeValues"/>), starting from <paramref name="current"/>; null with
    /// field errors (under "attributes") when a key names no attribute or a value is too long.
    /// </summary>
    public string? CheckAttributes(FieldErrors errors, IReadOnlyList<AttributeDefinition> definitions, string current)
    {
        if (Attributes is null)
        {
            return current;
        }

        var values = AttributeValues.Read(current).Where(v => definitions.Any(d => d.Id == v.Key)).ToDictionary(v => v.Key, v => v.Value);
        var ok = true;
        foreach (var (key, value) in Attributes)
        {
            var definition = definitions.FirstOrDefault(d => d.Id.ToString() == key || string.Equals(d.Name, key, StringComparison.OrdinalIgnoreCase));
            var clean = Core.Text.PlainText.Line(value ?? "").Trim();
            if (definition is null)
            {
                errors.Add(PersonFields.Attributes, definitions.Count == 0
                    ? $"\"{key}\" is not an attribute: your organization has none (Settings, Roles and attributes)."
                    : $"\"{key}\" is not an attribute; yours are {string.Join(", ", definitions.Select(d => d.Name))}.");
                ok = false;
            }
            else if (clean.Length > AttributeSettings.MaximumValueLength)
            {
                errors.Add(PersonFields.Attributes, $"Use at most {AttributeSettings.MaximumValueLength} characters for {definition.Name}.");
                ok = false;
            }
            else
            {
                values[definition.Id] = clean;
            }
        }

        return ok ? AttributeValues.Write(values) : null;
    }

    // The binder leaves blank fields null whatever the declared type, and validation reads these too.
    [ValidateNever]
    public string CleanName => (Name ?? "").Trim();

    [ValidateNever]
    public string CleanEmail => EmailAddresses.Normalize(Email ?? "");

    [ValidateNever]
    public string CleanTeam => (Team ?? "").Trim();
}

/// <summary>How a person reads in the audit log.</summary>
public static class PersonText
{
    public static string Describe(Person person, string roleName) =>
        $"{person.Name} <{person.Email}>, {roleName}, team {Team(person.Team)}";

    public static string Team(string team) => team.Length == 0 ? "(none)" : team;
}
