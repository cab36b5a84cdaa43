using Microsoft.AspNetCore.RateLimiting;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Survey;

/// <summary>
/// The first page of a personal link: what the organization will and will not see, how long it takes, and a Start link
/// (a plain link: opening the survey changes nothing; the first saved page counts the invitation as started).
/// </summary>
[EnableRateLimiting(RateLimits.Survey)]
public sealed class WelcomeModel(AppDbContext db) : SurveyPageModel(db)
{
    public bool Resuming => Link.Draft is not null;

    public int Answered => Link.AnsweredCount;

    public int DontKnow => Link.DontKnowCount;

    public string DontKnowNote => $", \"Don't know\" for {DontKnow}";

    /// <summary>Start (or continue): the furthest page reached, or the first.</summary>
    public string StartPath => Plan.PathOf(Token, Link.Draft?.Page ?? 1);

    public void OnGet()
    {
    }
}
