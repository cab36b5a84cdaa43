using System.Net;
using System.Net.Http.Json;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Plan;

public sealed class PlanApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AnAdminTokenCreatesReadsChangesAndDeletesAnActionWithTheSameRulesAndAuditAsThePages()
    {
        var (browser, org) = await app.NewOrganization("Api Plan Co");
        var (_, adminId, adminEmail) = await app.Member(browser, "Admin", "Ada Admin");
        var api = app.Api(await browser.MakeToken("plan"));
        var mailBefore = app.Mailbox(adminEmail).Count;

        var created = await api.Post("/api/v1/actions", new { title = "Coach live calls", driver = "enablement", facet = "coaching", owner = adminId, dueDate = "2030-06-30" }, HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal(("planned", "Ada Admin", adminId, "2030-06-30", false), (created["status"].Text(), created["owner"]!["name"].Text(), created["owner"]!["userId"].Text(), created["dueDate"].Text(), created["overdue"]!.GetValue<bool>()));
        Assert.Single(app.Mailbox(adminEmail).Skip(mailBefore));

        var read = await api.Get($"/api/v1/actions/{id}");
        Assert.Equal("Coach live calls", read["title"].Text());

        // PATCH changes only what is sent; "" empties an optional field.
        var changed = await api.Json(HttpMethod.Patch, $"/api/v1/actions/{id}", new { status = "done", facet = "", owner = "Sam from RevOps" });
        Assert.Equal(("done", "Sam from RevOps", "Coach live calls", "2030-06-30"), (changed["status"].Text(), changed["owner"]!["name"].Text(), changed["title"].Text(), changed["dueDate"].Text()));
        Assert.Null(changed["owner"]!["userId"]);
        Assert.Null(changed["facet"]);
        Assert.NotNull(changed["doneAt"]);

        var invalid = await ApiKit.AssertProblem(await api.PatchAsync($"/api/v1/actions/{id}", JsonContent.Create(new { title = "", driver = "pipeline", status = "finished" })), HttpStatusCode.BadRequest);
        Assert.Equal(["Say what will be done, in a short title."], ApiKit.FieldErrors(invalid, "title"));
        Assert.StartsWith("\"pipeline\" is not a driver", Assert.Single(ApiKit.FieldErrors(invalid, "driver")), StringComparison.Ordinal);
        Assert.StartsWith("\"finished\" is not a status", Assert.Single(ApiKit.FieldErrors(invalid, "status")), StringComparison.Ordinal);
        Assert.Equal("Coach live calls", Assert.Single(app.ActionsOf(org)).Title);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/actions/{id}")).StatusCode);
        await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/actions/{id}"), HttpStatusCode.NotFound);

        var audit = app.Audit(org);
        Assert.Contains("action added: \"Coach live calls\", Enablement / Sales Management and Coaching, owner Ada Admin, due 2030-06-30, planned", audit);
        Assert.Contains("action changed: \"Coach live calls\": facet: Sales Management and Coaching → (none); owner: Ada Admin → Sam from RevOps; status: planned → done", audit);
        Assert.Contains(audit, a => a.StartsWith("action removed: \"Coach live calls\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheListPagesAndFiltersByDriverOwnerAndStatus()
    {
        var (browser, _) = await app.NewOrganization("Api Filter Co");
        var api = app.Api(await browser.MakeToken("plan"));
        await api.Post("/api/v1/actions", new { title = "One", driver = "enablement", owner = "Sam" }, HttpStatusCode.Created);
        await api.Post("/api/v1/actions", new { title = "Two", driver = "enablement", status = "in-progress", dueDate = "2020-01-01" }, HttpStatusCode.Created);
        await api.Post("/api/v1/actions", new { title = "Three", driver = "training", owner = "Sam", status = "done" }, HttpStatusCode.Created);

        static string[] Titles(System.Text.Json.Nodes.JsonNode list) => [.. list["items"]!.AsArray().Select(i => i!["title"].Text()).Order(StringComparer.Ordinal)];

        var all = await api.Get("/api/v1/actions?pageSize=2");
        Assert.Equal((3, 2), (all["total"]!.GetValue<int>(), all["items"]!.AsArray().Count));
        Assert.Equal(["One", "Two"], Titles(await api.Get("/api/v1/actions?driver=enablement")));
        Assert.Equal(["One", "Three"], Titles(await api.Get("/api/v1/actions?owner=Sam")));
        Assert.Equal(["Three"], Titles(await api.Get("/api/v1/actions?status=done&owner=Sam")));
        var overdue = Assert.Single((await api.Get("/api/v1/actions?status=in-progress"))["items"]!.AsArray());
        Assert.True(overdue!["overdue"]!.GetValue<bool>());

        var badDriver = await ApiKit.AssertProblem(await api.GetAsync("/api/v1/actions?driver=pipeline"), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ApiKit.FieldErrors(badDriver, "driver"));
        var badStatus = await ApiKit.AssertProblem(await api.GetAsync("/api/v1/actions.csv?status=finished"), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ApiKit.FieldErrors(badStatus, "status"));
    }

    [Fact]
    public async Task TheCsvExportDefusesAFormulaLikeTitle()
    {
        var (browser, _) = await app.NewOrganization("Api Csv Co");
        var api = app.Api(await browser.MakeToken("plan"));
        await api.Post("/api/v1/actions", new { title = "@SUM(1+1)*cmd|' /C calc'!A0", driver = "motivation" }, HttpStatusCode.Created);

        var response = await api.GetAsync("/api/v1/actions.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var row = (await response.Content.ReadAsStringAsync()).Split("\r\n")[1];
        Assert.StartsWith("'@SUM(1+1)*cmd|' /C calc'!A0,Motivation,", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewerTokenReadsThePlanButEveryChangeAnswers403()
    {
        var (browser, org) = await app.NewOrganization("Api Viewer Plan Co");
        var admin = app.Api(await browser.MakeToken("admin"));
        var id = (await admin.Post("/api/v1/actions", new { title = "Ours", driver = "strategy" }, HttpStatusCode.Created)).Id();
        var viewer = app.Api(await browser.MakeToken("dashboard", "Viewer"));

        Assert.Equal(1, (await viewer.Get("/api/v1/actions"))["total"]!.GetValue<int>());
        Assert.Equal("Ours", (await viewer.Get($"/api/v1/actions/{id}"))["title"].Text());
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/actions.csv")).StatusCode);
        await ApiKit.AssertProblem(await viewer.PostAsync("/api/v1/actions", JsonContent.Create(new { title = "Theirs", driver = "strategy" })), HttpStatusCode.Forbidden);
        await ApiKit.AssertProblem(await viewer.PatchAsync($"/api/v1/actions/{id}", JsonContent.Create(new { title = "Changed" })), HttpStatusCode.Forbidden);
        await ApiKit.AssertProblem(await viewer.DeleteAsync($"/api/v1/actions/{id}"), HttpStatusCode.Forbidden);
        Assert.Equal("Ours", Assert.Single(app.ActionsOf(org)).Title);
    }

    [Fact]
    public async Task AnotherOrganizationsActionAnswers404OnEveryApiRouteAndNeverShowsInTheirLists()
    {
        var (them, theirOrg) = await app.NewOrganization("Api Their Plan Co");
        var theirs = (await app.Api(await them.MakeToken("theirs")).Post("/api/v1/actions", new { title = "Their secret plan", driver = "strategy" }, HttpStatusCode.Created)).Id();
        var theirAssessment = await them.CreateAssessment("Their wave");
        var (us, _) = await app.NewOrganization("Api Our Plan Co");
        var api = app.Api(await us.MakeToken("ours"));

        await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/actions/{theirs}"), HttpStatusCode.NotFound);
        await ApiKit.AssertProblem(await api.PatchAsync($"/api/v1/actions/{theirs}", JsonContent.Create(new { title = "Taken over" })), HttpStatusCode.NotFound);
        await ApiKit.AssertProblem(await api.DeleteAsync($"/api/v1/actions/{theirs}"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await api.Get("/api/v1/actions"))["total"]!.GetValue<int>());
        Assert.DoesNotContain("Their secret plan", await (await api.GetAsync("/api/v1/actions.csv")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var linked = await ApiKit.AssertProblem(await api.PostAsync("/api/v1/actions", JsonContent.Create(new { title = "Ours", driver = "strategy", assessmentId = theirAssessment.ToString() })), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ApiKit.FieldErrors(linked, "assessmentId"));
        var action = Assert.Single(app.ActionsOf(theirOrg));
        Assert.Equal(("Their secret plan", PlannedActionStatus.Planned), (action.Title, action.Status));
    }
}
