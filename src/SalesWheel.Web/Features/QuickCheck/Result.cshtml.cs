using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.QuickCheck;

/// <summary>A quick check's result at its private link: one person's own answers, shown to that person.</summary>
[EnableRateLimiting(RateLimits.QuickCheck)]
public sealed partial class ResultModel(AppDbContext db, IMailer mailer, ResultEmailAllowance allowance, LinkBuilder links, ILogger<ResultModel> logger) : PageModel
{
    public ScoreReport Report { get; private set; } = null!;

    /// <summary>Whether "email me this result" is offered: only when mail really leaves (SMTP).</summary>
    public bool CanEmail => mailer.Delivers;

    /// <summary>The address typed for "email me this result", kept when refused.</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>What the last email request did (after the redirect).</summary>
    public string? Sent { get; private set; }

    public string Token { get; private set; } = "";

    public bool Attached { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (await FindAsync(token) is not { } check)
        {
            return NotFound();
        }

        Show(token, check);
        Sent = TempData["Sent"] as string;
        return Page();
    }

    /// <summary>The result as the PDF report (A4, or US Letter with paper=letter).</summary>
    public async Task<IActionResult> OnGetPdfAsync(string token, string? paper)
    {
        if (await FindAsync(token) is not { } check)
        {
            return NotFound();
        }

        var organization = check.OrganizationId is { } id ? await db.Organizations.AsNoTracking().Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync() : null;
        Response.Headers.CacheControl = "private, no-store";
        var size = SalesWheel.Web.Features.Results.ReportFiles.ParsePaper(paper) ?? SalesWheel.Core.Reports.PaperSize.A4;
        return File(LeaderCheck.Pdf(check, organization, size), "application/pdf", "saleswheel-quick-check.pdf");
    }

    /// <summary>Emails the result to the address typed (SMTP only, a few times an hour per quick check), then back to the page.</summary>
    public async Task<IActionResult> OnPostEmailAsync(string token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token) is not { } check)
        {
            return NotFound();
        }

        Show(token, check);
        var address = Email?.Trim() ?? "";
        if (!mailer.Delivers)
        {
            ModelState.AddModelError(nameof(Email), "This server has no mail server set up, so it cannot email the result. Keep this page's address, or download the PDF.");
            return Page();
        }

        if (!People.EmailAddresses.IsValid(address))
        {
            ModelState.AddModelError(nameof(Email), "Enter an email address like name@company.com.");
            return Page();
        }

        if (!allowance.TryTake(check.Id))
        {
            ModelState.AddModelError(nameof(Email), $"This result was emailed {ResultEmailAllowance.PerHour} times in the last hour: try again later.");
            return Page();
        }

        var (subject, body) = LeaderCheck.Email(Report, links.Absolute("/q/" + token));
        try
        {
            await mailer.SendAsync("", address, subject, body, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogNotSent(logger, error.GetType().Name);
            ModelState.AddModelError(nameof(Email), "The email could not be sent just now. Try again in a few minutes, or download the PDF.");
            return Page();
        }

        TempData["Sent"] = $"The result was emailed to {address}.";
        return Redirect("/q/" + token);
    }

    private async Task<Data.Entities.QuickCheck?> FindAsync(string token) =>
        Tokens.LooksValid(token) ? await db.QuickChecks.AsNoTracking().FirstOrDefaultAsync(q => q.TokenHash == Tokens.Hash(token)) : null;

    private void Show(string token, Data.Entities.QuickCheck check)
    {
        Token = token;
        Attached = check.OrganizationId is not null;
        Report = Score(check);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A quick check result email could not be sent ({Error}).")]
    private static partial void LogNotSent(ILogger logger, string error);

    /// <summary>Scores one quick check with the engine.</summary>
    public static ScoreReport Score(Data.Entities.QuickCheck check)
    {
        var set = new ResponseSet(IndexModel.Instrument);
        var row = set.AddRow();
        check.Answers.AsSpan(0, Math.Min(row.Length, check.Answers.Length)).CopyTo(row);
        return ScoringEngine.Score(set, new ScoringOptions { Phase = check.Phase, Acv = check.Acv });
    }
}
