using System.Globalization;
using System.Net;

namespace SalesWheel.Web.Tests.Survey;

/// <summary>What a respondent's link shows once they submitted: the thank-you page, then the participant summary.</summary>
public sealed class ThankYouTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Team = "Zanzibar Squad";

    private const string Comment = "Quokka-level onboarding would help";

    /// <summary>Seeds a quick-form survey and has the first <paramref name="answering"/> of its people submit, each from their own browser.</summary>
    private async Task<(SeededSurvey Survey, HttpClient First)> Answered(int invited, int answering, DateOnly? closeDate = null)
    {
        var survey = app.Seed(invitations: invited, quick: true, closeDate: closeDate, team: Team);
        HttpClient? first = null;
        for (var i = 0; i < answering; i++)
        {
            var browser = app.Browser();
            first ??= browser;
            var submitted = await browser.TakeSurvey(survey.Tokens[i], survey.Plan, index => ((index + i) % 5 + 1).ToString(CultureInfo.InvariantCulture), Comment);
            Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        }

        return (survey, first!);
    }

    [Fact]
    public async Task AfterSubmittingTheRespondentReadsThatTheAnswersAreInWhenResultsAreDueAndWhatTheOrganizationWillSee()
    {
        var closes = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(9);
        var survey = app.Seed(quick: true, closeDate: closes, minimumGroupSize: 6);
        var browser = app.Browser();

        var submitted = await browser.TakeSurvey(survey.Token, survey.Plan, _ => "4");
        var landing = submitted.Headers.Location!.ToString();
        var first = await browser.GetPage(landing);
        var again = await browser.GetPage($"/s/{survey.Token}"); // the link reopened later

        Assert.Equal($"/s/{survey.Token}", landing);
        var page = Html.Parse(first);
        Assert.Equal("Your answers are in", page.One("h1").TextContent);
        Assert.Contains(closes.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), page.One("[data-results-due]").TextContent, StringComparison.Ordinal);
        var next = page.One("[data-next]").Text();
        Assert.Contains("scores of groups of at least 6 people", next, StringComparison.Ordinal);
        Assert.Contains("Never your answers", next, StringComparison.Ordinal);
        Assert.Contains("you can close this page", page.One(".lead").Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form"));
        Assert.Null(page.QuerySelector(".participant-summary")); // nothing of the results while it is open
        Assert.Equal("Your answers are in", Html.Parse(again).One("h1").TextContent);
    }

    [Fact]
    public async Task OnceClosedAndReleasedTheLinkShowsTheOverallScoresAndTopPrioritiesButNoGroupsAndNoComments()
    {
        var (survey, first) = await Answered(invited: 6, answering: 5);
        var beforeClosing = Html.Parse(await first.GetPage($"/s/{survey.Token}"));
        Assert.Null(beforeClosing.QuerySelector(".participant-summary"));

        await app.CloseAndReleaseAsync(survey.AssessmentId);
        // Closing opens every sealed answer and forgets which browser submitted: the link now reads as closed, for everyone alike.
        var text = await first.GetPage($"/s/{survey.Token}", HttpStatusCode.Gone);

        var page = Html.Parse(text);
        Assert.Equal("This survey has closed", page.One("h1").TextContent);
        var summary = page.One(".participant-summary");
        Assert.Equal("shown", summary.GetAttribute("data-summary"));
        Assert.NotNull(summary.QuerySelector(".wheel svg"));
        Assert.NotEmpty(summary.QuerySelectorAll("[data-priorities] li"));
        Assert.Contains("all 5 people who answered", summary.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(Team, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Quokka", text, StringComparison.Ordinal);
        // A link of the survey whose holder did not answer shows the same summary (it is closed for them).
        var other = Html.Parse(await app.Browser().GetPage($"/s/{survey.Tokens[5]}", HttpStatusCode.Gone));
        Assert.Equal("shown", other.One(".participant-summary").GetAttribute("data-summary"));
    }

    [Fact]
    public async Task AfterCloseASubmittersLinkThanksThemWithoutCallingItAMistakeInWordsTrueForThoseWhoDidNotAnswer()
    {
        var (survey, first) = await Answered(invited: 6, answering: 5);
        await app.CloseAndReleaseAsync(survey.AssessmentId);

        var submitter = Html.Parse(await first.GetPage($"/s/{survey.Token}", HttpStatusCode.Gone));
        var elsewhere = Html.Parse(await app.Browser().GetPage($"/s/{survey.Token}", HttpStatusCode.Gone)); // the same link, another browser
        var nonSubmitter = Html.Parse(await app.Browser().GetPage($"/s/{survey.Tokens[5]}", HttpStatusCode.Gone));

        var note = submitter.One("[data-closed-note]").Text();
        Assert.StartsWith("If you submitted your answers, thank you: they are in.", note, StringComparison.Ordinal);
        Assert.Contains("does not show whether answers were submitted with this link", note, StringComparison.Ordinal);
        Assert.DoesNotContain("mistake", submitter.One(".survey").Text(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("shown", submitter.One(".participant-summary").GetAttribute("data-summary"));
        // Words true for both, and the same for both: the page does not tell a submitter from anyone else with a link.
        Assert.Equal(note, elsewhere.One("[data-closed-note]").Text());
        Assert.Equal(note, nonSubmitter.One("[data-closed-note]").Text());
    }

    [Fact]
    public async Task WhenTheAdminDoesNotShareItTheLinkShowsNoScores()
    {
        var (survey, first) = await Answered(invited: 5, answering: 5);
        app.Service(db =>
        {
            db.Assessments.Single(a => a.Id == survey.AssessmentId).ShareParticipantSummary = false;
            return db.SaveChanges();
        });
        await app.CloseAndReleaseAsync(survey.AssessmentId);

        var page = Html.Parse(await first.GetPage($"/s/{survey.Token}", HttpStatusCode.Gone));

        var summary = page.One(".participant-summary");
        Assert.Equal("notshared", summary.GetAttribute("data-summary"));
        Assert.Null(page.QuerySelector("svg"));
        Assert.Null(page.QuerySelector("[data-priorities]"));
    }

    [Fact]
    public async Task ClosedWithFewerAnswersThanTheMinimumTheLinkSaysNoResultsWereShownToProtectAnonymity()
    {
        var (survey, first) = await Answered(invited: 5, answering: 4);
        await app.CloseAndReleaseAsync(survey.AssessmentId);

        var page = Html.Parse(await first.GetPage($"/s/{survey.Token}", HttpStatusCode.Gone));

        var summary = page.One(".participant-summary");
        Assert.Equal("toofewanswers", summary.GetAttribute("data-summary"));
        Assert.Contains("no results were shown to anyone", summary.Text(), StringComparison.Ordinal);
        Assert.Contains("to protect the anonymity", summary.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("svg"));
    }

}
