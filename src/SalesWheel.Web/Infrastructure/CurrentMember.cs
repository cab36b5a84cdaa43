using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Infrastructure;

/// <summary>The signed-in user's organization and role, read from the database on every request (so a removed member loses access at once).</summary>
public sealed class CurrentMember(AppDbContext db, IHttpContextAccessor http)
{
    private (Membership Membership, Organization Organization, AppUser User)? _loaded;
    private bool _done;

    public async Task<(Membership Membership, Organization Organization, AppUser User)?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return _loaded;
        }

        _done = true;
        var userId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        var row = await (from m in db.Memberships
                         join o in db.Organizations on m.OrganizationId equals o.Id
                         join u in db.Users on m.UserId equals u.Id
                         where m.UserId == userId
                         select new { m, o, u }).FirstOrDefaultAsync(cancellationToken);
        _loaded = row is null ? null : (row.m, row.o, row.u);
        return _loaded;
    }
}
