using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Survey;

/// <summary>One page of statements (a driver, or the outcome questions), saved when the respondent moves on.</summary>
[EnableRateLimiting(RateLimits.Survey)]
public sealed class QuestionsModel(AppDbContext db) : SurveyPageModel(db)
{
    /// <summary>The posted value of "Don't know": stored as not answered.</summary>
    public const string DontKnow = "dk";

    public QuestionPage Current { get; private set; } = null!;

    /// <summary>Posted by the radio buttons as Answers[ITEM-ID].</summary>
    [BindProperty]
    public Dictionary<string, string?> Answers { get; set; } = [];

    /// <summary>The choice to show checked per item: a scale value, or "dk".</summary>
    public Dictionary<string, string> Chosen { get; } = new(StringComparer.Ordinal);

    /// <summary>Items whose posted value could not be used, with the message to show next to them.</summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public IActionResult OnGet(int number)
    {
        if (!Find(number))
        {
            return NotFound();
        }

        var saved = Link.Answers;
        foreach (var placed in Current.Items)
        {
            if (saved[placed.Index] == SurveyPlan.DontKnowInDraft)
            {
                Chosen[placed.Item.Id] = DontKnow;
            }
            else if (Plan.Decode(saved[placed.Index]) is { } value)
            {
                Chosen[placed.Item.Id] = value.ToString(CultureInfo.InvariantCulture);
            }
        }

        return Page();
    }

    /// <summary>Back or Next: both save the page, unless an answer could not be used (then nothing is saved and every usable choice is shown again).</summary>
    public async Task<IActionResult> OnPostAsync(int number, string? go)
    {
        if (!Find(number))
        {
            return NotFound();
        }

        ModelState.Clear(); // every value is checked below, with messages that name the statement
        var scale = Plan.Instrument.Scale;
        var values = new List<(int Index, byte Stored)>();
        foreach (var placed in Current.Items)
        {
            var id = placed.Item.Id;
            var posted = Answers.GetValueOrDefault(id)?.Trim();
            if (string.IsNullOrEmpty(posted))
            {
                values.Add((placed.Index, 0)); // skipped: not answered
            }
            else if (posted == DontKnow)
            {
                Chosen[id] = DontKnow;
                values.Add((placed.Index, SurveyPlan.DontKnowInDraft)); // remembered in the draft, not counted when submitted
            }
            else if (int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= scale.Min && value <= scale.Max)
            {
                Chosen[id] = value.ToString(CultureInfo.InvariantCulture);
                values.Add((placed.Index, Plan.Encode(value)));
            }
            else
            {
                Errors[id] = $"The answer to \"{placed.Item.Text}\" is not one of the choices. Choose one of the answers below, or \"Don't know\".";
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var target = go == "back" ? number - 1 : number + 1;
        await SaveDraftAsync(draft =>
        {
            var answers = draft.Answers.ToArray();
            foreach (var (index, stored) in values)
            {
                answers[index] = stored;
            }

            return draft with { Answers = answers };
        }, reached: Math.Max(number, target));
        return Redirect(Plan.PathOf(Token, target));
    }

    private bool Find(int number)
    {
        if (number < 1 || number > Plan.QuestionPages.Count)
        {
            return false;
        }

        Current = Plan.QuestionPages[number - 1];
        return true;
    }
}
