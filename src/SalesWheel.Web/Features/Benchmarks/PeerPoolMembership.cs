using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Benchmarks;

/// <summary>
/// Joining or leaving the anonymous peer pool (<see cref="PeerPool"/>), shared by the settings page and any later caller:
/// changes the organization's choice and writes it to the audit log. Returns the change in words, empty when nothing changed.
/// </summary>
public sealed class PeerPoolMembership(AppDbContext db, AuditLog audit)
{
    public async Task<string?> SetAsync(Guid organizationId, Actor actor, bool inPool, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
        if (organization.InPeerPool == inPool)
        {
            return null;
        }

        organization.InPeerPool = inPool;
        var change = inPool ? "joined the anonymous peer pool" : "left the anonymous peer pool";
        audit.Record(organizationId, actor, "peer pool changed", change);
        await db.SaveChangesAsync(cancellationToken);
        return change;
    }
}
