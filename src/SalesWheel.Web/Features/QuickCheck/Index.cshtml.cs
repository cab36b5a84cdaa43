using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.QuickCheck;

/// <summary>The three-minute self-check: phase, ACV band and the quick form on one page, no account.</summary>
[EnableRateLimiting(RateLimits.QuickCheck)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    /// <summary>"Don't know" is posted as 0 and stored as not answered.</summary>
    public const int DontKnow = 0;

    public static Instrument Instrument => BuiltInInstrument.Quick;

    [BindProperty]
    public string? Phase { get; set; }

    [BindProperty]
    public string? Acv { get; set; }

    [BindProperty]
    public Dictionary<string, int?> Answers { get; set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear(); // every rule is checked below, with messages in our words
        var phase = ContextCodes.ParsePhase(Phase);
        if (!string.IsNullOrEmpty(Phase) && Phase != "unknown" && phase is null)
        {
            ModelState.AddModelError(nameof(Phase), "Choose one of the phases listed.");
        }

        var acv = ContextCodes.ParseAcv(Acv);
        if (!string.IsNullOrEmpty(Acv) && Acv != "unknown" && acv is null)
        {
            ModelState.AddModelError(nameof(Acv), "Choose one of the deal sizes listed.");
        }

        var scale = Instrument.Scale;
        var answers = new byte[Instrument.Items.Count()];
        var index = 0;
        foreach (var item in Instrument.Items)
        {
            var value = Answers.GetValueOrDefault(item.Id);
            if (value is null)
            {
                ModelState.AddModelError($"Answers[{item.Id}]", "Choose an answer, or \"Don't know\".");
            }
            else if (value != DontKnow && (value < scale.Min || value > scale.Max))
            {
                ModelState.AddModelError($"Answers[{item.Id}]", $"Choose an answer from {scale.Min} to {scale.Max}, or \"Don't know\".");
            }
            else if (value != DontKnow)
            {
                answers[index] = (byte)(value.Value - scale.Min + 1);
            }

            index++;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = Tokens.New();
        db.QuickChecks.Add(new Data.Entities.QuickCheck { TokenHash = Tokens.Hash(token), Phase = phase, Acv = acv, Answers = answers });
        await db.SaveChangesAsync();
        return Redirect($"/q/{token}");
    }
}
