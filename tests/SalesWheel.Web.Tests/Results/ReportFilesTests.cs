using System.Buffers.Binary;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Assessments;
using static SalesWheel.Web.Tests.Results.ResultsKit;

namespace SalesWheel.Web.Tests.Results;

public sealed partial class ReportFilesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AMemberDownloadsTheReportAsAPdfWithTheEnginesNumbersInA4OrLetter()
    {
        var (client, organization) = await app.NewOrganization($"Report files {Guid.NewGuid():N}");
        var id = Seed(organization, "Q3 team assessment", invitations: 22, Team(20));

        var a4 = await client.GetAsync($"/assessments/{id}/results/report.pdf");
        var letter = await client.GetAsync($"/assessments/{id}/results/report.pdf?paper=letter");

        Assert.Equal(HttpStatusCode.OK, a4.StatusCode);
        Assert.Equal("application/pdf", a4.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", a4.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("q3-team-assessment-report-a4.pdf", a4.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("q3-team-assessment-report-letter.pdf", letter.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.True(a4.Headers.CacheControl!.NoStore);

        using var pdf = new Poppler(await a4.Content.ReadAsByteArrayAsync());
        Assert.All(pdf.PageSizes(), s => Assert.Equal((595, 842), ((int)Math.Round(s.Width), (int)Math.Round(s.Height))));
        using var letterPdf = new Poppler(await letter.Content.ReadAsByteArrayAsync());
        Assert.All(letterPdf.PageSizes(), s => Assert.Equal((612, 792), ((int)Math.Round(s.Width), (int)Math.Round(s.Height))));

        var cover = pdf.PageText(1);
        Assert.Contains("Q3 team assessment", cover);
        Assert.Contains("20 people answered of 22 invited (91%)", cover);
        var report = await EngineResult(id);
        var lines = pdf.Text().Split('\n');
        var table = Array.FindIndex(lines, l => l.Trim() == "Scores by driver");
        foreach (var d in report.Dimensions)
        {
            var row = lines.Skip(table).First(l => l.TrimStart().StartsWith(d.Name.Split(' ')[0], StringComparison.Ordinal) && l.Contains('%'));
            Assert.Matches($@"\s{Regex.Escape(ReportFormat.Score(d.Score))}\s+{Regex.Escape(ReportFormat.Interval(d.Ci95))}\s", row);
        }

        // The same summary paragraph as the results page.
        var summary = ExecutiveSummary.Write(report);
        Assert.Contains(summary, Spaces().Replace(pdf.RawText(), " "));
        Assert.Equal(summary, Html.Parse(await client.GetPage($"/assessments/{id}/results")).One("p.summary").TextContent);
    }

    [Fact]
    public async Task TheWheelDownloadsAsTheSvgOfTheResultsPageAndAsAPngTwiceItsSize()
    {
        var (client, organization) = await app.NewOrganization($"Wheel files {Guid.NewGuid():N}");
        var id = Seed(organization, "Spring review: EMEA & US", invitations: 10, Team(10));

        var svg = await client.GetAsync($"/assessments/{id}/results/wheel.svg");
        var png = await client.GetAsync($"/assessments/{id}/results/wheel.png");
        var page = await client.GetPage($"/assessments/{id}/results");

        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Equal("spring-review-emea-us-wheel.svg", svg.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.True(svg.Headers.CacheControl!.NoStore);
        var drawing = (await svg.Content.ReadAsStringAsync()).Trim();
        Assert.StartsWith("<svg", drawing);
        Assert.Contains(drawing, page);

        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal("spring-review-emea-us-wheel.png", png.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var bytes = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal((2000, 1720), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
    }

    [Fact]
    public async Task TheResultsPageLinksToEveryDownloadAndAViewerMayUseThem()
    {
        var (_, organization) = await app.NewOrganization($"Viewer files {Guid.NewGuid():N}");
        var id = Seed(organization, "Board pack", invitations: 6, Team(6));
        var viewer = await app.NewViewer(organization);

        var page = await viewer.GetPage($"/assessments/{id}/results");
        foreach (var link in new[] { "report.pdf?paper=a4", "report.pdf?paper=letter", "wheel.svg", "wheel.png" })
        {
            Assert.Contains($"href=\"/assessments/{id}/results/{link}\" download", page);
            var response = await viewer.GetAsync($"/assessments/{id}/results/{link}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Theory]
    [InlineData("report.pdf")]
    [InlineData("report.pdf?paper=letter")]
    [InlineData("wheel.svg")]
    [InlineData("wheel.png")]
    public async Task AnotherOrganizationsAssessmentOrAnUnknownOneIsNotFoundAndSomeoneSignedOutIsSentToSignIn(string file)
    {
        var (_, organization) = await app.NewOrganization($"Mine {Guid.NewGuid():N}");
        var id = Seed(organization, "Private results", invitations: 5, Team(5));
        var (stranger, _) = await app.NewOrganization($"Theirs {Guid.NewGuid():N}");

        var theirs = await stranger.GetAsync($"/assessments/{id}/results/{file}");
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain("%PDF", await theirs.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{Guid.NewGuid()}/results/{file}")).StatusCode);

        var anonymous = await app.Browser().GetAsync($"/assessments/{id}/results/{file}");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/signin", anonymous.Headers.Location!.ToString());
    }

    [Fact]
    public async Task BelowTheMinimumGroupSizeThePdfHoldsParticipationOnlyAndTheWheelIsNotFound()
    {
        var (client, organization) = await app.NewOrganization($"Few {Guid.NewGuid():N}");
        var id = Seed(organization, "Too few so far", invitations: 7, Answer("seller", "East", 1), Answer("seller", "East", 2), Answer("leader", "East", 2));

        var response = await client.GetAsync($"/assessments/{id}/results/report.pdf");
        var page = await client.GetPage($"/assessments/{id}/results");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = new Poppler(await response.Content.ReadAsByteArrayAsync());
        var text = Spaces().Replace(pdf.RawText(), " ");
        Assert.Equal(1, pdf.PageCount);
        Assert.Contains("3 people answered of 7 invited (43%)", text);
        Assert.Contains("Not enough answers to show results.", text);
        Assert.DoesNotContain("16.7", text); // the three answers' score, (1 + 2 + 2) / 3 on 1..5
        Assert.DoesNotMatch(@"\d+\.\d", text);
        Assert.All(BuiltInInstrument.Full.Dimensions, d => Assert.DoesNotContain(d.Name, text.Replace("Sales Performance Wheel", "", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/results/wheel.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/results/wheel.png")).StatusCode);
        Assert.Contains("a PDF with participation only", page);
        Assert.DoesNotContain("wheel.png", page);
    }

    [Fact]
    public async Task AnUnknownPaperSizeIsRefusedNamingThePaper()
    {
        var (client, organization) = await app.NewOrganization($"Paper {Guid.NewGuid():N}");
        var id = Seed(organization, "Paper sizes", invitations: 5, Team(5));

        var response = await client.GetAsync($"/assessments/{id}/results/report.pdf?paper=a3");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"paper\":[\"Choose a4 or letter.\"]", await response.Content.ReadAsStringAsync());
    }

    // --- seeding ---

    /// <summary>A team whose sellers, leaders and managers answer differently, in teams large enough to show.</summary>
    private static SurveyResponse[] Team(int size) =>
        [.. Enumerable.Range(0, size).Select(i => Answer(i % 3 == 0 ? "leader" : "seller", i % 2 == 0 ? "East" : "West", 2 + (i % 4)))];

    private Guid Seed(Guid organization, string name, int invitations, params SurveyResponse[] responses) => app.SeedClosedAssessment(organization, name, invitations, responses);


    private async Task<ScoreReport> EngineResult(Guid id)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == assessment.OrganizationId);
        return await scope.ServiceProvider.GetRequiredService<AssessmentScoring>().ComputeAsync(assessment, AssessmentScoring.OptionsFor(organization));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
