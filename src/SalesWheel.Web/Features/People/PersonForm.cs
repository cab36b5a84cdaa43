using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
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

    /// <summary>What the form offers (the organization's roles), set by the page; never posted.</summary>
    [BindNever]
    [ValidateNever]
    public RoleCatalog Roles { get; set; } = RoleCatalog.Of([]);

    public static PersonForm From(Person person, RoleCatalog roles) => new()
    {
        Roles = roles,
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
