using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Infrastructure;

/// <summary>Writes the audit trail an owner can read: who changed what, when.</summary>
public sealed class AuditLog(AppDbContext db)
{
    /// <summary>Adds an entry; it is saved with the caller's next SaveChanges, so the change and its record go together.</summary>
    public void Record(Guid organizationId, AppUser? user, string action, string detail = "") =>
        Record(organizationId, user is null ? Actor.System : Actor.Of(user), action, detail);

    /// <summary>Adds an entry for a change made by a member or by an API token acting for one.</summary>
    public void Record(Guid organizationId, Actor actor, string action, string detail = "") =>
        db.AuditEntries.Add(new AuditEntry
        {
            OrganizationId = organizationId,
            UserId = actor.UserId,
            UserName = actor.Name,
            Action = action,
            Detail = detail.Length > 2000 ? detail[..2000] : detail,
        });
}
