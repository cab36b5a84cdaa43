using System.Net;
using System.Text.RegularExpressions;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Survey;

/// <summary>The anonymous open link: one link for everyone, so no admin ever holds a link that belongs to a person.</summary>
public sealed partial class OpenLinkTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task EachBrowserAnswersOnceAsTheTeamAndRoleItChoseAndNoPersonalLinkExists()
    {
        var (owner, org) = await app.NewOrganization("Open Link Co");
        app.AddPeople(org, "East", PersonRole.Seller, 5);
        app.AddPeople(org, "West", PersonRole.Manager, 5);
        var id = await owner.CreateAssessment("Open pulse", instrument: "quick");
        var opened = await owner.ActAndRead(id, "OpenWithLink");
        var token = Assert.Single(AssessmentKit.OpenLinksIn(opened));
        Assert.Empty(AssessmentKit.TokensIn(opened)); // no personal link anywhere
        Assert.All(app.Invitations(id), i => Assert.Equal(InvitationKind.Headcount, i.Kind));
        var plan = SurveyPlan.For(app.Assessment(id));

        // A respondent picks a team and role; the browser gets a survey link of its own.
        var first = app.Browser();
        var welcome = await first.GetPage($"/o/{token}");
        Assert.Contains("<option value=\"East\">East</option>", welcome);
        Assert.Contains("<option value=\"seller\">seller</option>", welcome);
        Assert.Contains("groups of at least 5 people", welcome);
        var started = await first.PostForm($"/o/{token}", [new("Team", "East"), new("Role", "seller")]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var own = Regex.Match(started.Headers.Location!.ToString(), "^/s/([A-Za-z0-9_-]{22})/1$").Groups[1].Value;
        Assert.NotEmpty(own);
        Assert.Equal(HttpStatusCode.Redirect, (await first.TakeSurvey(own, plan, _ => "4", "from the open link")).StatusCode);

        // The same browser coming back is sent to its own survey, which says it is done: it cannot answer twice.
        var again = await first.GetAsync($"/o/{token}");
        Assert.Equal($"/s/{own}", again.Headers.Location!.ToString());
        Assert.Contains("Your answers are in", await first.GetPage($"/s/{own}"));

        // A choice that is not on the list is refused, named, and what was chosen is kept.
        var second = app.Browser();
        var refused = await second.PostForm($"/o/{token}", [new("Team", "Narnia"), new("Role", "manager")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("&quot;Narnia&quot; is not one of the teams of this survey", page);
        Assert.Contains("<option value=\"manager\" selected=\"selected\">", page);
        var notGiven = await second.PostForm($"/o/{token}", [new("Team", OpenLinkModel.NotGiven), new("Role", "manager")]);
        var secondOwn = notGiven.Headers.Location!.ToString()[3..25];
        Assert.Equal(HttpStatusCode.Redirect, (await second.TakeSurvey(secondOwn, plan, _ => "2")).StatusCode);

        // Five more browsers claim East sellers: six answers from a team of five are flagged.
        for (var b = 0; b < 5; b++)
        {
            var browser = app.Browser();
            var go = await browser.PostForm($"/o/{token}", [new("Team", "East"), new("Role", "seller")]);
            Assert.Equal(HttpStatusCode.Redirect, (await browser.TakeSurvey(go.Headers.Location!.ToString()[3..25], plan, _ => "3")).StatusCode);
        }

        var detail = await owner.GetPage($"/assessments/{id}");
        Assert.Contains("More answers than people", detail);
        Assert.Contains("East (more answers than people)", detail);
        Assert.Contains("7 of 10 submitted", detail);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.Act(id, "Close")).StatusCode);
        var responses = app.OpenedResponses(id).Select(r => new { r.Team, r.Role, r.Comment }).ToList();
        Assert.Equal(7, responses.Count);
        Assert.Equal(6, responses.Count(r => r.Team == "East" && r.Role == "seller"));
        Assert.Single(responses, r => r.Team == "" && r.Role == "manager");
        Assert.Single(responses, r => r.Comment == "from the open link");

        // Closed: the link says so; a made-up link is not found.
        Assert.Contains("This survey has closed", await app.Browser().GetPage($"/o/{token}", HttpStatusCode.Gone));
        Assert.Contains("This survey link does not work", await app.Browser().GetPage($"/o/{Data.Tokens.New()}", HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task TheApiOpensWithAnOpenLinkRefusesRemindersForItAndAnswersNotFoundForAnotherOrganization()
    {
        var (owner, org) = await app.NewOrganization("Open Api Co");
        app.AddPeople(org, "North", PersonRole.Seller, 5);
        var api = app.Api(await owner.MakeToken("admin"));
        var id = (await api.Post("/api/v1/assessments", new { name = "Api pulse", instrument = "quick" }, HttpStatusCode.Created)).Id();

        var (stranger, _) = await app.NewOrganization("Stranger Co");
        var strangerApi = app.Api(await stranger.MakeToken("admin"));
        await ApiKit.AssertProblem(await strangerApi.PostAsync($"/api/v1/assessments/{id}/open?delivery=open-link", null), HttpStatusCode.NotFound);
        await ApiKit.AssertProblem(await api.PostAsync($"/api/v1/assessments/{id}/open?delivery=carrier-pigeon", null), HttpStatusCode.BadRequest);
        Assert.Equal(AssessmentStatus.Draft, app.Assessment(id).Status);

        var opened = await api.Post($"/api/v1/assessments/{id}/open?delivery=open-link");
        var link = opened["openLink"]!.GetValue<string>();
        Assert.Matches("^https?://[^/]+/o/[A-Za-z0-9_-]{22}$", link);
        Assert.Empty(opened["links"]!.AsArray());
        Assert.Equal(200, (int)(await app.Browser().GetAsync(new Uri(link).AbsolutePath)).StatusCode);
        var reminder = await ApiKit.AssertProblem(await api.PostAsync($"/api/v1/assessments/{id}/remind", null), HttpStatusCode.Conflict);
        Assert.Contains("anonymous open link", reminder["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var participation = await api.Get($"/api/v1/assessments/{id}/participation");
        Assert.Equal(5, participation["overall"]!["invited"]!.GetValue<int>());
    }
}
