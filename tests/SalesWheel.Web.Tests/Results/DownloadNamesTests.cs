using System.Net;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;
using static SalesWheel.Web.Tests.Results.ResultsKit;

namespace SalesWheel.Web.Tests.Results;

/// <summary>The results page and the API name the same download the same way (DownloadNames).</summary>
public sealed class DownloadNamesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("report.pdf?paper=a4", "pdf?paper=a4", "q3-team-emea-us-report-a4.pdf")]
    [InlineData("report.pdf?paper=letter", "pdf?paper=letter", "q3-team-emea-us-report-letter.pdf")]
    [InlineData("wheel.svg", "svg", "q3-team-emea-us-wheel.svg")]
    [InlineData("wheel.png", "png", "q3-team-emea-us-wheel.png")]
    [InlineData("results.xlsx", "xlsx", "q3-team-emea-us-results.xlsx")]
    [InlineData("answers.csv", "csv", "q3-team-emea-us-answers.csv")]
    public async Task ThePageAndTheApiGiveADownloadTheSameFileName(string page, string export, string expected)
    {
        var (browser, organization) = await app.NewOrganization($"Download names {Guid.NewGuid():N}");
        var responses = Enumerable.Range(0, 6).Select(i => Answer(i % 2 == 0 ? "seller" : "leader", "East", 2 + (i % 3))).ToArray();
        var id = app.SeedClosedAssessment(organization, "Q3 team: EMEA & US", invitations: 6, responses);
        var api = app.Api(await browser.MakeToken("download names"));

        var fromPage = await browser.GetAsync($"/assessments/{id}/results/{page}");
        var fromApi = await api.GetAsync($"/api/v1/assessments/{id}/exports/{export}");

        Assert.Equal(HttpStatusCode.OK, fromPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromApi.StatusCode);
        var pageName = fromPage.Content.Headers.ContentDisposition!;
        var apiName = fromApi.Content.Headers.ContentDisposition!;
        Assert.Equal(expected, pageName.FileName?.Trim('"'));
        Assert.Equal(pageName.FileName, apiName.FileName);
        Assert.Equal(pageName.FileNameStar, apiName.FileNameStar);
    }
}
