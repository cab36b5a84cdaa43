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

    /// <summary>True for the unique index on (organization, email) refusing a row another request saved a moment earlier.</summary>
    public static bool IsDuplicate(DbUpdateException exception) =>
        exception.InnerException?.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase) == true;
}
