using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Survey;

/// <summary>The one open question, optional, saved when the respondent moves on.</summary>
[EnableRateLimiting(RateLimits.Survey)]
public sealed class CommentModel(AppDbContext db) : SurveyPageModel(db)
{
    public const int MaximumLength = 2000;

    public const string Question = "What one change would most improve how we sell?";

    [BindProperty]
    public string? Comment { get; set; }

    public void OnGet() => Comment = Link.Draft?.Comment;

    public async Task<IActionResult> OnPostAsync(string? go)
    {
        ModelState.Clear();
        // Browsers send line breaks as CR LF but count them as one character against maxlength: count them as one too.
        var text = Comment?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text is { Length: > MaximumLength })
        {
            ModelState.AddModelError(nameof(Comment),
                $"Your answer to \"{Question}\" is {text.Length:N0} characters long; shorten it to {MaximumLength:N0} or fewer. It is not saved yet.");
            return Page();
        }

        var target = go == "back" ? Plan.QuestionPages.Count : Plan.ReviewPage;
        await SaveDraftAsync(draft => draft with { Comment = string.IsNullOrEmpty(text) ? null : text }, reached: Math.Max(Plan.CommentPage, target));
        return Redirect(Plan.PathOf(Token, target));
    }
}
