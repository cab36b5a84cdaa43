using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Api;

namespace SalesWheel.Web.Tests.Assessments;

/// <summary>"Run a follow-up": the next wave of a closed assessment, whole or as a pulse of 1–3 drivers.</summary>
public sealed class FollowUpTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Day(int fromToday) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(fromToday).ToString("yyyy-MM-dd");

    /// <summary>An organization with people in two teams and a closed assessment of East's sellers.</summary>
    private async Task<(HttpClient Owner, Guid Organization, Guid Closed)> ClosedAssessment(string organization, string instrument = "full")
    {
        var (owner, org) = await app.NewOrganization(organization);
        app.AddPeople(org, "East", PersonRole.Seller, 3);
        app.AddPeople(org, "West", PersonRole.Manager, 2);
        var id = await owner.CreateAssessment("Q1 health check", teams: ["East"], roles: ["Seller"], instrument: instrument);
        await owner.ActAndRead(id, "Open");
        Assert.Equal(HttpStatusCode.Redirect, (await owner.Act(id, "Close")).StatusCode);
        Assert.Equal(AssessmentStatus.Closed, app.Assessment(id).Status);
        return (owner, org, id);
    }

    private static async Task<HttpResponseMessage> PostFollowUp(HttpClient client, Guid id, string name, string[] drivers, string closeDate = "")
    {
        var form = await client.GetPage($"/assessments/{id}/follow-up");
        List<KeyValuePair<string, string>> fields = [new("Name", name), new("CloseDate", closeDate), .. drivers.Select(d => new KeyValuePair<string, string>("Drivers", d))];
        return await client.PostForm($"/assessments/{id}/follow-up", Html.Antiforgery(form), fields);
    }

    private static Guid CreatedId(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/assessments/[0-9a-f-]{36}$", location);
        return Guid.Parse(location["/assessments/".Length..]);
    }

    [Fact]
    public async Task AFollowUpOfAClosedAssessmentIsADraftAskingTheSameFormOfTheSamePeople()
    {
        var (owner, org, closed) = await ClosedAssessment("Follow Co", instrument: "quick");

        var detail = Html.Parse(await owner.GetPage($"/assessments/{closed}"));
        Assert.Equal($"/assessments/{closed}/follow-up", detail.QuerySelectorAll("a").Single(a => a.Text() == "Run a follow-up").GetAttribute("href"));
        var form = Html.Parse(await owner.GetPage($"/assessments/{closed}/follow-up"));
        Assert.Equal("Q1 health check \u2014 follow-up", form.One("input[name='Name']").GetAttribute("value"));

        var id = CreatedId(await PostFollowUp(owner, closed, "Q3 health check", []));

        var source = app.Assessment(closed);
        var followUp = app.Assessment(id);
        Assert.Equal((AssessmentStatus.Draft, "Q3 health check", org), (followUp.Status, followUp.Name, followUp.OrganizationId));
        Assert.Equal((source.QuickForm, source.InstrumentJson, source.AudienceTeams, source.AudienceRoles),
            (followUp.QuickForm, followUp.InstrumentJson, followUp.AudienceTeams, followUp.AudienceRoles));
        Assert.True(followUp.QuickForm);
        Assert.Contains(app.Service(db => db.AuditEntries.Where(e => e.OrganizationId == org).Select(e => e.Action + ": " + e.Detail).ToList()),
            entry => entry.StartsWith("follow-up created: Q3 health check: follows up Q1 health check with the same quick form", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APulseAsksOnlyTheChosenDriversWithAllTheirStatementsAndKeepsTheInstrumentsId()
    {
        var (owner, _, closed) = await ClosedAssessment("Pulse Co");

        // Ticked out of instrument order: the pulse keeps the instrument's order.
        var id = CreatedId(await PostFollowUp(owner, closed, "Enablement pulse", ["motivation", "enablement"]));

        var pulse = AssessmentScoring.InstrumentOf(app.Assessment(id));
        var full = BuiltInInstrument.Full;
        Assert.Equal(full.Id, pulse.Id);
        Assert.Equal(["enablement", "motivation"], pulse.Dimensions.Select(d => d.Id));
        Assert.Equal(full.Dimensions.Where(d => d.Id is "enablement" or "motivation").SelectMany(d => d.Items).Select(i => i.Id), pulse.Items.Select(i => i.Id));
        Assert.Equal(pulse.Items.Count(), SurveyPlan.For(app.Assessment(id)).ItemCount);

        // Opening it invites East's sellers, and the email gives the pulse's length, not the full instrument's.
        await owner.ActAndRead(id, "Open");
        Assert.Equal(3, app.Invitations(id).Count);
        var email = Assert.Single(app.EmailsTo(app.Invitations(id)[0].Email!), e => e.Contains("Enablement pulse", StringComparison.Ordinal));
        Assert.Contains($"{pulse.Items.Count()} statements", email);
    }

    [Fact]
    public async Task ADriverPickedOnThePlanPageArrivesTicked()
    {
        var (owner, _, closed) = await ClosedAssessment("Prefill Co");
        var form = Html.Parse(await owner.GetPage($"/assessments/{closed}/follow-up?driver=enablement&driver=nonsense"));
        Assert.Equal(["enablement"], form.QuerySelectorAll("input[name='Drivers'][checked]").Select(i => i.GetAttribute("value")));
    }

    [Fact]
    public async Task BadChoicesAreNamedUnderTheirFieldsWhatWasTypedIsKeptAndNothingIsCreated()
    {
        var (owner, org, closed) = await ClosedAssessment("Too Many Co");
        var before = app.Service(db => db.Assessments.Count(a => a.OrganizationId == org));

        var response = await PostFollowUp(owner, closed, "My pulse", ["strategy", "structure", "operations", "enablement"], closeDate: Day(-2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("at most 3 drivers (4 were chosen)", AssessmentKit.FieldError(page, "Drivers"));
        Assert.Contains("is in the past", AssessmentKit.FieldError(page, "CloseDate"));
        var document = Html.Parse(page);
        Assert.Equal("My pulse", document.One("input[name='Name']").GetAttribute("value"));
        Assert.Equal(["strategy", "structure", "operations", "enablement"], document.QuerySelectorAll("input[name='Drivers'][checked]").Select(i => i.GetAttribute("value")));
        Assert.Equal(before, app.Service(db => db.Assessments.Count(a => a.OrganizationId == org)));
    }

    [Fact]
    public async Task AnAssessmentStillOpenCannotBeFollowedUpOnThePageOrThroughTheApi()
    {
        var (owner, org) = await app.NewOrganization("Still Open Co");
        app.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Running");
        await owner.ActAndRead(id, "Open");

        var page = Html.Parse(await owner.GetPage($"/assessments/{id}/follow-up"));
        Assert.Contains("Only a closed assessment can be followed up", page.One("[role='alert']").Text());
        Assert.Empty(page.QuerySelectorAll("form input[name='Name']"));
        var posted = await PostFollowUp(owner, id, "Too early", []);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);

        var api = app.Api(await owner.MakeToken("follow-up"));
        var conflict = await api.PostAsync($"/api/v1/assessments/{id}/follow-up", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(1, app.Service(db => db.Assessments.Count(a => a.OrganizationId == org)));
    }

    [Fact]
    public async Task TheApiMakesTheSameFollowUpAndNamesBadDriversByField()
    {
        var (owner, org, closed) = await ClosedAssessment("Api Follow Co");
        var api = app.Api(await owner.MakeToken("follow-up"));

        var bad = await ApiKit.AssertProblem(await api.PostAsync($"/api/v1/assessments/{closed}/follow-up", JsonContent.Create(new { drivers = new[] { "enablement", "charisma" } })), HttpStatusCode.BadRequest);
        Assert.Contains("\u201ccharisma\u201d is not a driver", Assert.Single(ApiKit.FieldErrors(bad, "drivers")));

        var created = await api.PostAsync($"/api/v1/assessments/{closed}/follow-up", JsonContent.Create(new { drivers = new[] { "training" }, closeDate = Day(14) }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("Q1 health check \u2014 follow-up", body["name"]!.GetValue<string>());
        Assert.Equal("draft", body["status"]!.GetValue<string>());
        var id = body["id"]!.GetValue<Guid>();
        Assert.Equal(["training"], AssessmentScoring.InstrumentOf(app.Assessment(id)).Dimensions.Select(d => d.Id));
        Assert.Equal(org, app.Assessment(id).OrganizationId);
    }

    [Fact]
    public async Task AnotherOrganizationsAssessmentIsNotFoundOnThePageAndTheApiAndAViewerCannotFollowUp()
    {
        var (owner, org, closed) = await ClosedAssessment("Target Co");
        var (stranger, _) = await app.NewOrganization("Stranger Co");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{closed}/follow-up")).StatusCode);
        var signIn = await stranger.GetPage("/signin");
        var post = await stranger.PostForm($"/assessments/{closed}/follow-up", Html.Antiforgery(signIn), [new("Name", "Stolen")]);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var strangerApi = app.Api(await stranger.MakeToken("stranger"));
        Assert.Equal(HttpStatusCode.NotFound, (await strangerApi.PostAsync($"/api/v1/assessments/{closed}/follow-up", JsonContent.Create(new { }))).StatusCode);

        var viewer = await app.NewViewer(org);
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{closed}/follow-up"));
        var viewerPage = Html.Parse(await viewer.GetPage($"/assessments/{closed}"));
        Assert.DoesNotContain(viewerPage.QuerySelectorAll("a"), a => a.Text() == "Run a follow-up");
        var viewerApi = app.Api(await owner.MakeToken("read only", role: "Viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.PostAsync($"/api/v1/assessments/{closed}/follow-up", JsonContent.Create(new { }))).StatusCode);

        Assert.Equal(1, app.Service(db => db.Assessments.Count(a => a.OrganizationId == org)));
    }
}
