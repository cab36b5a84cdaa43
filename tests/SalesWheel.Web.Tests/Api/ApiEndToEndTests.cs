using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Core.Reports;
using SalesWheel.Data;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Api;

/// <summary>A whole run through the API with a real HTTP client: only the token is made in the web app.</summary>
public sealed class ApiEndToEndTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AnAdminTokenRunsAnAssessmentFromSettingsToResultsThatEqualTheEngines()
    {
        var (browser, organizationId) = await app.NewOrganization("Api Run Co");
        var api = app.Api(await browser.MakeToken("RevOps script"));

        // Settings.
        var settings = await api.Get("/api/v1/organization");
        Assert.Equal("Api Run Co", settings["name"].Text());
        Assert.Equal(5, settings["minimumGroupSize"]!.GetValue<int>());
        Assert.Equal(3, settings["relevance"]!["strategy"]!["pmf"]!.GetValue<int>());
        var relevance = settings["relevance"]!.DeepClone();
        relevance["structure"]!["scale"] = 1;
        settings = await api.Put("/api/v1/organization", new { name = "Api Run Company", phase = "scale", acv = "15k-50k", minimumGroupSize = 5, relevance });
        Assert.Equal("scale", settings["phase"].Text());
        Assert.Equal("15k-50k", settings["acv"].Text());
        Assert.Equal(1, settings["relevance"]!["structure"]!["scale"]!.GetValue<int>());
        Assert.False(settings["relevanceIsDefault"]!.GetValue<bool>());

        // People: create, read, update, delete.
        var created = await api.Post("/api/v1/people", new { name = "Dana Lee", email = "Dana@Example.com", role = "seller", team = "East" }, HttpStatusCode.Created);
        Assert.Equal("dana@example.com", created["email"].Text());
        var id = created.Id();
        Assert.Equal("Dana Lee", (await api.Get($"/api/v1/people/{id}"))["name"].Text());
        var updated = await api.Put($"/api/v1/people/{id}", new { name = "Dana Lee-Park", email = "dana@example.com", role = "manager", team = "East" });
        Assert.Equal("manager", updated["role"].Text());
        await api.Json(HttpMethod.Delete, $"/api/v1/people/{id}", expected: HttpStatusCode.NoContent);
        await api.Get($"/api/v1/people/{id}", HttpStatusCode.NotFound);

        // Import: a file with a bad row stores nothing and names the row; the clean file imports everyone.
        var bad = await Import(api, "name,email,role,team\nAda One,ada1@example.com,seller,East\nNo Email,,seller,East\nBad Role,br@example.com,pilot,East\n");
        var problem = await ApiKit.AssertProblem(bad, HttpStatusCode.BadRequest);
        Assert.Equal(["missing email"], ApiKit.FieldErrors(problem, "line 3"));
        Assert.Contains("unknown role \"pilot\"", ApiKit.FieldErrors(problem, "line 4").Single(), StringComparison.Ordinal);
        Assert.Equal(0, app.Service(db => db.People.Count(p => p.OrganizationId == organizationId)));

        var csv = new StringBuilder("name,email,role,team\n");
        for (var i = 1; i <= 5; i++)
        {
            csv.Append($"Seller {i},seller{i}@example.com,seller,East\n");
        }

        csv.Append("Manny Ger,manager@example.com,manager,East\n");
        var imported = await (await Import(api, csv.ToString())).Content.ReadAsStringAsync();
        Assert.Equal(6, JsonNode.Parse(imported)!["added"]!.GetValue<int>());
        var people = await api.Get("/api/v1/people?pageSize=4");
        Assert.Equal(6, people["total"]!.GetValue<int>());
        Assert.Equal(4, people["items"]!.AsArray().Count);
        Assert.Equal("Manny Ger", people["items"]![0]!["name"].Text());

        // An assessment: create, open (the links come back once), answer through the survey pages, close.
        var assessment = await api.Post("/api/v1/assessments", new { name = "Q3 health check", instrument = "quick" }, HttpStatusCode.Created);
        var assessmentId = assessment.Id();
        Assert.Equal("draft", assessment["status"].Text());
        var opened = await api.Post($"/api/v1/assessments/{assessmentId}/open");
        Assert.Equal("open", opened["assessment"]!["status"].Text());
        var links = opened["links"]!.AsArray().Select(l => l!["link"].Text()).ToList();
        Assert.Equal(6, links.Count);
        var tokens = links.SelectMany(AssessmentKit.TokensIn).ToList();
        Assert.Equal(6, tokens.Count);

        var participation = await api.Get($"/api/v1/assessments/{assessmentId}/participation");
        Assert.Equal(6, participation["overall"]!["invited"]!.GetValue<int>());
        Assert.Equal(0, participation["overall"]!["submitted"]!.GetValue<int>());

        var plan = SurveyPlan.For(app.Assessment(assessmentId));
        for (var r = 0; r < tokens.Count; r++)
        {
            var respondent = r;
            var response = await app.Browser().TakeSurvey(tokens[r], plan, i => ((i + respondent) % 5 + 1).ToString(), comment: null);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        participation = await api.Get($"/api/v1/assessments/{assessmentId}/participation");
        Assert.Equal(6, participation["overall"]!["submitted"]!.GetValue<int>());
        var closed = await api.Post($"/api/v1/assessments/{assessmentId}/close");
        Assert.Equal("closed", closed["status"].Text());
        Assert.Equal(6, closed["responses"]!.GetValue<int>());

        // Results: the engine's report, as `saleswheel score --format json` writes it, with hidden groups' sizes left out.
        var results = await api.Get($"/api/v1/assessments/{assessmentId}/results");
        Assert.True(results["visible"]!.GetValue<bool>());
        Assert.Equal(6, results["responses"]!.GetValue<int>());
        Assert.Equal("Q3 health check", results["assessment"]!["name"].Text());
        var expected = await EngineReport(assessmentId, organizationId);
        Assert.True(JsonNode.DeepEquals(expected, results["report"]), $"API:\n{results["report"]!.Compact()}\nengine:\n{expected.Compact()}");
        Assert.Equal("scale", results["report"]!["context"]!["phase"].Text());

        // The wheel as SVG.
        var svg = await api.GetAsync($"/api/v1/assessments/{assessmentId}/exports/svg");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", (await svg.Content.ReadAsStringAsync()).TrimStart(), StringComparison.Ordinal);

        // Formats, like paper sizes, in any case (as the reference says); the file is named in lower case.
        var upper = await api.GetAsync($"/api/v1/assessments/{assessmentId}/exports/SVG");
        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal("image/svg+xml", upper.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".svg", upper.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);

        // The other exports: the same files as the results page's downloads.
        var png = await api.GetAsync($"/api/v1/assessments/{assessmentId}/exports/png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, (await png.Content.ReadAsByteArrayAsync())[..4]);
        var letter = await api.GetAsync($"/api/v1/assessments/{assessmentId}/exports/pdf?paper=letter");
        Assert.Equal("application/pdf", letter.Content.Headers.ContentType?.MediaType);
        using (var pdf = new Poppler(await letter.Content.ReadAsByteArrayAsync()))
        {
            Assert.All(pdf.PageSizes(), size => Assert.Equal((612, 792), (Math.Round(size.Width), Math.Round(size.Height))));
            var text = pdf.Text();
            Assert.Contains("Q3 health check", text, StringComparison.Ordinal);
            var weakest = expected["priorities"]![0]!["dimension"].Text();
            var score = expected["dimensions"]!.AsArray().Single(d => d!["id"].Text() == weakest)!["score"]!.GetValue<double>();
            Assert.Contains(Math.Round(score).ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }

        var badPaper = await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/assessments/{assessmentId}/exports/pdf?paper=a3"), HttpStatusCode.BadRequest);
        Assert.Single(ApiKit.FieldErrors(badPaper, "paper"));
        var xlsx = await api.GetAsync($"/api/v1/assessments/{assessmentId}/exports/xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);

        // The anonymous answers CSV scores back to exactly the API's overall numbers.
        var answersCsv = await api.GetAsync($"/api/v1/assessments/{assessmentId}/exports/csv");
        Assert.Equal("text/csv", answersCsv.Content.Headers.ContentType?.MediaType);
        var answers = Core.Responses.ResponsesCsv.Read(new MemoryStream(await answersCsv.Content.ReadAsByteArrayAsync()), "answers.csv", plan.Instrument, ["role", "team"]);
        Assert.Equal(6, answers.Responses.Count);
        var options = AssessmentScoring.OptionsFor(app.Service(db => db.Organizations.Single(o => o.Id == organizationId))) with { GroupBy = [] };
        var rescored = JsonNode.Parse(ScoreReportJson.Serialize(Core.Scoring.ScoringEngine.Score(answers.Responses, options)))!;
        Assert.True(JsonNode.DeepEquals(expected["dimensions"], rescored["dimensions"]), "the answers CSV does not score to the API's numbers");

        // Every change made with the token is in the audit log, under the member and the token's name.
        var audit = app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == organizationId).Select(a => new { a.Action, a.UserName }).ToList());
        foreach (var action in new[] { "settings changed", "relevance levels changed", "person added", "person changed", "person removed", "people imported", "assessment created", "assessment opened", "assessment closed" })
        {
            Assert.Contains(audit, a => a.Action == action && a.UserName.EndsWith("(API token \"RevOps script\")", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task ListsArePagedInAStableOrderWithTotalsAndLinkHeaders()
    {
        var (browser, organizationId) = await app.NewOrganization("Paging Co");
        app.AddPeople(organizationId, "North", Data.Entities.PersonRole.Seller, 7);
        var api = app.Api(await browser.MakeToken("pager", "Viewer"));

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var response = await api.GetAsync($"/api/v1/people?page={page}&pageSize=3");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(7, body["total"]!.GetValue<int>());
            seen.AddRange(body["items"]!.AsArray().Select(p => p!["email"].Text()));
            var link = string.Join(",", response.Headers.GetValues("Link"));
            Assert.Contains("page=1&pageSize=3>; rel=\"first\"", link, StringComparison.Ordinal);
            Assert.Contains("page=3&pageSize=3>; rel=\"last\"", link, StringComparison.Ordinal);
            Assert.Equal(page < 3, link.Contains("rel=\"next\"", StringComparison.Ordinal));
            Assert.Equal(page > 1, link.Contains("rel=\"prev\"", StringComparison.Ordinal));
        }

        Assert.Equal(7, seen.Distinct().Count());
        var again = await api.Get("/api/v1/people?page=1&pageSize=200");
        Assert.Equal(seen, again["items"]!.AsArray().Select(p => p!["email"].Text()));

        var tooMany = await ApiKit.AssertProblem(await api.GetAsync("/api/v1/people?pageSize=201"), HttpStatusCode.BadRequest);
        Assert.Equal(["Ask for 1 to 200 items per page."], ApiKit.FieldErrors(tooMany, "pageSize"));
        var notANumber = await ApiKit.AssertProblem(await api.GetAsync("/api/v1/assessments?page=two"), HttpStatusCode.BadRequest);
        Assert.Single(ApiKit.FieldErrors(notANumber, "page"));
    }

    [Theory]
    [InlineData("people", 10737420, 200)]
    [InlineData("people", int.MaxValue, 200)]
    [InlineData("people", int.MaxValue, 1)]
    [InlineData("assessments", 10737420, 200)]
    [InlineData("assessments", int.MaxValue, 200)]
    public async Task APageFarPastTheEndIsEmptyAndNeverPageOneAgain(string list, int page, int pageSize)
    {
        var (browser, organizationId) = await app.NewOrganization($"Far Page Co {list} {page} {pageSize}");
        app.AddPeople(organizationId, "North", Data.Entities.PersonRole.Seller, 3);
        var api = app.Api(await browser.MakeToken("far pager"));
        await api.Post("/api/v1/assessments", new { name = "Q3 check" }, HttpStatusCode.Created);

        var response = await api.GetAsync($"/api/v1/{list}?page={page}&pageSize={pageSize}");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body["items"]!.AsArray());
        Assert.Equal(page, body["page"]!.GetValue<int>());
        Assert.Equal(list == "people" ? 3 : 1, body["total"]!.GetValue<int>());
        var link = string.Join(",", response.Headers.GetValues("Link"));
        Assert.Contains($"page=1&pageSize={pageSize}>; rel=\"first\"", link, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", link, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> Import(HttpClient api, string csv)
    {
        var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return api.PostAsync("/api/v1/people/import", content);
    }

    /// <summary>The engine's report for the assessment, computed afresh, in the CLI's JSON, with hidden groups' sizes left out as the API does.</summary>
    private async Task<JsonNode> EngineReport(Guid assessmentId, Guid organizationId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organization = db.Organizations.Single(o => o.Id == organizationId);
        var report = await scope.ServiceProvider.GetRequiredService<AssessmentScoring>()
            .ComputeAsync(db.Assessments.Single(a => a.Id == assessmentId), AssessmentScoring.OptionsFor(organization));
        var json = JsonNode.Parse(ScoreReportJson.Serialize(report))!;
        var hidden = 0;
        foreach (var group in json["breakdowns"]!.AsArray().SelectMany(b => b!["groups"]!.AsArray()).Where(g => g!["suppressed"]!.GetValue<bool>()))
        {
            group!["n"] = null;
            hidden++;
        }

        Assert.True(hidden > 0, "the test data should hide some group (one manager among five sellers)");
        return json;
    }
}
