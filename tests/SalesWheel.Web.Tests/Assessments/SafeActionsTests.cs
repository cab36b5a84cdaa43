using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Infrastructure;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Assessments;

/// <summary>
/// Open, remind and close are safe to repeat and to misclick: each POST redirects to a GET page (a reload repeats
/// nothing), links made for the admin stay readable for a short time without being made again, and remind and close
/// ask first, with counts. (No mail server here: the links reach the admin; SmtpReminderTests has the emailed case.)
/// </summary>
public sealed class SafeActionsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ReloadingThePageAfterOpeningShowsTheSameLinksAndInvitesNobodyAgain()
    {
        var (owner, org) = await app.NewOrganization("Reload Open Co");
        var people = app.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Reload open");

        var posted = await owner.Act(id, "Open");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var linksPage = posted.Headers.Location!.ToString();
        Assert.Matches($"^/assessments/{id}/links/[A-Za-z0-9_-]{{22}}$", linksPage);
        var first = await owner.GetPage(linksPage);
        var again = await owner.GetPage(linksPage); // the reload

        var tokens = AssessmentKit.TokensIn(first);
        Assert.Equal(3, tokens.Count);
        Assert.Equal(tokens.Order(), AssessmentKit.TokensIn(again).Order());
        Assert.Equal(3, app.Invitations(id).Count);
        Assert.All(people, p => Assert.Single(app.EmailsTo(p.Email)));
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "assessment opened")));
        var invitationIds = app.Invitations(id).Select(i => i.Id).ToList();
        Assert.Equal(0, app.Service(db => db.InvitationTokens.Count(t => invitationIds.Contains(t.InvitationId))));
    }

    [Fact]
    public async Task ReloadingThePageAfterARemindSendsNothingAgainAndMakesNoFurtherLinks()
    {
        var (owner, org) = await app.NewOrganization("Reload Remind Co");
        var people = app.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Reload remind");
        await owner.ActAndRead(id, "Open");

        var posted = await owner.Act(id, "Remind");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var first = await owner.GetPage(posted.Headers.Location!.ToString());
        var again = await owner.GetPage(posted.Headers.Location!.ToString());

        Assert.Equal(AssessmentKit.TokensIn(first).Order(), AssessmentKit.TokensIn(again).Order());
        Assert.Equal(3, AssessmentKit.TokensIn(again).Count);
        Assert.All(people, p => Assert.Single(app.EmailsTo(p.Email), e => e.Contains("Reminder", StringComparison.Ordinal)));
        var invitationIds = app.Invitations(id).Select(i => i.Id).ToList();
        Assert.Equal(3, app.Service(db => db.InvitationTokens.Count(t => invitationIds.Contains(t.InvitationId))));
        Assert.All(app.Invitations(id), i => Assert.Equal(1, i.RemindersSent));
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "reminder sent")));
    }

    [Fact]
    public async Task ClosingRedirectsToTheAssessmentPageWhoseReloadChangesNothing()
    {
        var (owner, org) = await app.NewOrganization("Reload Close Co");
        app.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Reload close");
        await owner.ActAndRead(id, "Open");

        var posted = await owner.Act(id, "Close");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal($"/assessments/{id}", posted.Headers.Location!.ToString());
        var page = await owner.GetPage($"/assessments/{id}");
        await owner.GetPage($"/assessments/{id}");

        Assert.Contains("The assessment is closed.", Html.Parse(page).One("[role='status']").Text());
        Assert.Equal(AssessmentStatus.Closed, app.Assessment(id).Status);
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "assessment closed")));
    }

    [Fact]
    public async Task TheFirstEmailsLinkStillOpensTheSurveyAfterTwoRemindersAndARepostedOne()
    {
        // The reported fault: after reminders (and a reload that re-posted one), the first email's link said "This
        // survey link does not work". Every earlier link must keep opening the survey, with what was saved through it.
        var (owner, org) = await app.NewOrganization("First Link Co");
        var person = app.AddPeople(org, "East", PersonRole.Seller, 1).Single();
        var id = await owner.CreateAssessment("First link", instrument: "quick");
        await owner.ActAndRead(id, "Open");
        var firstLink = AssessmentKit.TokensIn(Assert.Single(app.EmailsTo(person.Email))).Single();
        var respondent = app.Browser();
        var plan = SurveyPlan.For(app.Assessment(id));
        await respondent.Start(firstLink);
        Assert.Equal(HttpStatusCode.Redirect, (await respondent.AnswerPage(firstLink, plan, 1, _ => "4")).StatusCode);

        await owner.ActAndRead(id, "Remind");
        var second = await owner.Act(id, "Remind");
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Act(id, "Remind")).StatusCode); // what a reload of the old POST page did

        var emails = app.EmailsTo(person.Email);
        Assert.Equal(4, emails.Count);
        foreach (var token in emails.SelectMany(AssessmentKit.TokensIn))
        {
            var welcome = await respondent.GetPage($"/s/{token}");
            Assert.DoesNotContain("does not work", welcome);
            Assert.Contains("Continue", Html.Parse(welcome).One("main").Text()); // the page saved through the first link is there
        }

        Assert.Equal(Tokens.Hash(firstLink), Assert.Single(app.Invitations(id)).TokenHash);
    }

    [Fact]
    public async Task TheRemindConfirmationCountsEveryoneWithoutAMailServerAndChangesNothingUntilConfirmed()
    {
        var (owner, org) = await app.NewOrganization("Confirm Remind Co");
        var people = app.AddPeople(org, "East", PersonRole.Seller, 4);
        var id = await owner.CreateAssessment("Confirm remind");
        await owner.ActAndRead(id, "Open");
        app.Service(db =>
        {
            db.Invitations.Single(i => i.AssessmentId == id && i.PersonId == people[0].Id).State = InvitationState.Submitted;
            return db.SaveChanges();
        });
        var detail = Html.Parse(await owner.GetPage($"/assessments/{id}"));
        Assert.Empty(detail.QuerySelectorAll("form[action*='handler=Remind'], form[action*='handler=Close']")); // one click cannot remind or close
        Assert.NotNull(detail.QuerySelector($"a[href='/assessments/{id}/remind']"));

        var page = Html.Parse(await owner.GetPage($"/assessments/{id}/remind"));

        Assert.Equal("Make reminder links for all 4 people invited?", page.One("h1").Text());
        Assert.Contains("the 1 who has answered included", page.One("[data-consequence]").Text());
        Assert.Contains("would tell you who has answered", page.DocumentElement.Text());
        var form = page.One("section.confirm form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal($"/assessments/{id}?handler=Remind", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
        Assert.Equal("Make 4 reminder links", form.One("button").Text());
        Assert.Equal($"/assessments/{id}", form.One("a").GetAttribute("href"));
        Assert.All(people, p => Assert.DoesNotContain(app.EmailsTo(p.Email), e => e.Contains("Reminder", StringComparison.Ordinal)));
        Assert.All(app.Invitations(id), i => Assert.Equal(0, i.RemindersSent));
        Assert.Equal(0, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "reminder sent")));
    }

    [Fact]
    public async Task TheCloseConfirmationSaysHowManyAnsweredAndChangesNothingUntilConfirmed()
    {
        var (owner, org) = await app.NewOrganization("Confirm Close Co");
        app.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Confirm close", instrument: "quick");
        var tokens = AssessmentKit.TokensIn(await owner.ActAndRead(id, "Open"));
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(tokens[0], SurveyPlan.For(app.Assessment(id)), _ => "4")).StatusCode);

        var page = Html.Parse(await owner.GetPage($"/assessments/{id}/close"));
        await owner.GetPage($"/assessments/{id}/close");

        Assert.Equal("Close now: 1 of 3 answered; this cannot be undone", page.One("h1").Text());
        Assert.Contains("no results will be shown", page.DocumentElement.Text());
        var form = page.One("section.confirm form");
        Assert.Equal($"/assessments/{id}?handler=Close", form.GetAttribute("action"));
        Assert.Equal("Close now", form.One("button").Text());
        Assert.Equal(AssessmentStatus.Open, app.Assessment(id).Status);
        Assert.Equal(0, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "assessment closed")));

        var closed = await owner.PostForm(form.GetAttribute("action")!, Html.Antiforgery(page.DocumentElement.OuterHtml), []);
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        Assert.Equal(AssessmentStatus.Closed, app.Assessment(id).Status);
        Assert.Contains("already closed", Html.Parse(await owner.GetPage($"/assessments/{id}/close")).One("[role='status']").Text());
    }

    [Fact]
    public async Task TheLinksPageAndTheConfirmationsAreNotFoundForAnotherMemberOrOrganizationAndRefusedToViewers()
    {
        var (owner, org) = await app.NewOrganization("Private Links Co");
        app.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Private links");
        var linksPage = (await owner.Act(id, "Open")).Headers.Location!.ToString();
        var (stranger, _) = await app.NewOrganization("Stranger Co");
        var otherAdmin = await app.NewViewer(org);
        app.Service(db =>
        {
            var memberships = db.Memberships.Where(m => m.OrganizationId == org && m.Role == MemberRole.Viewer).ToList();
            memberships.ForEach(m => m.Role = MemberRole.Admin);
            return db.SaveChanges();
        });
        var viewer = await app.NewViewer(org);

        foreach (var other in new[] { stranger, otherAdmin })
        {
            var response = await other.GetAsync(linksPage);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Empty(AssessmentKit.TokensIn(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{id}/remind")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{id}/close")).StatusCode);
        await viewer.AssertForbidden(await viewer.GetAsync(linksPage));
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{id}/remind"));
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{id}/close"));
        Assert.Equal(3, AssessmentKit.TokensIn(await owner.GetPage(linksPage)).Count); // still there for the one who made them
    }

    [Fact]
    public async Task AfterFifteenMinutesTheLinksPageSaysTheyAreGoneAndHowToGetNewOnesWithoutMakingAny()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var timed = new AppFactory();
        timed.TestServices.Add(services => services.AddScoped(s => new ShownOnce(s.GetRequiredService<SalesWheel.Data.AppDbContext>(), s.GetRequiredService<SalesWheel.Data.SubmissionSeal>(), clock)));
        var (owner, org) = await timed.NewOrganization("Expiry Co");
        timed.AddPeople(org, "East", PersonRole.Seller, 2);
        var id = await owner.CreateAssessment("Expiry");
        var linksPage = (await owner.Act(id, "Open")).Headers.Location!.ToString();
        Assert.Equal(2, AssessmentKit.TokensIn(await owner.GetPage(linksPage)).Count);

        clock.Advance(ShownOnce.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(2, AssessmentKit.TokensIn(await owner.GetPage(linksPage)).Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        var response = await owner.GetAsync(linksPage);
        var gone = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("These links are no longer shown", Html.Parse(gone).One("h1").Text());
        Assert.Contains("download the latest personal links (CSV)", Html.Parse(gone).DocumentElement.Text());
        Assert.Empty(AssessmentKit.TokensIn(gone));
        var invitationIds = timed.Invitations(id).Select(i => i.Id).ToList();
        Assert.Equal(2, invitationIds.Count);
        Assert.Equal(0, timed.Service(db => db.InvitationTokens.Count(t => invitationIds.Contains(t.InvitationId))));
    }

    [Fact]
    public async Task TheApiRemindGivesEveryoneALinkWithoutAMailServerAndCountsWhoAnswered()
    {
        var (owner, org) = await app.NewOrganization("Api Remind Co");
        var people = app.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Api remind");
        await owner.ActAndRead(id, "Open");
        app.Service(db =>
        {
            db.Invitations.Single(i => i.AssessmentId == id && i.PersonId == people[0].Id).State = InvitationState.Submitted;
            return db.SaveChanges();
        });
        var api = app.Api(await owner.MakeToken("remind"));

        var answer = await api.Post($"/api/v1/assessments/{id}/remind");

        Assert.Equal(3, answer["reminded"]!.GetValue<int>());
        Assert.Equal(1, answer["answered"]!.GetValue<int>());
        Assert.Equal(3, answer["links"]!.AsArray().Count);
    }
}
