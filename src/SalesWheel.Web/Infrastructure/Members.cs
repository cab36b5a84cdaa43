using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
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

/// <summary>
/// Base of every page inside an organization: loads the member, refuses anyone below <see cref="RequiredRole"/>,
/// and gives <see cref="OrganizationId"/> for scoping every query.
/// </summary>
public abstract class OrganizationPageModel : PageModel
{
    protected virtual MemberRole RequiredRole => MemberRole.Viewer;

    public Organization Organization { get; private set; } = null!;

    public Membership Membership { get; private set; } = null!;

    public AppUser CurrentUser { get; private set; } = null!;

    public Guid OrganizationId => Organization.Id;

    public bool CanAdminister => Membership.Role >= MemberRole.Admin;

    public bool IsOwner => Membership.Role == MemberRole.Owner;

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var member = await context.HttpContext.RequestServices.GetRequiredService<CurrentMember>().GetAsync(context.HttpContext.RequestAborted);
        if (member is null)
        {
            context.Result = new RedirectToPageResult("/Account/SignIn");
            return;
        }

        (Membership, Organization, CurrentUser) = member.Value;
        if (Membership.Role < RequiredRole)
        {
            context.Result = new ForbidResult();
            return;
        }

        ViewData["Organization"] = Organization.Name;
        await next();
    }
}

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

/// <summary>Who made a change, as the audit log names them: a member, an API token acting for one, or the system.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static Actor System { get; } = new(null, "system");

    public static Actor Of(AppUser user) => new(user.Id, user.Email ?? user.DisplayName);
}
