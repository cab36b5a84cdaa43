using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.People;

/// <summary>The one rule people share in add, edit and import: an email appears once per organization.</summary>
internal static class PersonEditing
{
    /// <summary>The person of this organization who already has the address (any case), other than <paramref name="except"/>.</summary>
    public static Task<Person?> HolderOfAsync(AppDbContext db, Guid organizationId, string normalizedEmail, Guid? except = null) =>
        db.People.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && p.Email.ToLower() == normalizedEmail && p.Id != except)
            .FirstOrDefaultAsync();

    public static string Taken(string email, Person holder) =>
        $"{email} is already on the list, as {holder.Name}. Each email can be on the list once.";

    /// <summary>Gives the person the form's fields; returns what changed as "what: old → new" (empty when nothing did).</summary>
    public static List<string> Apply(Person person, PersonForm form, PersonRole role)
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

        if (person.Role != role)
        {
            changes.Add($"role: {person.Role.DisplayName()} → {role.DisplayName()}");
            person.Role = role;
        }

        if (person.Team != form.CleanTeam)
        {
            changes.Add($"team: {PersonText.Team(person.Team)} → {PersonText.Team(form.CleanTeam)}");
            person.Team = form.CleanTeam;
        }

        return changes;
    }

    /// <summary>True for the unique index on (organization, email) refusing a row another request saved a moment earlier.</summary>
    public static bool IsDuplicate(DbUpdateException exception) =>
        exception.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true;
}
