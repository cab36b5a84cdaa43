using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.People;

/// <summary>An organization's own roles and people attributes through the API: defined, given to people, and used as breakdowns with the same anonymity.</summary>
public sealed class RolesAndAttributesApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private List<AuditEntry> Audit(Guid organization, string action) =>
        app.Service(db => db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == organization && e.Action == action).ToList());

    [Fact]
    public async Task RolesAndAttributesDefinedThroughTheApiAreGivenToPeopleAddedThroughTheApi()
    {
        var (browser, organization) = await app.NewOrganization("Api Roles Co");
        var api = app.Api(await browser.MakeToken("hr sync"));

        var ae = await api.Post("/api/v1/organization/roles", new { name = "AE", family = "seller" }, HttpStatusCode.Created);
        await api.Post("/api/v1/organization/roles", new { name = "SDR", family = "Seller" }, HttpStatusCode.Created);
        await api.Post("/api/v1/organization/roles", new { name = "Sales Manager", family = "manager" }, HttpStatusCode.Created);
        var region = await api.Post("/api/v1/organization/attributes", new { name = "Region" }, HttpStatusCode.Created);
        await api.Post("/api/v1/organization/attributes", new { name = "Segment" }, HttpStatusCode.Created);

        var roles = (await api.Get("/api/v1/organization/roles")).AsArray();
        Assert.Equal(["Sales Manager manager", "AE seller", "SDR seller"], roles.Select(r => $"{r!["name"].Text()} {r["family"].Text()}"));
        Assert.Equal(["Region", "Segment"], (await api.Get("/api/v1/organization/attributes")).AsArray().Select(a => a!["name"].Text()));

        var person = await api.Post("/api/v1/people", new { name = "Ana Lopez", email = "ana@example.com", role = "ae", team = "East", attributes = new Dictionary<string, string> { ["region"] = "North", ["Segment"] = "SMB" } }, HttpStatusCode.Created);
        Assert.Equal(("AE", "seller"), (person["roleName"].Text(), person["role"].Text()));
        Assert.Equal("North", person["attributes"]!["Region"].Text());
        Assert.Equal("SMB", person["attributes"]!["Segment"].Text());
        Assert.Equal(ae.Id(), app.Service(db => db.People.Single(p => p.Id == person.Id()).RoleId));

        // Cleared with "", left out: kept; an unknown attribute or role is refused under its field, naming the organization's own.
        var changed = await api.Put($"/api/v1/people/{person.Id()}", new { name = "Ana Lopez", email = "ana@example.com", role = "AE", attributes = new Dictionary<string, string> { ["Region"] = "" } });
        Assert.Equal(["Segment"], changed["attributes"]!.AsObject().Select(a => a.Key));
        var unknown = await ApiKit.AssertProblem(await api.PostAsJsonAsync("/api/v1/people", new { name = "Bo", email = "bo@example.com", role = "Account Executive", attributes = new Dictionary<string, string> { ["Tenure"] = "1-2 years" } }), HttpStatusCode.BadRequest);
        Assert.Contains("AE, SDR", Assert.Single(ApiKit.FieldErrors(unknown, "role")), StringComparison.Ordinal);
        Assert.Contains("yours are Region, Segment", Assert.Single(ApiKit.FieldErrors(unknown, "attributes")), StringComparison.Ordinal);

        // The same rules as the settings page: a family's name, a taken name, an unknown family, a sixth attribute.
        var family = await ApiKit.AssertProblem(await api.PostAsJsonAsync("/api/v1/organization/roles", new { name = "ae", family = "boss" }), HttpStatusCode.BadRequest);
        Assert.Contains("already a role called AE", Assert.Single(ApiKit.FieldErrors(family, "name")), StringComparison.Ordinal);
        Assert.Contains("leader, manager, seller or ops & enablement", Assert.Single(ApiKit.FieldErrors(family, "family")), StringComparison.Ordinal);
        foreach (var name in new[] { "Tenure band", "Manager name", "Country" })
        {
            await api.Post("/api/v1/organization/attributes", new { name }, HttpStatusCode.Created);
        }

        var sixth = await ApiKit.AssertProblem(await api.PostAsJsonAsync("/api/v1/organization/attributes", new { name = "Language" }), HttpStatusCode.BadRequest);
        Assert.Contains("at most 5 attributes", Assert.Single(ApiKit.FieldErrors(sixth, "name")), StringComparison.Ordinal);

        // Renaming keeps the holders and their values; the role's people follow it to another family.
        var renamed = await api.Put($"/api/v1/organization/roles/{ae.Id()}", new { name = "Account Executive", family = "ops" });
        Assert.Equal(("Account Executive", "ops & enablement", 1), (renamed["name"].Text(), renamed["family"].Text(), renamed["people"]!.GetValue<int>()));
        await api.Put($"/api/v1/organization/attributes/{region.Id()}", new { name = "Sales region" });
        await api.Put($"/api/v1/people/{person.Id()}", new { name = "Ana Lopez", email = "ana@example.com", role = "account executive", attributes = new Dictionary<string, string> { ["sales region"] = "South" } });
        var read = await api.Get($"/api/v1/people/{person.Id()}");
        Assert.Equal(("Account Executive", "ops & enablement", "South", "SMB"), (read["roleName"].Text(), read["role"].Text(), read["attributes"]!["Sales region"].Text(), read["attributes"]!["Segment"].Text()));
        Assert.Equal(1, (await api.Get("/api/v1/organization/attributes")).AsArray().Single(a => a!["name"].Text() == "Sales region")!["people"]!.GetValue<int>());

        // Removing the role leaves its person in its family; removing the attribute takes its values.
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/organization/roles/{ae.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/organization/attributes/{region.Id()}")).StatusCode);
        read = await api.Get($"/api/v1/people/{person.Id()}");
        Assert.Equal(("ops & enablement", "ops & enablement"), (read["roleName"].Text(), read["role"].Text()));
        Assert.Equal(["Segment"], read["attributes"]!.AsObject().Select(a => a.Key));
        Assert.Equal(["Sales Manager", "SDR"], (await api.Get("/api/v1/organization/roles")).AsArray().Select(r => r!["name"].Text()));

        Assert.Equal(3, Audit(organization, "role added").Count);
        Assert.Equal(5, Audit(organization, "attribute added").Count);
        Assert.Contains("Account Executive", Assert.Single(Audit(organization, "role removed")).Detail, StringComparison.Ordinal);
        Assert.Equal("Sales region", Assert.Single(Audit(organization, "attribute removed")).Detail);
    }

    [Fact]
    public async Task ResultsBrokenDownByAnAttributeThroughTheApiHideEveryGroupBelowTheMinimumGroupSize()
    {
        var (browser, _) = await app.NewOrganization("Api Regions Co");
        var api = app.Api(await browser.MakeToken("hr sync"));
        await api.Post("/api/v1/organization/roles", new { name = "AE", family = "seller" }, HttpStatusCode.Created);
        await api.Post("/api/v1/organization/roles", new { name = "SDR", family = "seller" }, HttpStatusCode.Created);
        await api.Post("/api/v1/organization/attributes", new { name = "Region" }, HttpStatusCode.Created);
        (string Region, int People)[] regions = [("North", 6), ("South", 7), ("West", 2)];
        var number = 0;
        foreach (var (region, people) in regions)
        {
            for (var i = 0; i < people; i++, number++)
            {
                await api.Post("/api/v1/people", new { name = $"Seller {number}", email = $"seller{number}@example.com", role = number % 2 == 0 ? "AE" : "SDR", team = "East", attributes = new { Region = region } }, HttpStatusCode.Created);
            }
        }

        var id = (await api.Post("/api/v1/assessments", new { name = "By region", instrument = "quick" }, HttpStatusCode.Created)).Id();
        var tokens = (await api.Post($"/api/v1/assessments/{id}/open"))["links"]!.AsArray().Select(l => AssessmentKit.TokensIn(l!["link"].Text()).Single()).ToList();
        Assert.Equal(15, tokens.Count);
        var plan = SurveyPlan.For(app.Assessment(id));
        foreach (var (token, i) in tokens.Select((t, i) => (t, i)))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(token, plan, item => ((item + i) % 5 + 1).ToString())).StatusCode);
        }

        await api.Post($"/api/v1/assessments/{id}/close");
        var results = await api.Get($"/api/v1/assessments/{id}/results");

        Assert.True(results["visible"]!.GetValue<bool>());
        var k = results["minimumGroupSize"]!.GetValue<int>();
        Assert.Equal(5, k);
        var byRegion = results["report"]!["breakdowns"]!.AsArray().Single(b => b!["by"].Text() == "Region")!["groups"]!.AsArray()
            .ToDictionary(g => g!["value"].Text(), g => g!);
        Assert.Equal(["North", "South", "West"], byRegion.Keys.Order(StringComparer.Ordinal));
        Assert.True(byRegion["West"]["suppressed"]!.GetValue<bool>()); // 2 people < k
        Assert.Null(byRegion["West"]["scores"]);
        Assert.Null(byRegion["West"]["n"]);
        var shown = byRegion.Values.Where(g => !g["suppressed"]!.GetValue<bool>()).ToList();
        Assert.NotEmpty(shown);
        Assert.All(shown, g => Assert.True(g["n"]!.GetValue<int>() >= k));
        // The total minus the groups shown must not leave West's two people on their own.
        var hiddenBlock = 15 - shown.Sum(g => g["n"]!.GetValue<int>());
        Assert.False(hiddenBlock is > 0 and < 5, $"the hidden regions hold {hiddenBlock} people");
        Assert.Contains(results["report"]!["breakdowns"]!.AsArray(), b => b!["by"].Text() == "role");
    }

    [Fact]
    public async Task AnotherOrganizationsRoleAndAttributeIdsAnswer404AndStayAsTheyAre()
    {
        var (theirBrowser, theirs) = await app.NewOrganization("Their Roles Co");
        var theirApi = app.Api(await theirBrowser.MakeToken("theirs"));
        var role = (await theirApi.Post("/api/v1/organization/roles", new { name = "CSM", family = "ops" }, HttpStatusCode.Created)).Id();
        var attribute = (await theirApi.Post("/api/v1/organization/attributes", new { name = "Segment" }, HttpStatusCode.Created)).Id();
        var (ourBrowser, _) = await app.NewOrganization("Our Roles Co");
        var api = app.Api(await ourBrowser.MakeToken("ours"));

        foreach (var response in new[]
        {
            await api.PutAsJsonAsync($"/api/v1/organization/roles/{role}", new { name = "Taken", family = "seller" }),
            await api.DeleteAsync($"/api/v1/organization/roles/{role}"),
            await api.PutAsJsonAsync($"/api/v1/organization/attributes/{attribute}", new { name = "Taken" }),
            await api.DeleteAsync($"/api/v1/organization/attributes/{attribute}"),
        })
        {
            var problem = await ApiKit.AssertProblem(response, HttpStatusCode.NotFound);
            Assert.Contains("in your organization", problem["detail"].Text(), StringComparison.Ordinal);
        }

        Assert.Empty((await api.Get("/api/v1/organization/roles")).AsArray());
        Assert.Empty((await api.Get("/api/v1/organization/attributes")).AsArray());
        // Our people cannot take their role or attribute either.
        var refused = await ApiKit.AssertProblem(await api.PostAsJsonAsync("/api/v1/people", new { name = "Bo", email = "bo@example.com", role = "CSM", attributes = new { Segment = "SMB" } }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ApiKit.FieldErrors(refused, "role"));
        Assert.NotEmpty(ApiKit.FieldErrors(refused, "attributes"));
        Assert.Equal(["CSM ops & enablement"], (await theirApi.Get("/api/v1/organization/roles")).AsArray().Select(r => $"{r!["name"].Text()} {r["family"].Text()}"));
        Assert.Equal(["Segment"], (await theirApi.Get("/api/v1/organization/attributes")).AsArray().Select(a => a!["name"].Text()));
        Assert.Empty(Audit(theirs, "role changed").Concat(Audit(theirs, "role removed")).Concat(Audit(theirs, "attribute renamed")).Concat(Audit(theirs, "attribute removed")));
    }

    [Fact]
    public async Task AViewersTokenReadsRolesAndAttributesButCannotChangeThem()
    {
        var (browser, organization) = await app.NewOrganization("Viewer Roles Co");
        var admin = app.Api(await browser.MakeToken("admin"));
        var role = (await admin.Post("/api/v1/organization/roles", new { name = "AE", family = "seller" }, HttpStatusCode.Created)).Id();
        var attribute = (await admin.Post("/api/v1/organization/attributes", new { name = "Region" }, HttpStatusCode.Created)).Id();
        var viewer = app.Api(await browser.MakeToken("dashboard", "Viewer"));

        Assert.Equal(["AE"], (await viewer.Get("/api/v1/organization/roles")).AsArray().Select(r => r!["name"].Text()));
        Assert.Equal(["Region"], (await viewer.Get("/api/v1/organization/attributes")).AsArray().Select(a => a!["name"].Text()));
        foreach (var response in new[]
        {
            await viewer.PostAsJsonAsync("/api/v1/organization/roles", new { name = "SDR", family = "seller" }),
            await viewer.PutAsJsonAsync($"/api/v1/organization/roles/{role}", new { name = "Changed", family = "leader" }),
            await viewer.DeleteAsync($"/api/v1/organization/roles/{role}"),
            await viewer.PostAsJsonAsync("/api/v1/organization/attributes", new { name = "Segment" }),
            await viewer.PutAsJsonAsync($"/api/v1/organization/attributes/{attribute}", new { name = "Changed" }),
            await viewer.DeleteAsync($"/api/v1/organization/attributes/{attribute}"),
        })
        {
            var problem = await ApiKit.AssertProblem(response, HttpStatusCode.Forbidden);
            Assert.Contains("can only read", problem["detail"].Text(), StringComparison.Ordinal);
        }

        Assert.Equal(["AE"], app.Service(db => db.OrganizationRoles.Where(r => r.OrganizationId == organization).Select(r => r.Name).ToList()));
        Assert.Equal(["Region"], app.Service(db => db.AttributeDefinitions.Where(a => a.OrganizationId == organization).Select(a => a.Name).ToList()));
    }
}
