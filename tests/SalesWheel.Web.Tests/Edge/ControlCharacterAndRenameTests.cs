using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Instruments;
using SalesWheel.Tests.Exports;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Results;

namespace SalesWheel.Web.Tests.Edge;

public sealed class ControlCharacterTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const char VerticalTab = '\u000b';

    private static bool HasControl(string text) => text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    /// <summary>Names already stored with control characters (from before, or from a file): every page and download still works.</summary>
    [Fact]
    public async Task AControlCharacterInANameBreaksNoPageImagePdfWorkbookOrCsv()
    {
        var (owner, organization) = await app.NewOrganization("Slide Co");
        app.Service(db =>
        {
            db.Organizations.Single(o => o.Id == organization).Name = $"Slide{VerticalTab}Co\u0001";
            return db.SaveChanges();
        });
        var id = app.SeedClosedAssessment(organization, $"Q3{VerticalTab}review", 0,
            [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", $"Enter{VerticalTab}prise", 1 + (i % 5))),
             .. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("manager", "SMB\u001f", 1 + ((i + 2) % 5)))]);

        foreach (var url in new[] { $"/assessments/{id}/results", $"/assessments/{id}", "/assessments", "/settings" })
        {
            var page = await owner.GetPage(url);
            Assert.False(HasControl(page), $"{url} carries a control character");
        }

        var svg = await owner.GetAsync($"/assessments/{id}/results/wheel.svg");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        var wheel = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        Assert.Contains("Q3 review", wheel.Root!.Value);

        var png = await owner.GetAsync($"/assessments/{id}/results/wheel.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);

        var pdf = await owner.GetAsync($"/assessments/{id}/results/report.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync()));

        var xlsx = await owner.GetAsync($"/assessments/{id}/results/results.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var book = Workbook.Read(await xlsx.Content.ReadAsByteArrayAsync());
        var cells = book.SheetNames.SelectMany(s => book[s]).SelectMany(r => r).OfType<string>().ToList();
        Assert.Contains("Enter prise", cells);
        Assert.DoesNotContain(cells, HasControl);

        var csv = await owner.GetAsync($"/assessments/{id}/results/answers.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.False(HasControl(text));
        var read = ResponsesCsv.Read(new MemoryStream(await csv.Content.ReadAsByteArrayAsync()), "answers.csv", BuiltInInstrument.Full, ["role", "team"]);
        Assert.Contains("Enter prise", read.Responses.Attributes[1].Values);

        var api = app.Api(await owner.MakeToken("reader", "Admin"));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/assessments/{id}/results")).StatusCode);
    }

    [Fact]
    public async Task ControlCharactersTypedOrSentAreSpacesBeforeTheyAreStored()
    {
        var (owner, organization) = await app.NewOrganization("Typed Co");
        var saved = await owner.PostForm("/settings", [new("Form.Name", $"Typed{VerticalTab}Co"), new("Form.Phase", ""), new("Form.Acv", ""), new("Form.MinimumGroupSize", "5")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Typed Co", app.Service(db => db.Organizations.Single(o => o.Id == organization).Name));

        var api = app.Api(await owner.MakeToken("writer", "Admin"));
        var created = await api.Post("/api/v1/assessments", new { name = $"Api{VerticalTab}made", instrument = "full" }, HttpStatusCode.Created);
        Assert.Equal("Api made", created["name"].Text());
    }
}

public sealed class RenameAssessmentTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task AnAdminRenamesAnAssessmentOnItsPageAndTheChangeIsAudited()
    {
        var (owner, organization) = await app.NewOrganization("Rename Co");
        var id = app.SeedClosedAssessment(organization, "Q3\u000breveiw", 0);
        Assert.Contains($"/assessments/{id}/rename", await owner.GetPage($"/assessments/{id}"));

        var refused = await owner.PostForm($"/assessments/{id}/rename", [new("Name", "   ")]);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Give the assessment a name, for example \u201cQ3 sales health check\u201d.", AssessmentKit.FieldError(page, "Name"));

        var response = await owner.PostForm($"/assessments/{id}/rename", [new("Name", "Q3 review\u0007 ")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/assessments/{id}", response.Headers.Location?.ToString());
        Assert.Equal("Q3 review", app.Assessment(id).Name);
        var audit = app.Service(db => db.AuditEntries.Where(e => e.OrganizationId == organization && e.Action == "assessment renamed").Select(e => e.Detail).Single());
        Assert.Equal("\u201cQ3 reveiw\u201d \u2192 \u201cQ3 review\u201d", audit);
    }

    [Fact]
    public async Task AViewerCannotRenameAndAnotherOrganizationsAssessmentIsNotFound()
    {
        var (_, organization) = await app.NewOrganization("Holder Co");
        var id = app.SeedClosedAssessment(organization, "Mine", 0);
        var viewer = await app.NewViewer(organization);
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{id}/rename"));

        var (stranger, _) = await app.NewOrganization("Stranger Co");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{id}/rename")).StatusCode);
        var post = await stranger.PostForm("/assessments", [], $"/assessments/{id}/rename");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("Mine", app.Assessment(id).Name);
    }

    [Fact]
    public async Task TheApiRenamesWithTheSameRulesAndAuditAndKeepsOrganizationsApart()
    {
        var (owner, organization) = await app.NewOrganization("Api Rename Co");
        var id = app.SeedClosedAssessment(organization, "Before", 0);
        var admin = app.Api(await owner.MakeToken("writer", "Admin"));
        var viewer = app.Api(await owner.MakeToken("reader", "Viewer"));

        var renamed = await admin.Json(HttpMethod.Patch, $"/api/v1/assessments/{id}", new { name = "After\u000bwards" });
        Assert.Equal("After wards", renamed["name"].Text());
        Assert.Equal("After wards", app.Assessment(id).Name);
        Assert.Contains(app.Service(db => db.AuditEntries.Where(e => e.OrganizationId == organization).Select(e => e.Action).ToList()), a => a == "assessment renamed");

        var invalid = await ApiKit.AssertProblem(await admin.PatchAsJsonAsync($"/api/v1/assessments/{id}", new { name = "" }), HttpStatusCode.BadRequest);
        Assert.NotEmpty(ApiKit.FieldErrors(invalid, "name"));
        await ApiKit.AssertProblem(await viewer.PatchAsJsonAsync($"/api/v1/assessments/{id}", new { name = "Viewer's" }), HttpStatusCode.Forbidden);

        var (stranger, _) = await app.NewOrganization("Api Stranger Co");
        var other = app.Api(await stranger.MakeToken("nosy", "Admin"));
        await ApiKit.AssertProblem(await other.PatchAsJsonAsync($"/api/v1/assessments/{id}", new { name = "Taken" }), HttpStatusCode.NotFound);
        Assert.Equal("After wards", app.Assessment(id).Name);
    }
}
