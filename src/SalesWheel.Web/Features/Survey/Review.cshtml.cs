using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Survey;

/// <summary>The last page: what is still unanswered (with links back), the comment, and Submit.</summary>
[EnableRateLimiting(RateLimits.Survey)]
public sealed class ReviewModel(AppDbContext db, SubmissionSeal seal) : SurveyPageModel(db)
{
    /// <summary>Statements skipped (no answer, not even "Don't know"), page by page; pages with none are left out.</summary>
    public IReadOnlyList<(QuestionPage Page, IReadOnlyList<PlacedItem> Items)> Unanswered { get; private set; } = [];

    public int Answered => Link.AnsweredCount;

    public int DontKnow => Link.DontKnowCount;

    public string DontKnowNote => $" and chose \"Don't know\" for {DontKnow}";

    public void OnGet()
    {
        var answers = Link.Answers;
        Unanswered = Plan.QuestionPages
            .Select(p => (p, (IReadOnlyList<PlacedItem>)p.Items.Where(i => answers[i.Index] == 0).ToList()))
            .Where(p => p.Item2.Count > 0)
            .ToList();
    }

    /// <summary>Submits what is saved. A second submit (another tab, another browser, a double click) stores nothing and says so.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await SurveySubmission.SubmitAsync(Db, seal, Link, HttpContext.RequestAborted))
        {
            return Redirect(Plan.PathOf(Token, 0));
        }

        // Not stored: answers were already in for this invitation (from another browser), or the survey closed just now.
        var again = await SurveyLink.FindAsync(Db, Token, Link.BrowserSecret, HttpContext.RequestAborted);
        return Gate(again?.Status is LinkStatus.Closed or LinkStatus.Submitted ? again.Status : LinkStatus.AlreadyUsed, again ?? Link);
    }
}
