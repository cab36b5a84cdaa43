using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Survey;

/// <summary>The first page of a personal link: what the organization will and will not see, how long it takes, Start.</summary>
[EnableRateLimiting(RateLimits.Survey)]
public sealed class WelcomeModel(AppDbContext db) : SurveyPageModel(db)
{
    public bool Resuming => Link.Draft is not null;

    public int Answered => Link.Answers.Count(b => b != 0);

    public void OnGet()
    {
    }

    /// <summary>Start (or continue): counts the invitation as started and goes to the furthest page reached.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await SaveDraftAsync(_ => { }, reached: 1);
        return Redirect(Plan.PathOf(Token, Link.Draft!.Page));
    }
}
