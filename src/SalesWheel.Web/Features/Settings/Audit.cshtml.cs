using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Settings;

/// <summary>The audit log, for owners: who changed what and when, newest first, 50 to a page.</summary>
public sealed class AuditModel(AppDbContext db) : OrganizationPageModel
{
    public const int PageSize = 50;

    protected override MemberRole RequiredRole => MemberRole.Owner;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public int Total { get; private set; }

    /// <summary>Page number from <c>?p=</c> ("page" is taken by Razor Pages' routing).</summary>
    public async Task OnGetAsync(int? p)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(a => a.OrganizationId == OrganizationId);
        Total = await entries.CountAsync();
        PageCount = Math.Max(1, (Total + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(p ?? 1, 1, PageCount);
        Entries = await entries.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync();
    }
}
