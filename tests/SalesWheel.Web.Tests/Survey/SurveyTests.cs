using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;

namespace SalesWheel.Web.Tests.Survey;

public sealed class SurveyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Encoded(string text) => HtmlEncoder.Default.Encode(text);

    private static DateOnly TodayUtc => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task AFullSurveyStoresExactlyOneAnonymousResponseWithTheAnswersRoleTeamAndDayAndDeletesTheDraft()
    {
        var survey = app.Seed(role: "Manager", team: "Enterprise West");
        var client = app.Browser();
        var before = TodayUtc;

        var submitted = await client.TakeSurvey(survey.Token, survey.Plan, SurveyDriver.Pattern, "Fewer internal meetings,\r\nmore time with buyers.");

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/s/{survey.Token}", submitted.Headers.Location!.ToString());
        // Sealed until the assessment closes: no response exists yet, only ciphertext.
        Assert.Equal(0, app.Service(db => db.SurveyResponses.Count(r => r.AssessmentId == survey.AssessmentId)));
        Assert.Equal(1, app.Service(db => db.SealedSubmissions.Count(r => r.AssessmentId == survey.AssessmentId)));
        var thanks = await client.GetPage($"/s/{survey.Token}");
        Assert.Contains("Your answers are in", thanks);
        Assert.DoesNotContain("<form", thanks);

        await app.CloseAndReleaseAsync(survey.AssessmentId);
        Assert.Equal(0, app.Service(db => db.SealedSubmissions.Count(r => r.AssessmentId == survey.AssessmentId)));
        var responses = app.OpenedResponses(survey.AssessmentId);
        var response = Assert.Single(responses);
        Assert.Equal(SurveyDriver.Expected(survey.Plan, SurveyDriver.Pattern), response.Answers);
        Assert.Equal(53 + 3, response.Answers.Length); // the full instrument: 53 driver statements and 3 outcome questions
        Assert.Contains((byte)0, response.Answers); // "Don't know" is stored as not answered
        Assert.Equal("Manager", response.Role);
        Assert.Equal("Enterprise West", response.Team);
        Assert.Equal("Fewer internal meetings,\nmore time with buyers.", response.Comment);
        Assert.InRange(response.SubmittedOn, before, TodayUtc);
        Assert.NotEqual(survey.InvitationId, response.Id);

        var (draftsLeft, state) = app.Service(db => (db.SurveyDrafts.Count(d => d.InvitationId == survey.InvitationId),
            db.Invitations.Single(i => i.Id == survey.InvitationId).State));
        Assert.Equal(0, draftsLeft);
        Assert.Equal(InvitationState.Submitted, state);
    }

    [Fact]
    public void AStoredResponseHasNoColumnThatCouldLeadBackToThePersonOrTheInvitation()
    {
        var columns = app.Service(db => db.Model.FindEntityType(typeof(SurveyResponse))!.GetProperties().Select(p => p.Name).Order().ToList());
        Assert.Equal(["Answers", "AssessmentId", "Attributes", "Comment", "Id", "Role", "SubmittedOn", "Team"], columns);
        Assert.Equal(typeof(DateOnly), typeof(SurveyResponse).GetProperty(nameof(SurveyResponse.SubmittedOn))!.PropertyType); // a day, never a time
    }

    [Fact]
    public async Task StartOpensTheFirstPageAndTheFirstSavedPageCountsTheInvitationAsStarted()
    {
        var survey = app.Seed();
        var client = app.Respondent(out var secret);

        Assert.Equal($"/s/{survey.Token}/1", await client.Start(survey.Token));
        await client.GetPage($"/s/{survey.Token}/1");
        // Opening pages changes nothing (no state change by GET): still only invited, no draft.
        Assert.Equal(InvitationState.Invited, app.Service(db => db.Invitations.Single(i => i.Id == survey.InvitationId).State));
        Assert.False(app.Service(db => db.SurveyDrafts.Any(d => d.InvitationId == survey.InvitationId)));

        Assert.Equal(HttpStatusCode.Redirect, (await client.AnswerPage(survey.Token, survey.Plan, 1, _ => null)).StatusCode); // Next, nothing answered

        var state = app.Service(db => db.Invitations.Single(i => i.Id == survey.InvitationId).State);
        var draft = app.DraftOf(survey.InvitationId, secret)!;
        Assert.Equal(InvitationState.Started, state);
        Assert.Equal(2, draft.Page);
        Assert.All(draft.Answers, b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task LeavingMidwayAndComingBackFromTheSameLinkResumesWithEveryAnswerKept()
    {
        var survey = app.Seed();
        var first = app.Respondent(out var secret);
        await first.Start(survey.Token);
        for (var number = 1; number <= 3; number++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await first.AnswerPage(survey.Token, survey.Plan, number, SurveyDriver.Pattern)).StatusCode);
        }

        var later = app.Browser(); // another day, the same browser (its cookie), only the link
        later.DefaultRequestHeaders.Add("Cookie", $"{SurveyPageModel.BrowserCookie}={secret}");
        var welcome = await later.GetPage($"/s/{survey.Token}");
        Assert.Contains("Continue where you left off", welcome);
        var answeredSoFar = survey.Plan.QuestionPages.Take(3).SelectMany(p => p.Items).Count(p => SurveyDriver.Pattern(p.Index) != QuestionsModel.DontKnow);
        var dontKnowSoFar = survey.Plan.QuestionPages.Take(3).SelectMany(p => p.Items).Count(p => SurveyDriver.Pattern(p.Index) == QuestionsModel.DontKnow);
        Assert.Contains($"{answeredSoFar} of {survey.Plan.ItemCount} statements answered, &quot;Don&#x27;t know&quot; for {dontKnowSoFar}.", welcome);

        Assert.Equal($"/s/{survey.Token}/4", await later.Start(survey.Token));

        // Every choice comes back checked, "Don't know" included.
        var pages = new[] { await later.GetPage($"/s/{survey.Token}/1"), await later.GetPage($"/s/{survey.Token}/2"), await later.GetPage($"/s/{survey.Token}/3") };
        var dontKnows = 0;
        for (var number = 1; number <= 3; number++)
        {
            foreach (var placed in survey.Plan.QuestionPages[number - 1].Items)
            {
                Assert.Contains($"name=\"Answers[{placed.Item.Id}]\" value=\"{SurveyDriver.Pattern(placed.Index)}\" checked=\"checked\"", pages[number - 1]);
                dontKnows += SurveyDriver.Pattern(placed.Index) == QuestionsModel.DontKnow ? 1 : 0;
            }

            Assert.Equal(survey.Plan.QuestionPages[number - 1].Items.Count, Regex.Count(pages[number - 1], "checked=\"checked\""));
        }

        Assert.InRange(dontKnows, 1, 30); // the pattern put some "Don't know" on these pages
    }

    [Fact]
    public async Task BackSavesThePageAndReturnsToThePreviousOne()
    {
        var survey = app.Seed();
        var client = app.Respondent(out var secret);
        await client.Start(survey.Token);

        var back = await client.AnswerPage(survey.Token, survey.Plan, 1, _ => "5", go: "back");
        Assert.Equal($"/s/{survey.Token}", back.Headers.Location!.ToString());
        var back2 = await client.AnswerPage(survey.Token, survey.Plan, 2, _ => "2", go: "back");
        Assert.Equal($"/s/{survey.Token}/1", back2.Headers.Location!.ToString());

        var answers = app.DraftOf(survey.InvitationId, secret)!.Answers;
        Assert.All(survey.Plan.QuestionPages[0].Items, p => Assert.Equal(5, answers[p.Index]));
        Assert.All(survey.Plan.QuestionPages[1].Items, p => Assert.Equal(2, answers[p.Index]));
    }

    [Fact]
    public async Task TheReviewPageListsEveryUnansweredStatementWithALinkBackToItsPage()
    {
        var survey = app.Seed();
        var skipped = new[] { "STC3", "OUT2" };
        var dontKnow = "MOT2";
        var skippedIndexes = skipped.Select(id => SurveyDriver.ItemIndex(survey.Plan, id)).ToHashSet();
        var dontKnowIndex = SurveyDriver.ItemIndex(survey.Plan, dontKnow);

        var review = await app.Browser().AnswerAll(survey.Token, survey.Plan,
            i => skippedIndexes.Contains(i) ? null : i == dontKnowIndex ? QuestionsModel.DontKnow : "4", comment: null);

        Assert.Contains($"You answered {survey.Plan.ItemCount - 3} of {survey.Plan.ItemCount} statements", review);
        Assert.Contains($"href=\"/s/{survey.Token}/2#item-STC3\">{Encoded(SurveyDriver.Item(survey.Plan, "STC3").Text)}</a>", review);
        Assert.Contains($"href=\"/s/{survey.Token}/9#item-OUT2\">{Encoded(SurveyDriver.Item(survey.Plan, "OUT2").Text)}</a>", review);
        Assert.DoesNotContain("#item-STR1\"", review);
        // "Don't know" is an answer the respondent chose: counted apart, not listed as skipped.
        Assert.Contains($"You answered {survey.Plan.ItemCount - 3} of {survey.Plan.ItemCount} statements and chose &quot;Don&#x27;t know&quot; for 1.", review);
        Assert.DoesNotContain("#item-MOT2\"", review);
        Assert.Equal(2, Regex.Count(review, "#item-"));
        Assert.Contains("No comment", review);
    }

    [Fact]
    public async Task SubmittingTwiceFromTheSamePageLeavesOneResponseAndSaysTheAnswersAreIn()
    {
        var survey = app.Seed();
        var client = app.Browser();
        var review = await client.AnswerAll(survey.Token, survey.Plan, SurveyDriver.Pattern, "once");
        var antiforgery = Html.Antiforgery(review);

        var first = await client.PostForm($"/s/{survey.Token}/review", antiforgery, []);
        var second = await client.PostForm($"/s/{survey.Token}/review", antiforgery, []); // the back button, or a double click

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Your answers are in", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, app.Service(db => db.SealedSubmissions.Count(r => r.AssessmentId == survey.AssessmentId)));
    }

    [Fact]
    public async Task TwoBrowsersSubmittingTheSamePageAtTheSameMomentLeaveExactlyOneResponse()
    {
        var survey = app.Seed();
        var phone = app.Browser();
        var laptop = app.Browser();
        var phoneReview = await phone.AnswerAll(survey.Token, survey.Plan, SurveyDriver.Pattern, "from the phone");
        var laptopReview = await laptop.GetPage($"/s/{survey.Token}/review");

        var results = await Task.WhenAll(
            phone.PostForm($"/s/{survey.Token}/review", Html.Antiforgery(phoneReview), []),
            laptop.PostForm($"/s/{survey.Token}/review", Html.Antiforgery(laptopReview), []));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Redirect);
        var other = Assert.Single(results, r => r.StatusCode != HttpStatusCode.Redirect);
        Assert.Contains("Answers were already submitted for this link", await other.Content.ReadAsStringAsync());
        Assert.Equal(1, app.Service(db => db.SealedSubmissions.Count(r => r.AssessmentId == survey.AssessmentId)));
        // The browser that won holds the one receipt (the other's draft, if it had one, stays sealed until close).
        Assert.Equal(1, app.Service(db => db.SurveyDrafts.Count(d => d.InvitationId == survey.InvitationId && d.Submitted)));
    }

    [Fact]
    public async Task ASubmissionThatFindsTheInvitationAlreadySubmittedStoresNothing()
    {
        // Both requests got past the page's check before either flipped the invitation: only the atomic flip decides.
        var survey = app.Seed();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var seal = scope.ServiceProvider.GetRequiredService<SubmissionSeal>();
        var first = (await SurveyLink.FindAsync(db, survey.Token, DraftSeal.NewBrowserSecret(), CancellationToken.None))!;
        var second = (await SurveyLink.FindAsync(db, survey.Token, DraftSeal.NewBrowserSecret(), CancellationToken.None))!;
        first.Draft = new DraftContent(new byte[survey.Plan.ItemCount], "first", 1);
        second.Draft = new DraftContent(new byte[survey.Plan.ItemCount], "second", 1);

        Assert.True(await SurveySubmission.SubmitAsync(db, seal, first));
        Assert.False(await SurveySubmission.SubmitAsync(db, seal, second));

        await app.CloseAndReleaseAsync(survey.AssessmentId);
        var comments = app.Service(db => db.SurveyResponses.Where(r => r.AssessmentId == survey.AssessmentId).Select(r => r.Comment).ToList());
        Assert.Equal(["first"], comments);
    }

    [Theory]
    [InlineData("/s/not-a-token")]
    [InlineData("/s/AAAAAAAAAAAAAAAAAAAA%3C%3E")] // 22 characters, but not all URL-safe
    [InlineData("/s/not-a-token/1")]
    [InlineData("/s/not-a-token/review")]
    public async Task AMalformedLinkIsNotFoundWithAClearPage(string url)
    {
        var page = await app.Browser().GetPage(url, HttpStatusCode.NotFound);
        Assert.Contains("This survey link does not work", page);
        Assert.Contains("<header class=\"top\">", page); // the site's layout...
        Assert.DoesNotContain("href=\"/signin\"", page); // ...for respondents: no admin navigation
    }

    [Fact]
    public async Task AnUnknownTokenIsNotFoundOnEveryPageAndCannotSubmit()
    {
        var unknown = Data.Tokens.New();
        foreach (var url in new[] { $"/s/{unknown}", $"/s/{unknown}/1", $"/s/{unknown}/comment", $"/s/{unknown}/review" })
        {
            Assert.Contains("This survey link does not work", await app.Browser().GetPage(url, HttpStatusCode.NotFound));
        }

        // A forged submit with a valid antiforgery token from a real survey page.
        var real = app.Seed();
        var client = app.Browser();
        var firstPage = await client.GetPage($"/s/{real.Token}/1");
        var forged = await client.PostForm($"/s/{unknown}/review", Html.Antiforgery(firstPage), []);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(0, app.Service(db => db.SurveyResponses.Count(r => r.AssessmentId == real.AssessmentId)));
    }

    [Fact]
    public async Task ALinkOfAnAssessmentNotYetOpenedIsNotFound()
    {
        var survey = app.Seed(status: AssessmentStatus.Draft);
        await app.Browser().GetPage($"/s/{survey.Token}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AClosedAssessmentShowsTheClosedPageOnEveryStepAndAcceptsNothing()
    {
        var survey = app.Seed(status: AssessmentStatus.Closed);
        foreach (var path in new[] { "", "/1", "/comment", "/review" })
        {
            var page = await app.Browser().GetPage($"/s/{survey.Token}{path}", HttpStatusCode.Gone);
            Assert.Contains("This survey has closed", page);
            Assert.Contains("Spring pulse", page);
        }
    }

    [Fact]
    public async Task AnAssessmentPastItsCloseDateIsClosedEvenBeforeAnAdminClosesIt()
    {
        var yesterday = app.Seed(closeDate: TodayUtc.AddDays(-1));
        var today = app.Seed(closeDate: TodayUtc);

        Assert.Contains("This survey has closed", await app.Browser().GetPage($"/s/{yesterday.Token}", HttpStatusCode.Gone));
        Assert.Contains("Start", await app.Browser().GetPage($"/s/{today.Token}")); // the close date is the last day to answer
    }

    [Fact]
    public async Task ClosingWhileSomeoneIsAnsweringRefusesTheirNextPageAndTheirSubmit()
    {
        var survey = app.Seed();
        var client = app.Browser();
        var review = await client.AnswerAll(survey.Token, survey.Plan, SurveyDriver.Pattern, null);
        app.Service(db => db.Assessments.Where(a => a.Id == survey.AssessmentId)
            .ExecuteUpdate(s => s.SetProperty(a => a.Status, AssessmentStatus.Closed)));

        var submit = await client.PostForm($"/s/{survey.Token}/review", Html.Antiforgery(review), []);

        Assert.Equal(HttpStatusCode.Gone, submit.StatusCode);
        Assert.Contains("This survey has closed", await submit.Content.ReadAsStringAsync());
        Assert.Equal(0, app.Service(db => db.SurveyResponses.Count(r => r.AssessmentId == survey.AssessmentId)));
        Assert.Equal(0, app.Service(db => db.SealedSubmissions.Count(r => r.AssessmentId == survey.AssessmentId)));
    }

    [Fact]
    public async Task AfterAFullSurveyNoLogLineContainsTheTokenItsHashOrTheComment()
    {
        var survey = app.Seed();
        const string comment = "Pay sellers on margin-7431 not on bookings";
        var submitted = await app.Browser().TakeSurvey(survey.Token, survey.Plan, SurveyDriver.Pattern, comment);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        var lines = app.Logs.Lines;
        Assert.Contains(lines, l => l.Contains("POST /s/…/review responded 302", StringComparison.Ordinal)); // requests are logged, redacted
        Assert.DoesNotContain(lines, l => l.Contains(survey.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(Data.Tokens.Hash(survey.Token), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains("margin-7431", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SurveyPagesAreNotCachedAndLogNoCacheHeaderWarningOnEveryPage()
    {
        var survey = app.Seed();
        var client = app.Browser();
        var response = await client.GetAsync($"/s/{survey.Token}");
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Equal(HttpStatusCode.Redirect, (await client.TakeSurvey(survey.Token, survey.Plan, _ => "4")).StatusCode);

        // Antiforgery logs a warning when a page's own cache headers differ from its own; at load that line per page was costly.
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Antiforgery", StringComparison.Ordinal) && l.Contains("Cache-Control", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResponsesHaveRandomIdsThatAreNeitherSequentialNorTimeOrdered()
    {
        var survey = app.Seed(invitations: 4, quick: true);
        foreach (var token in survey.Tokens)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(token, survey.Plan, _ => "3")).StatusCode);
        }

        Assert.All(app.Service(db => db.SealedSubmissions.Where(r => r.AssessmentId == survey.AssessmentId).Select(r => r.Id).ToList()), id => Assert.Equal(4, id.Version));
        await app.CloseAndReleaseAsync(survey.AssessmentId);
        var ids = app.Service(db => db.SurveyResponses.Where(r => r.AssessmentId == survey.AssessmentId).Select(r => r.Id).ToList());
        Assert.Equal(4, ids.Count);
        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(4, id.Version)); // version 4: random; version 7 (or SQL Server's sequential ids) would reveal the order
        Assert.Empty(ids.Intersect(survey.InvitationIds));
    }

    [Fact]
    public async Task AnAnswerOffTheScaleIsRefusedWithTheStatementNamedAndTheOtherChoicesKept()
    {
        var survey = app.Seed();
        var client = app.Browser();
        await client.Start(survey.Token);
        var page = await client.GetPage($"/s/{survey.Token}/1");

        var response = await client.PostForm($"/s/{survey.Token}/1", Html.Antiforgery(page),
        [
            new("Answers[STR1]", "9"), new("Answers[STR2]", "x"), new("Answers[STR3]", "4"), new("Answers[STR4]", "dk"), new("go", "next"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-STR1\"", body);
        Assert.Contains("id=\"error-STR2\"", body);
        Assert.Contains($"The answer to &quot;{Encoded(SurveyDriver.Item(survey.Plan, "STR1").Text)}&quot; is not one of the choices", body);
        Assert.DoesNotContain("id=\"error-STR3\"", body);
        Assert.Contains("name=\"Answers[STR3]\" value=\"4\" checked=\"checked\"", body);
        Assert.Contains("name=\"Answers[STR4]\" value=\"dk\" checked=\"checked\"", body);
        Assert.DoesNotContain("name=\"Answers[STR1]\" value=\"5\" checked", body);
        // The page is not saved until every answer can be used: no draft yet, and the invitation is not started.
        Assert.False(app.Service(db => db.SurveyDrafts.Any(d => d.InvitationId == survey.InvitationId)));
        Assert.Equal(InvitationState.Invited, app.Service(db => db.Invitations.Single(i => i.Id == survey.InvitationId).State));
    }

    [Fact]
    public async Task ACommentOverTwoThousandCharactersIsRefusedAndKeptAsTyped()
    {
        var survey = app.Seed();
        var client = app.Respondent(out var secret);
        await client.Start(survey.Token);
        var tooLong = "Shorter approvals. " + new string('x', 1990);

        var response = await client.PostForm($"/s/{survey.Token}/comment", [new("Comment", tooLong), new("go", "next")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("What one change would most improve how we sell?&quot; is 2,009 characters long", body);
        Assert.Contains(">" + tooLong + "</textarea>", body);
        Assert.False(app.Service(db => db.SurveyDrafts.Any(d => d.InvitationId == survey.InvitationId))); // nothing saved

        var exactly = new string('y', 1000) + "\r\n" + new string('z', 999); // 2,000 characters once the line break counts as one
        var accepted = await client.PostForm($"/s/{survey.Token}/comment", [new("Comment", exactly), new("go", "next")]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(2000, app.DraftOf(survey.InvitationId, secret)!.Comment!.Length);
    }

    [Fact]
    public async Task TheWelcomePageSaysWhatTheOrganizationSeesWithItsMinimumGroupSize()
    {
        var survey = app.Seed(minimumGroupSize: 7);
        var response = await app.Browser().GetAsync($"/s/{survey.Token}");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your answers are stored without your name", page);
        Assert.Contains("Results are shown only for groups of at least 7 people.", page);
        Assert.Contains("Your comment is shown word for word</strong>, but only once at least 7 people have answered", page);
        Assert.Contains("The organization sees only counts of who has answered", page);
        Assert.Contains("About 10 minutes, 11 pages: 56 statements on 9 pages", page);
        Assert.Contains($"<a class=\"button start\" href=\"/s/{survey.Token}/1\">Start</a>", page);
        Assert.DoesNotContain("href=\"/signin\"", page);
        Assert.DoesNotContain("href=\"/assessments\"", page);
        Assert.True(response.Headers.CacheControl?.NoStore); // answers never stay in a shared computer's cache
    }

    [Fact]
    public async Task SurveyPagesLoadNothingFromOtherHostsAndSendNoReferrer()
    {
        var survey = app.Seed();
        var client = app.Browser();
        await client.Start(survey.Token);
        foreach (var path in new[] { "", "/1", "/9", "/comment", "/review" })
        {
            var response = await client.GetAsync($"/s/{survey.Token}{path}");
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("default-src 'self';", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.DoesNotMatch("(src|href|action)=\"(https?:)?//", page);
            Assert.DoesNotContain("<script", page);
            Assert.DoesNotContain("style=", page);
        }
    }

    [Fact]
    public async Task EachStatementIsAFieldsetWithALegendAndLabelledChoicesIncludingDontKnow()
    {
        var survey = app.Seed();
        var client = app.Browser();
        await client.Start(survey.Token);
        var page = await client.GetPage($"/s/{survey.Token}/3");

        var items = survey.Plan.QuestionPages[2].Items;
        Assert.Equal("Operations", survey.Plan.QuestionPages[2].Title);
        Assert.Equal(items.Count, Regex.Count(page, "<fieldset class=\"item\""));
        Assert.Equal(items.Count, Regex.Count(page, "<legend>"));
        foreach (var placed in items)
        {
            Assert.Contains($"<legend>{Encoded(placed.Item.Text)}</legend>", page);
            Assert.Equal(6, Regex.Count(page, $"<label><input type=\"radio\" name=\"Answers\\[{placed.Item.Id}\\]\""));
        }

        Assert.Contains("Strongly disagree</label>", page);
        Assert.Contains("Don't know</label>", page);
        Assert.Contains("<progress id=\"survey-progress\" max=\"11\" value=\"3\">Page 3 of 11</progress>", page);
        Assert.Contains("<label for=\"survey-progress\">Page 3 of 11</label>", page);
        Assert.Matches("<button type=\"submit\" name=\"go\" value=\"next\">Next</button>\\s*<button type=\"submit\" name=\"go\" value=\"back\"", page);
    }

    [Fact]
    public async Task TheQuickFormHasOnePagePerDriverAndNoOutcomePage()
    {
        var survey = app.Seed(quick: true);
        Assert.Equal(8, survey.Plan.QuestionPages.Count);
        var client = app.Browser();
        await client.Start(survey.Token);
        var page = await client.GetPage($"/s/{survey.Token}/8");
        Assert.Contains("Page 8 of 10", page);
        Assert.Equal(2, Regex.Count(page, "<fieldset class=\"item\""));
        await client.GetPage($"/s/{survey.Token}/9", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AfterSubmittingEveryPageOfTheLinkSaysTheAnswersAreInInTheBrowserThatSubmitted()
    {
        var survey = app.Seed(quick: true);
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.TakeSurvey(survey.Token, survey.Plan, _ => "2")).StatusCode);

        foreach (var path in new[] { "", "/1", "/comment", "/review" })
        {
            Assert.Contains("Your answers are in", await client.GetPage($"/s/{survey.Token}{path}"));
        }
    }

    [Fact]
    public async Task WhoeverElseOpensALinkSeesNeitherTheSavedAnswersNorTheProgressNorWhetherItWasSubmitted()
    {
        // The admin holds every link when there is no mail server: opening one must tell them nothing.
        var survey = app.Seed(invitations: 2);
        var respondent = app.Browser();
        await respondent.Start(survey.Tokens[0]);
        for (var number = 1; number <= 3; number++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await respondent.AnswerPage(survey.Tokens[0], survey.Plan, number, _ => "5")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(survey.Tokens[1], survey.Plan, _ => "1", "only mine")).StatusCode);

        var admin = app.Browser();
        var untouched = app.Seed(); // a link nobody opened, for comparison
        var fresh = Normalized(await admin.GetPage($"/s/{untouched.Token}"), untouched.Token);
        foreach (var token in survey.Tokens)
        {
            var welcome = await admin.GetPage($"/s/{token}");
            Assert.DoesNotContain("Welcome back", welcome);
            Assert.DoesNotContain("Your answers are in", welcome);
            Assert.Equal($"/s/{token}/1", await admin.Start(token));
            Assert.Equal(fresh, Normalized(welcome, token)); // the same page as a link never opened
            var page = await admin.GetPage($"/s/{token}/1");
            Assert.DoesNotContain("checked=\"checked\"", page);
            Assert.DoesNotContain("only mine", await admin.GetPage($"/s/{token}/comment"));
        }

        // Submitting with a link already used stores nothing and says so only then.
        var review = await admin.AnswerAll(survey.Tokens[1], survey.Plan, _ => "3", "padding");
        var refused = await admin.PostForm($"/s/{survey.Tokens[1]}/review", Html.Antiforgery(review), []);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Answers were already submitted for this link", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, app.Service(db => db.SealedSubmissions.Count(r => r.AssessmentId == survey.AssessmentId)));

        // The respondent's own browser still has everything.
        Assert.Contains("Welcome back", await respondent.GetPage($"/s/{survey.Tokens[0]}"));
        Assert.Equal(survey.Plan.QuestionPages[0].Items.Count, Regex.Count(await respondent.GetPage($"/s/{survey.Tokens[0]}/1"), "value=\"5\" checked=\"checked\""));

        static string Normalized(string page, string token) =>
            Regex.Replace(page.Replace(token, "TOKEN", StringComparison.Ordinal), "name=\"__RequestVerificationToken\"[^>]*", "")
                .Replace("Survey Co ", "", StringComparison.Ordinal) is var named ? Regex.Replace(named, "[0-9a-f]{6}", "ORG") : "";
    }
}

public sealed class SurveyRateLimitTests
{
    [Fact]
    public async Task EverySurveyPageIsRateLimited()
    {
        await using var app = new AppFactory();
        app.Settings["SalesWheel:RateLimits:SurveyPerMinute"] = "3";
        var survey = app.Seed();
        var client = app.Browser();
        for (var i = 0; i < 3; i++)
        {
            await client.GetPage($"/s/{survey.Token}");
        }

        foreach (var path in new[] { "", "/1", "/comment", "/review" })
        {
            var response = await client.GetAsync($"/s/{survey.Token}{path}");
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }

        await client.GetPage("/quick"); // other pages are not held back by the survey's limit
    }
}
