using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Tests.Exports;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Results;

public sealed partial class DataFilesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly Instrument Full = BuiltInInstrument.Full;

    [Fact]
    public async Task TheAnswersCsvScoresToExactlyTheNumbersOnTheResultsPage()
    {
        var (client, organization) = await app.NewOrganization("Csv round trip");
        var id = Seed(organization, "Q3 team assessment", [.. Team("seller", "East", 6), .. Team("seller", "West", 7), .. Team("leader", "Leadership", 5)]);

        var response = await client.GetAsync($"/assessments/{id}/results/answers.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("q3-team-assessment-answers.csv", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var file = ResponsesCsv.Read(new MemoryStream(bytes), "answers.csv", Full, ["role", "team"]);
        Assert.Equal(18, file.Responses.Count);
        var page = Result(id, organization);
        var again = ScoringEngine.Score(file.Responses, AssessmentScoring.OptionsFor(OrganizationById(organization)) with { GroupBy = [] });
        Assert.Equal(ScoreReportJson.Serialize(page with { Breakdowns = [] }), ScoreReportJson.Serialize(again));
    }

    [Fact]
    public async Task TheAnswersCsvHoldsNoIdsDatesCommentsOrSubmissionOrder()
    {
        var (client, organization) = await app.NewOrganization("Csv privacy");
        var responses = Team("seller", "East", 8, comment: "Our pipeline reviews are theatre").ToList();
        var id = Seed(organization, "Privacy check", responses);

        var text = Encoding.UTF8.GetString(await (await client.GetAsync($"/assessments/{id}/results/answers.csv")).Content.ReadAsByteArrayAsync());

        Assert.DoesNotMatch(GuidPattern(), text);
        Assert.DoesNotContain("theatre", text);
        Assert.DoesNotContain(DateTime.UtcNow.ToString("yyyy-MM-dd"), text);
        foreach (var r in responses)
        {
            Assert.DoesNotContain(r.Id.ToString(), text);
        }

        var rows = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Skip(1).ToList();
        Assert.Equal(rows.Order(StringComparer.Ordinal), rows); // sorted by content (all one role and team here)
    }

    [Fact]
    public async Task TheWorkbookHoldsTheEnginesNumbersAndTheAnonymousAnswers()
    {
        var (client, organization) = await app.NewOrganization("Workbook");
        var id = Seed(organization, "Spring check", [.. Team("seller", "East", 6), .. Team("manager", "East", 1), .. Team("seller", "West", 6)], invitations: 20);

        var response = await client.GetAsync($"/assessments/{id}/results/results.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ResultsWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("spring-check-results.xlsx", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var book = Workbook.Read(await response.Content.ReadAsByteArrayAsync());
        var report = Result(id, organization);
        Assert.Equal(ResultsWorkbook.Sheets, book.SheetNames);
        Assert.Equal(["Assessment", "Spring check"], book.Row("Summary", "Assessment"));
        Assert.Equal(["Respondents", 13.0], book.Row("Summary", "Respondents"));
        Assert.Equal(["Invitations", 20.0], book.Row("Summary", "Invitations"));
        foreach (var d in report.Dimensions)
        {
            Assert.Equal(d.Score, book.Row("Drivers", d.Name)[5]);
            Assert.Equal(d.Ci95?.Low, book.Row("Drivers", d.Name)[6]);
        }

        // The single manager: hidden in the role breakdown, and "(other)" in the answers.
        var manager = book.Row("Breakdowns", "role", "manager");
        Assert.Null(manager[2]); // no size in the n column
        Assert.Equal("hidden to protect anonymity", manager[^1]);
        Assert.Equal(14, book["Answers"].Count);
        Assert.DoesNotContain(book["Answers"], row => row.Contains("manager"));
    }

    [Fact]
    public async Task AViewerGetsTheWorkbookWithoutAnswersAndNoAnswersFileUntilAnOwnerAllowsIt()
    {
        var (owner, organization) = await app.NewOrganization("Viewer downloads");
        var id = Seed(organization, "Viewer check", [.. Team("seller", "East", 5)]);
        var viewer = await app.NewViewer(organization);

        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync($"/assessments/{id}/results/answers.csv")).StatusCode);
        var workbook = await viewer.GetAsync($"/assessments/{id}/results/results.xlsx");
        Assert.Equal(HttpStatusCode.OK, workbook.StatusCode);
        var book = Workbook.Read(await workbook.Content.ReadAsByteArrayAsync());
        Assert.Equal(ResultsWorkbook.Sheets.Where(s => s != "Answers"), book.SheetNames);
        Assert.Contains(book["Summary"].SelectMany(r => r).OfType<string>(), c => c.Contains("row-level answers are for owners and admins", StringComparison.Ordinal));

        // The results page tells the viewer what they may take, and links only that.
        var page = await viewer.GetPage($"/assessments/{id}/results");
        Assert.DoesNotContain("results/answers.csv", page);
        Assert.Contains("Row-level answers (the anonymous answers file, and the workbook's Answers sheet) are for owners and admins", page);

        // The owner (and an admin) always may.
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/assessments/{id}/results/answers.csv")).StatusCode);
        var full = Workbook.Read(await (await owner.GetAsync($"/assessments/{id}/results/results.xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Equal(ResultsWorkbook.Sheets, full.SheetNames);

        // Allowed in the settings (audited), the viewer gets both.
        var saved = await owner.PostForm("/settings", [new("viewersMayDownloadAnswers", "true")], "/settings?handler=AnswersAccess");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(OrganizationById(organization).ViewersMayDownloadAnswers);
        Assert.Contains(app.Service(db => db.AuditEntries.Where(e => e.OrganizationId == organization).Select(e => e.Action + " " + e.Detail).ToList()),
            e => e.StartsWith("answers access changed", StringComparison.Ordinal) && e.Contains("also viewers", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/assessments/{id}/results/answers.csv")).StatusCode);
        var allowed = Workbook.Read(await (await viewer.GetAsync($"/assessments/{id}/results/results.xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Equal(ResultsWorkbook.Sheets, allowed.SheetNames);
        Assert.Contains("results/answers.csv", await viewer.GetPage($"/assessments/{id}/results"));

        // A viewer cannot change it back or forth.
        var refused = await viewer.PostForm("/settings", [new("viewersMayDownloadAnswers", "false")], "/settings?handler=AnswersAccess");
        await viewer.AssertForbidden(refused);
        Assert.True(OrganizationById(organization).ViewersMayDownloadAnswers);
    }

    [Fact]
    public async Task AnotherOrganizationsAssessmentIsNotFound()
    {
        var (_, owner) = await app.NewOrganization("Owner of the data");
        var id = Seed(owner, "Theirs", [.. Team("seller", "East", 6)]);
        var (stranger, _) = await app.NewOrganization("Someone else");

        foreach (var file in new[] { "answers.csv", "results.xlsx" })
        {
            var response = await stranger.GetAsync($"/assessments/{id}/results/{file}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Theirs", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task SignedOutVisitorsAreSentToSignIn()
    {
        var (_, organization) = await app.NewOrganization("Signed out");
        var id = Seed(organization, "Closed door", [.. Team("seller", "East", 6)]);

        var response = await app.Browser().GetAsync($"/assessments/{id}/results/answers.csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task BelowTheMinimumGroupSizeNothingDownloadsAndThePageSaysWhyWithParticipation()
    {
        var (client, organization) = await app.NewOrganization("Too few");
        var id = Seed(organization, "Small start", [.. Team("seller", "East", 4)], invitations: 9);

        foreach (var file in new[] { "answers.csv", "results.xlsx" })
        {
            var response = await client.GetAsync($"/assessments/{id}/results/{file}");
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Null(response.Content.Headers.ContentDisposition);
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Not enough answers to download", page);
            Assert.Contains("only when at least 5 people have answered", page);
            var participation = Html.Parse(page).One("table.participation").GetElementsByTagName("tr")
                .ToDictionary(r => r.Children[0].Text(), r => r.Children[1].Text());
            Assert.Equal("4", participation["Responses"]);
            Assert.Equal("9", participation["Invitations"]);
        }

        var results = await client.GetPage($"/assessments/{id}/results");
        Assert.Contains("Downloads appear when the assessment has closed with at least 5 answers", results);
        Assert.DoesNotContain("results.xlsx", results);
        Assert.DoesNotContain("answers.csv", results);
    }

    [Fact]
    public async Task TheResultsPageLinksBothDownloads()
    {
        var (client, organization) = await app.NewOrganization("Links");
        var id = Seed(organization, "Linked", [.. Team("seller", "East", 5)]);

        var page = await client.GetPage($"/assessments/{id}/results");

        var links = Html.Parse(page).QuerySelectorAll("a[download]").ToDictionary(a => a.Text(), a => a.GetAttribute("href"));
        Assert.Equal($"/assessments/{id}/results/results.xlsx", links["Results workbook (.xlsx)"]);
        Assert.Equal($"/assessments/{id}/results/answers.csv", links["Anonymous answers (.csv)"]);
    }

    [Fact]
    public async Task AnyOtherFileNameIsNotFound()
    {
        var (client, organization) = await app.NewOrganization("Other names");
        var id = Seed(organization, "Named", [.. Team("seller", "East", 5)]);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/results/answers.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/results/comments.csv")).StatusCode);
    }

    /// <summary><paramref name="count"/> responses of one role and team, each with its own varied answers (some left blank).</summary>
    private static IEnumerable<SurveyResponse> Team(string role, string team, int count, string? comment = null)
    {
        var random = new Random((role.Length * 1000) + (team.Length * 10) + count);
        for (var i = 0; i < count; i++)
        {
            yield return new SurveyResponse
            {
                Role = role,
                Team = team,
                Comment = comment,
                SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow),
                Answers = [.. Full.Items.Select(_ => (byte)random.Next(0, 6))],
            };
        }
    }

    private Guid Seed(Guid organization, string name, IEnumerable<SurveyResponse> responses, int invitations = 0) => app.Service(db =>
    {
        var assessment = new Assessment { OrganizationId = organization, Name = name, Status = AssessmentStatus.Closed, OpenedAt = DateTime.UtcNow.AddDays(-7), ClosedAt = DateTime.UtcNow };
        db.Assessments.Add(assessment);
        for (var i = 0; i < invitations; i++)
        {
            db.Invitations.Add(new Invitation { AssessmentId = assessment.Id, TokenHash = Data.Tokens.Hash(Data.Tokens.New()), Role = "seller", Team = "East" });
        }

        foreach (var response in responses)
        {
            response.AssessmentId = assessment.Id;
            db.SurveyResponses.Add(response);
        }

        db.SaveChanges();
        return assessment.Id;
    });

    private Organization OrganizationById(Guid id) => app.Service(db => db.Organizations.Single(o => o.Id == id));

    /// <summary>The result the results page shows (the engine's, through the app's own scoring service).</summary>
    private ScoreReport Result(Guid assessmentId, Guid organizationId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var scoring = scope.ServiceProvider.GetRequiredService<AssessmentScoring>();
        return scoring.ResultAsync(db.Assessments.Single(a => a.Id == assessmentId), db.Organizations.Single(o => o.Id == organizationId)).GetAwaiter().GetResult();
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex GuidPattern();
}
