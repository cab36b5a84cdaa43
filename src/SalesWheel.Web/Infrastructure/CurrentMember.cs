using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// The signed-in user's current organization and role, read from the database on every request (so a removed member
/// loses access at once). A user may belong to several organizations: the current one is named by a claim in the auth
/// cookie (<see cref="SwitchAsync"/> sets it); without it, or when that membership is gone, it is the one they joined
/// first. Every page scopes its queries by the organization returned here, so another organization's ids find nothing.
/// </summary>
public sealed class CurrentMember(AppDbContext db, IHttpContextAccessor http)
{
    /// <summary>The auth cookie's claim naming the current organization (its id).</summary>
    public const string OrganizationClaim = "saleswheel.organization";

    private (Membership Membership, Organization Organization, AppUser User)? _loaded;
    private bool _done;

    public async Task<(Membership Membership, Organization Organization, AppUser User)?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return _loaded;
        }

        _done = true;
        var principal = http.HttpContext?.User;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        var chosen = Guid.TryParse(principal!.FindFirstValue(OrganizationClaim), CultureInfo.InvariantCulture, out var id) ? id : (Guid?)null;
        var row = await (from m in db.Memberships
                         join o in db.Organizations on m.OrganizationId equals o.Id
                         join u in db.Users on m.UserId equals u.Id
                         where m.UserId == userId
                         orderby m.OrganizationId == chosen descending, m.CreatedAt, m.Id
                         select new { m, o, u }).FirstOrDefaultAsync(cancellationToken);
        _loaded = row is null ? null : (row.m, row.o, row.u);
        return _loaded;
    }

    /// <summary>The organizations the signed-in user belongs to, by name (for the switcher).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, MemberRole Role)>> OrganizationsAsync(CancellationToken cancellationToken = default)
    {
        var userId = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return [];
        }

        var rows = await (from m in db.Memberships
                          join o in db.Organizations on m.OrganizationId equals o.Id
                          where m.UserId == userId
                          select new { o.Id, o.Name, m.Role }).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.Id).Select(r => (r.Id, r.Name, r.Role)).ToList();
    }

    /// <summary>
    /// Makes <paramref name="organizationId"/> the current organization of this browser's session, when the signed-in user
    /// belongs to it: the auth cookie is issued again with the claim (same session, same sign-in time and security
    /// stamp). False, and nothing changed, when they do not belong to it.
    /// </summary>
    public async Task<bool> SwitchAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext;
        var userId = context?.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (context is null || userId is null || !await db.Memberships.AnyAsync(m => m.UserId == userId && m.OrganizationId == organizationId, cancellationToken))
        {
            return false;
        }

        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!session.Succeeded || session.Principal.Identity is not ClaimsIdentity identity)
        {
            return false;
        }

        var claims = identity.Claims.Where(c => c.Type != OrganizationClaim)
            .Append(new Claim(OrganizationClaim, organizationId.ToString("D", CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
        await context.SignInAsync(IdentityConstants.ApplicationScheme, principal, session.Properties);
        context.User = principal;
        _done = false; // the rest of this request reads the new organization
        return true;
    }
}
