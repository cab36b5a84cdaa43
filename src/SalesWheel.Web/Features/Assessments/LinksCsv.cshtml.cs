using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>The newest CSV of personal links for an assessment, from the database (admins only: each link answers in someone's name).</summary>
public sealed class LinksCsvModel(AppDbContext db, SubmissionSeal seal) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await db.Assessments.AnyAsync(a => a.Id == id && a.OrganizationId == OrganizationId, cancellationToken))
        {
            return NotFound();
        }

        if (await InvitationLinks.LatestAsync(db, seal, id, cancellationToken) is not { } latest)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(latest.Csv, "text/csv; charset=utf-8", latest.Name);
    }
}
