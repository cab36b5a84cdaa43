using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.QuickCheck;

/// <summary>The leader's quick check inside the organization it was kept in: its wheel, priorities and scores, and its PDF.</summary>
public sealed class LeaderModel(AppDbContext db) : OrganizationPageModel
{
    public Data.Entities.QuickCheck Check { get; private set; } = null!;

    public ScoreReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } check)
        {
            return NotFound();
        }

        Check = check;
        Report = ResultModel.Score(check);
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, string? paper, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } check)
        {
            return NotFound();
        }

        var size = SalesWheel.Web.Features.Results.ReportFiles.ParsePaper(paper) ?? SalesWheel.Core.Reports.PaperSize.A4;
        Response.Headers.CacheControl = "private, no-store";
        return File(LeaderCheck.Pdf(check, Organization.Name, size), "application/pdf", "saleswheel-leaders-quick-check.pdf");
    }

    private Task<Data.Entities.QuickCheck?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.QuickChecks.AsNoTracking().FirstOrDefaultAsync(q => q.Id == id && q.OrganizationId == OrganizationId, cancellationToken);
}
