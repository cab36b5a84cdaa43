using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Tests.Exports;
using SalesWheel.Web.Features.Results;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Results;

public sealed class AnswersAccessApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AViewerTokenGetsNoAnswersCsvAndAWorkbookWithoutAnswersUntilTheSettingAllowsIt()
    {
        var (owner, organization) = await app.NewOrganization("Api answers access");
        var id = app.SeedClosedAssessment(organization, "Q2", 0, [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", "East", 1 + (i % 5)))]);
        var viewer = app.Api(await owner.MakeToken("reader", "Viewer"));
        var admin = app.Api(await owner.MakeToken("writer", "Admin"));

        await ApiKit.AssertProblem(await viewer.GetAsync($"/api/v1/assessments/{id}/exports/csv"), HttpStatusCode.Forbidden);
        var book = Workbook.Read(await (await viewer.GetAsync($"/api/v1/assessments/{id}/exports/xlsx")).Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("Answers", book.SheetNames);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/assessments/{id}/exports/csv")).StatusCode);

        var settings = await admin.Get("/api/v1/organization");
        Assert.False(settings["viewersMayDownloadAnswers"]!.GetValue<bool>());
        await viewer.Json(HttpMethod.Put, "/api/v1/organization", new { name = "Api answers access", minimumGroupSize = 5, viewersMayDownloadAnswers = true }, HttpStatusCode.Forbidden);
        var changed = await admin.Json(HttpMethod.Put, "/api/v1/organization", new { name = "Api answers access", minimumGroupSize = 5, viewersMayDownloadAnswers = true });
        Assert.True(changed["viewersMayDownloadAnswers"]!.GetValue<bool>());
        Assert.Contains(app.Service(db => db.AuditEntries.Where(e => e.OrganizationId == organization).Select(e => e.Action).ToList()), a => a == "answers access changed");

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/assessments/{id}/exports/csv")).StatusCode);
        var allowed = Workbook.Read(await (await viewer.GetAsync($"/api/v1/assessments/{id}/exports/xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Answers", allowed.SheetNames);

        // Leaving the field out keeps the choice.
        var kept = await admin.Json(HttpMethod.Put, "/api/v1/organization", new { name = "Api answers access", minimumGroupSize = 5 });
        Assert.True(kept["viewersMayDownloadAnswers"]!.GetValue<bool>());
    }

    [Fact]
    public async Task AnotherOrganizationsExportsAreNotFound()
    {
        var (_, organization) = await app.NewOrganization("Holder of Q3");
        var id = app.SeedClosedAssessment(organization, "Q3", 0, [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", "East", 1 + (i % 5)))]);
        var (stranger, _) = await app.NewOrganization("Stranger");
        var api = app.Api(await stranger.MakeToken("nosy", "Admin"));
        foreach (var format in new[] { "csv", "xlsx", "pdf", "svg", "png" })
        {
            await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/assessments/{id}/exports/{format}"), HttpStatusCode.NotFound);
        }
    }
}

public sealed class ExportCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    private int Builds(Guid assessment) => app.Services.GetRequiredService<ExportCache>().BuildsFor(assessment);

    [Fact]
    public async Task EachDownloadIsBuiltOncePerResponseCountAndOptionsAndServedFromTheCacheAfter()
    {
        var (owner, organization) = await app.NewOrganization("Cached Co");
        var id = app.SeedClosedAssessment(organization, "Q1", 0, [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", "East", 1 + (i % 5)))]);
        string[] urls = ["report.pdf?paper=a4", "report.pdf?paper=letter", "wheel.svg", "wheel.png", "results.xlsx", "answers.csv"];
        var first = new List<byte[]>();
        foreach (var url in urls)
        {
            var response = await owner.GetAsync($"/assessments/{id}/results/{url}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            first.Add(await response.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(urls.Length, Builds(id));
        foreach (var (url, bytes) in urls.Zip(first))
        {
            Assert.Equal(bytes, await (await owner.GetAsync($"/assessments/{id}/results/{url}")).Content.ReadAsByteArrayAsync());
        }

        // The API's exports are the same files.
        var api = app.Api(await owner.MakeToken("reader", "Admin"));
        Assert.Equal(first[4], await (await api.GetAsync($"/api/v1/assessments/{id}/exports/xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Equal(urls.Length, Builds(id));

        // A viewer's workbook (without answers) is another file; so is every file after a new response.
        var viewer = await app.NewViewer(organization);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/assessments/{id}/results/results.xlsx")).StatusCode);
        Assert.Equal(urls.Length + 1, Builds(id));
        app.Service(db =>
        {
            var response = ResultsKit.Answer("seller", "East", 2);
            response.AssessmentId = id;
            db.SurveyResponses.Add(response);
            return db.SaveChanges();
        });
        var after = await (await owner.GetAsync($"/assessments/{id}/results/answers.csv")).Content.ReadAsByteArrayAsync();
        Assert.NotEqual(first[5], after);
        Assert.Equal(urls.Length + 2, Builds(id));
    }

    [Fact]
    public async Task ARenamedAssessmentGetsFilesUnderItsNewName()
    {
        var (owner, organization) = await app.NewOrganization("Renamed Co");
        var id = app.SeedClosedAssessment(organization, "Old name", 0, [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", "East", 1 + (i % 5)))]);
        var before = await (await owner.GetAsync($"/assessments/{id}/results/wheel.svg")).Content.ReadAsStringAsync();
        Assert.Contains("Old name", before);
        app.Service(db =>
        {
            db.Assessments.Single(a => a.Id == id).Name = "New name";
            return db.SaveChanges();
        });
        var after = await (await owner.GetAsync($"/assessments/{id}/results/wheel.svg")).Content.ReadAsStringAsync();
        Assert.Contains("New name", after);
        Assert.DoesNotContain("Old name", after);
    }
}
