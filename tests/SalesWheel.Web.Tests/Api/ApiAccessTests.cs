using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Api;

/// <summary>Who may call what: tokens scoped to one organization and a role, revocable; cookies and tokens never mixed.</summary>
public sealed class ApiAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>The routes that name no id: they act on the token's own organization, so there is no other organization's id to try.</summary>
    private static readonly HashSet<string> OrganizationWide =
    [
        "GET /api/v1/organization", "PUT /api/v1/organization",
        "GET /api/v1/organization/roles", "POST /api/v1/organization/roles", "GET /api/v1/organization/attributes", "POST /api/v1/organization/attributes",
        "GET /api/v1/people", "POST /api/v1/people", "POST /api/v1/people/import",
        "GET /api/v1/assessments", "POST /api/v1/assessments", "POST /api/v1/assessments/upload",
        "GET /api/v1/actions", "POST /api/v1/actions", "GET /api/v1/actions.csv",
    ];

    [Fact]
    public async Task EveryRouteWithAnIdAnswers404ForAnotherOrganizationsIds()
    {
        var (otherBrowser, otherId) = await app.NewOrganization("Other Org");
        var otherPerson = app.AddPeople(otherId, "East", PersonRole.Seller, 1)[0];
        var otherAssessment = await otherBrowser.CreateAssessment("Theirs");
        var (browser, _) = await app.NewOrganization("Our Org");
        var api = app.Api(await browser.MakeToken("ours"));

        var routes = ApiRoutes(app);
        Assert.True(routes.Count >= 17, "the API maps its routes");
        var unlisted = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            if (!pattern.Contains("{id", StringComparison.Ordinal))
            {
                if (!OrganizationWide.Contains($"{method} {pattern}"))
                {
                    unlisted.Add($"{method} {pattern}");
                }

                continue;
            }

            var id = pattern.StartsWith("/api/v1/people/", StringComparison.Ordinal) ? otherPerson.Id : otherAssessment;
            var url = pattern.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal).Replace("{format}", "svg", StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = JsonContent.Create(new { name = "Taken over", email = "x@example.com", role = "seller" });
            }

            var problem = await ApiKit.AssertProblem(await api.SendAsync(request), HttpStatusCode.NotFound);
            Assert.Contains("in your organization", problem["detail"].Text(), StringComparison.Ordinal);
        }

        Assert.True(unlisted.Count == 0, "routes without an id that are not known to act on the token's organization only: " + string.Join(", ", unlisted));

        // Nothing of theirs changed, and the lists show only our organization's.
        Assert.Equal("Person East Seller 1", app.Service(db => db.People.Single(p => p.Id == otherPerson.Id).Name));
        Assert.Equal(AssessmentStatus.Draft, app.Assessment(otherAssessment).Status);
        Assert.Equal(0, (await api.Get("/api/v1/people"))["total"]!.GetValue<int>());
        Assert.Equal(0, (await api.Get("/api/v1/assessments"))["total"]!.GetValue<int>());
        Assert.Equal("Our Org", (await api.Get("/api/v1/organization"))["name"].Text());
    }

    [Fact]
    public async Task AViewerTokenReadsButEveryChangeAnswers403()
    {
        var (browser, organizationId) = await app.NewOrganization("Viewer Token Co");
        var person = app.AddPeople(organizationId, "East", PersonRole.Seller, 1)[0];
        var assessment = await browser.CreateAssessment("Ours");
        var api = app.Api(await browser.MakeToken("dashboard", "Viewer"));

        Assert.Equal("Viewer Token Co", (await api.Get("/api/v1/organization"))["name"].Text());
        Assert.Equal(1, (await api.Get("/api/v1/people"))["total"]!.GetValue<int>());
        var writes = ApiRoutes(app).Where(r => r.Method != "GET").ToList();
        Assert.True(writes.Count >= 9);
        foreach (var (method, pattern) in writes)
        {
            var id = pattern.StartsWith("/api/v1/people/", StringComparison.Ordinal) ? person.Id : assessment;
            using var request = new HttpRequestMessage(new HttpMethod(method), pattern.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal))
            {
                Content = pattern.EndsWith("/import", StringComparison.Ordinal)
                    ? new StringContent("name,email,role\nChanged,changed@example.com,seller\n", Encoding.UTF8, "text/csv")
                    : JsonContent.Create(new { name = "Changed", email = "changed@example.com", role = "seller", minimumGroupSize = 3 }),
            };
            var problem = await ApiKit.AssertProblem(await api.SendAsync(request), HttpStatusCode.Forbidden);
            Assert.Contains("can only read", problem["detail"].Text(), StringComparison.Ordinal);
        }

        Assert.Equal("Viewer Token Co", app.Service(db => db.Organizations.Single(o => o.Id == organizationId).Name));
        Assert.Equal(AssessmentStatus.Draft, app.Assessment(assessment).Status);
        Assert.Equal(1, app.Service(db => db.People.Count(p => p.OrganizationId == organizationId)));
    }

    [Fact]
    public async Task ARevokedTokenAnswers401AndTheRevocationIsAudited()
    {
        var (browser, organizationId) = await app.NewOrganization("Revoke Co");
        var secret = await browser.MakeToken("old script");
        var api = app.Api(secret);
        await api.Get("/api/v1/organization");

        var tokenId = app.Service(db => db.ApiTokens.Single(t => t.OrganizationId == organizationId).Id);
        var page = await browser.GetPage("/settings/api-tokens");
        Assert.Contains("old script", page, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        var revoked = await browser.PostForm($"/settings/api-tokens?handler=Revoke&id={tokenId}", Html.Antiforgery(page), []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        var response = await api.GetAsync("/api/v1/organization");
        var problem = await ApiKit.AssertProblem(response, HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", problem["detail"].Text(), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var actions = app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == organizationId).Select(a => a.Action + ": " + a.Detail).ToList());
        Assert.Contains("API token created: \u201cold script\u201d, admin (reads and changes)", actions);
        Assert.Contains("API token revoked: \u201cold script\u201d, admin (reads and changes)", actions);
    }

    [Fact]
    public async Task ATokenStopsWorkingWhenItsMakerLeavesTheOrganization()
    {
        var (browser, organizationId) = await app.NewOrganization("Leaver Co");
        var owners = app.Api(await browser.MakeToken("owner's script"));
        var admin = await app.NewViewer(organizationId);
        app.Service(db =>
        {
            db.Memberships.Single(m => m.OrganizationId == organizationId && m.Role == MemberRole.Viewer).Role = MemberRole.Admin;
            return db.SaveChanges();
        });
        var api = app.Api(await admin.MakeToken("admin's script"));
        await api.Get("/api/v1/organization");

        // Demoted to viewer: the admin token now reads only.
        app.Service(db =>
        {
            db.Memberships.Single(m => m.OrganizationId == organizationId && m.Role == MemberRole.Admin).Role = MemberRole.Viewer;
            return db.SaveChanges();
        });
        await ApiKit.AssertProblem(await api.PostAsync("/api/v1/assessments", JsonContent.Create(new { name = "Mine" })), HttpStatusCode.Forbidden);

        // Gone from the organization: the token no longer works at all.
        app.Service(db =>
        {
            db.Memberships.Remove(db.Memberships.Single(m => m.OrganizationId == organizationId && m.Role == MemberRole.Viewer));
            return db.SaveChanges();
        });
        await ApiKit.AssertProblem(await api.GetAsync("/api/v1/organization"), HttpStatusCode.Unauthorized);
        await ApiKit.AssertProblem(await api.PostAsync("/api/v1/assessments", JsonContent.Create(new { name = "Mine" })), HttpStatusCode.Unauthorized);

        // Only the leaver lost access: the owner's admin token still reads and writes, and the leaver's attempts made nothing.
        await owners.Get("/api/v1/organization");
        Assert.Equal(HttpStatusCode.Created, (await owners.PostAsync("/api/v1/assessments", JsonContent.Create(new { name = "Owner's own" }))).StatusCode);
        Assert.Equal(["Owner's own"], app.Service(db => db.Assessments.Where(a => a.OrganizationId == organizationId).Select(a => a.Name).ToList()));
    }

    [Fact]
    public async Task TheApiNeverTakesTheSignInCookieAndPagesNeverTakeTheToken()
    {
        var (browser, _) = await app.NewOrganization("Mixed Co");
        var secret = await browser.MakeToken("mixer");

        // The browser holds a valid session cookie: the API still wants a token (so no cross-site request can use it).
        var withCookie = await browser.GetAsync("/api/v1/organization");
        await ApiKit.AssertProblem(withCookie, HttpStatusCode.Unauthorized);
        var post = await browser.PostAsync("/api/v1/assessments", JsonContent.Create(new { name = "Cross-site" }));
        await ApiKit.AssertProblem(post, HttpStatusCode.Unauthorized);

        // A page with only the token is not signed in.
        var page = await app.Api(secret).GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OwnersAndAdminsMakeTokensViewersCannotAndTheSecretIsStoredOnlyAsAHash()
    {
        var (browser, organizationId) = await app.NewOrganization("Secret Co");
        var secret = await browser.MakeToken("stored?", "Viewer");
        Assert.Matches("^swk_[A-Za-z0-9_-]{22}$", secret);
        Assert.DoesNotContain(app.AllStoredText(), value => value.Contains(secret[4..], StringComparison.Ordinal));
        var token = app.Service(db => db.ApiTokens.Single(t => t.OrganizationId == organizationId));
        Assert.Equal(Tokens.Hash(secret), token.TokenHash);
        Assert.Equal(MemberRole.Viewer, token.Role);
        Assert.Null(token.LastUsedOn);
        await app.Api(secret).Get("/api/v1/organization");
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), app.Service(db => db.ApiTokens.Single(t => t.Id == token.Id).LastUsedOn));

        var viewer = await app.NewViewer(organizationId);
        await viewer.AssertForbidden(await viewer.GetAsync("/settings/api-tokens"));
    }

    [Fact]
    public async Task ANameIsNeededAndARoleAboveViewerOrAdminIsRefused()
    {
        var (browser, organizationId) = await app.NewOrganization("Form Co");
        var response = await browser.PostForm("/settings/api-tokens", [new("Form.Name", " "), new("Form.Role", "Owner")]);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Give the token a name", AssessmentKit.FieldError(page, "Form.Name"), StringComparison.Ordinal);
        Assert.Equal("Choose viewer (reads only) or admin (reads and changes).", AssessmentKit.FieldError(page, "Form.Role"));
        Assert.Equal(0, app.Service(db => db.ApiTokens.Count(t => t.OrganizationId == organizationId)));
    }

    [Fact]
    public async Task EveryErrorIsAProblemDetailsAndValidationNamesTheField()
    {
        var (browser, _) = await app.NewOrganization("Problem Co");
        var api = app.Api(await browser.MakeToken("problems"));

        await ApiKit.AssertProblem(await app.Api(null).GetAsync("/api/v1/people"), HttpStatusCode.Unauthorized);
        await ApiKit.AssertProblem(await app.Api("swk_not-a-real-token-at-al").GetAsync("/api/v1/people"), HttpStatusCode.Unauthorized);
        await ApiKit.AssertProblem(await api.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
        await ApiKit.AssertProblem(await api.GetAsync("/api/v1/people/not-a-guid"), HttpStatusCode.NotFound);
        var notAllowed = await api.PatchAsync("/api/v1/organization", JsonContent.Create(new { }));
        await ApiKit.AssertProblem(notAllowed, HttpStatusCode.MethodNotAllowed);

        var form = new FormUrlEncodedContent([new("name", "x")]);
        var notJson = await ApiKit.AssertProblem(await api.PostAsync("/api/v1/people", form), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Content-Type: application/json", notJson["detail"].Text(), StringComparison.Ordinal);
        var notCsv = await ApiKit.AssertProblem(await api.PostAsync("/api/v1/people/import", JsonContent.Create(new { })), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Content-Type: text/csv", notCsv["detail"].Text(), StringComparison.Ordinal);

        var brokenJson = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");
        var broken = await ApiKit.AssertProblem(await api.PostAsync("/api/v1/people", brokenJson), HttpStatusCode.BadRequest);
        Assert.Single(ApiKit.FieldErrors(broken, "body"));

        var wrongType = new StringContent("{\"name\":\"Acme\",\"minimumGroupSize\":\"five\"}", Encoding.UTF8, "application/json");
        var typed = await ApiKit.AssertProblem(await api.PutAsync("/api/v1/organization", wrongType), HttpStatusCode.BadRequest);
        Assert.Equal(["Not a valid value here: expected a whole number."], ApiKit.FieldErrors(typed, "minimumGroupSize"));

        // The document types numbers as numbers, and the API holds to it: a number sent as text is refused, naming the field.
        var numberAsText = new StringContent("{\"name\":\"Acme\",\"phase\":null,\"acv\":null,\"minimumGroupSize\":\"5\"}", Encoding.UTF8, "application/json");
        var quoted = await ApiKit.AssertProblem(await api.PutAsync("/api/v1/organization", numberAsText), HttpStatusCode.BadRequest);
        Assert.Equal(["Not a valid value here: expected a whole number."], ApiKit.FieldErrors(quoted, "minimumGroupSize"));

        var settings = await ApiKit.AssertProblem(await api.PutAsync("/api/v1/organization", JsonContent.Create(new { name = "", phase = "growth", acv = "lt15k", minimumGroupSize = 2 })), HttpStatusCode.BadRequest);
        Assert.Equal(["Enter the organization's name."], ApiKit.FieldErrors(settings, "name"));
        Assert.Equal(["Choose one of the phases listed, or \"not set\"."], ApiKit.FieldErrors(settings, "phase"));
        Assert.Equal(["The minimum group size must be at least 3: in smaller groups people could tell who answered what."], ApiKit.FieldErrors(settings, "minimumGroupSize"));
        Assert.Empty(ApiKit.FieldErrors(settings, "acv"));

        var grid = await ApiKit.AssertProblem(await api.PutAsync("/api/v1/organization", JsonContent.Create(new
        {
            name = "Problem Co",
            minimumGroupSize = 5,
            relevance = new { strategy = new { pmf = 4 } },
        })), HttpStatusCode.BadRequest);
        Assert.Equal(["Choose High, Medium or Low for Strategy under PMF."], ApiKit.FieldErrors(grid, "relevance.strategy.pmf"));
        Assert.Single(ApiKit.FieldErrors(grid, "relevance.motivation.gt50k"));

        var person = await ApiKit.AssertProblem(await api.PostAsync("/api/v1/people", JsonContent.Create(new { name = "", email = "not an email", role = "pilot" })), HttpStatusCode.BadRequest);
        Assert.Equal(["Enter the person's name."], ApiKit.FieldErrors(person, "name"));
        Assert.Equal(["Enter an email address like name@company.com."], ApiKit.FieldErrors(person, "email"));
        Assert.Single(ApiKit.FieldErrors(person, "role"));

        var assessment = await ApiKit.AssertProblem(await api.PostAsync("/api/v1/assessments", JsonContent.Create(new { name = "Q4", teams = new[] { "Nowhere" }, closeDate = "2001-01-01" })), HttpStatusCode.BadRequest);
        Assert.Single(ApiKit.FieldErrors(assessment, "teams"));
        Assert.StartsWith("The close date 2001-01-01 is in the past", ApiKit.FieldErrors(assessment, "closeDate").Single(), StringComparison.Ordinal);

        var draft = (await api.Post("/api/v1/assessments", new { name = "Nobody to ask" }, HttpStatusCode.Created)).Id();
        var conflict = await ApiKit.AssertProblem(await api.PostAsync($"/api/v1/assessments/{draft}/open", null), HttpStatusCode.Conflict);
        Assert.StartsWith("Nobody to invite", conflict["detail"].Text(), StringComparison.Ordinal);
        var paper = await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/assessments/{draft}/exports/pdf?paper=a3"), HttpStatusCode.BadRequest);
        Assert.Equal(["Choose a4 or letter."], ApiKit.FieldErrors(paper, "paper"));
        await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/assessments/{draft}/exports/pdf"), HttpStatusCode.Conflict);
        await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/assessments/{draft}/exports/doc"), HttpStatusCode.NotFound);
    }

    /// <summary>Every (method, route) the app maps under /api/v1, read from the endpoint data source.</summary>
    internal static List<(string Method, string Pattern)> ApiRoutes(AppFactory app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.m, StringComparer.Ordinal)
            .ToList();
}
