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
public sealed class ResultModel(AppDbContext db) : PageModel
{
    public ScoreReport Report { get; private set; } = null!;

    public string Token { get; private set; } = "";

    public bool Attached { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (!Tokens.LooksValid(token))
        {
            return NotFound();
        }

        var hash = Tokens.Hash(token);
        var check = await db.QuickChecks.AsNoTracking().FirstOrDefaultAsync(q => q.TokenHash == hash);
        if (check is null)
        {
            return NotFound();
        }

        Token = token;
        Attached = check.OrganizationId is not null;
        Report = Score(check);
        return Page();
    }

    /// <summary>Scores one quick check with the engine.</summary>
    public static ScoreReport Score(Data.Entities.QuickCheck check)
    {
        var set = new ResponseSet(IndexModel.Instrument);
        var row = set.AddRow();
        check.Answers.AsSpan(0, Math.Min(row.Length, check.Answers.Length)).CopyTo(row);
        return ScoringEngine.Score(set, new ScoringOptions { Phase = check.Phase, Acv = check.Acv });
    }
}
