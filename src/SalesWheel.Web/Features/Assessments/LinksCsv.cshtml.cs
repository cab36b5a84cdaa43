using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>The newest CSV of personal links for an assessment, from the outbox folder (admins only: each link answers in someone's name).</summary>
public sealed class LinksCsvModel(AppDbContext db, IOptions<SalesWheelOptions> options) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Assessments.AnyAsync(a => a.Id == id && a.OrganizationId == OrganizationId, cancellationToken))
        {
            return NotFound();
        }

        if (InvitationLinks.Latest(options.Value.OutboxFolder, id) is not { } path)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return PhysicalFile(Path.GetFullPath(path), "text/csv; charset=utf-8", Path.GetFileName(path));
    }
}
