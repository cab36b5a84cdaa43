using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Instruments;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;
using static SalesWheel.Web.Tests.Upload.UploadKit;

namespace SalesWheel.Web.Tests.Upload;

/// <summary>The upload's preview: what a file became before anything is stored, corrected with selects, confirmed once, remembered.</summary>
public sealed class ImportPreviewTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Quick = [.. BuiltInInstrument.Quick.Items.Select(i => i.Id)];

    private (int Assessments, int Responses) Stored() =>
        app.Service(db => (db.Assessments.Count(), db.SurveyResponses.Count()));

    /// <summary>A quick-form file; each row gives every statement the same answer; the first statement's column headed <paramref name="firstHeader"/>.</summary>
    private static string QuickCsv(string firstHeader, params (string Role, string Team, string Answer)[] rows)
    {
        var text = new StringBuilder("role,team,").Append(firstHeader).Append(',').AppendJoin(',', Quick.Skip(1)).Append('\n');
        foreach (var (role, team, answer) in rows)
        {
            text.Append(role).Append(',').Append(team).Append(',').AppendJoin(',', Quick.Select(_ => answer)).Append('\n');
        }

        return text.ToString();
    }

    [Theory]
    [MemberData(nameof(ImportCasesKit.Scorable), MemberType = typeof(ImportCasesKit))]
    public async Task EachToolsExportUploadedThroughThePreviewScoresLikeItsTruthFile(string name)
    {
        var (client, _) = await app.NewOrganization("Case " + name);
        var api = app.Api(await client.MakeToken("results"));

        var export = await client.ConfirmUpload(await client.UploadAnswers(name, "full", ImportCasesKit.Export(name), answersFileName: name + ".csv"));
        var truth = await client.ConfirmUpload(await client.UploadAnswers(name + " (truth)", "full", ImportCasesKit.Truth(name), answersFileName: name + ".truth.csv"));

        Assert.Equal(await api.OverallNumbers(truth), await api.OverallNumbers(export));
    }

    [Fact]
    public async Task NumbersOnlyAnswersAskTheirDirectionAndScoreLikeTheTruthOnlyWhenReversed()
    {
        var (client, _) = await app.NewOrganization("Reversed scale");
        var api = app.Api(await client.MakeToken("results"));
        var truth = await api.OverallNumbers(await client.UploadAndCreate("Truth", "full", Encoding.UTF8.GetString(ImportCasesKit.Truth(ImportCasesKit.Reversed))));

        var preview = await PreviewKit.PreviewOf(await client.UploadAnswers("As read", "full", ImportCasesKit.Export(ImportCasesKit.Reversed)));
        var page = Html.Parse(await client.GetPage(preview));
        Assert.Contains("1 = Strongly disagree", page.One("[data-direction] legend").Text());
        Assert.Equal("as-read", page.One("[data-direction] input:checked").GetAttribute("value"));
        var asRead = await client.ConfirmPreview(preview);

        var reversed = await PreviewKit.PreviewOf(await client.UploadAnswers("Reversed", "full", ImportCasesKit.Export(ImportCasesKit.Reversed)));
        var confirmed = await client.SubmitPreview(reversed, fields => fields.Set("Choices.Direction", "reversed"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var reversedId = Guid.Parse(confirmed.Headers.Location!.ToString()["/assessments/".Length..]);

        Assert.NotEqual(truth, await api.OverallNumbers(asRead)); // the mirror image the issue found stored silently
        Assert.Equal(truth, await api.OverallNumbers(reversedId));
    }

    [Fact]
    public async Task TheConfirmedMappingIsUsedForTheNextUploadUntilThePersonStartsFresh()
    {
        var (client, _) = await app.NewOrganization("Remembered");
        var api = app.Api(await client.MakeToken("results"));
        var truth = await api.OverallNumbers(await client.UploadAndCreate("Truth", "full", Encoding.UTF8.GetString(ImportCasesKit.Truth(ImportCasesKit.Reversed))));
        var first = await PreviewKit.PreviewOf(await client.UploadAnswers("Wave 1", "full", ImportCasesKit.Export(ImportCasesKit.Reversed)));
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitPreview(first, fields => fields.Set("Choices.Direction", "reversed"))).StatusCode);

        var next = await PreviewKit.PreviewOf(await client.UploadAnswers("Wave 2", "full", ImportCasesKit.Export(ImportCasesKit.Reversed)));
        var page = Html.Parse(await client.GetPage(next));
        Assert.Contains("Using your last mapping", page.One("[data-last-mapping]").Text());
        Assert.Equal("reversed", page.One("[data-direction] input:checked").GetAttribute("value"));
        Assert.Equal(truth, await api.OverallNumbers(await client.ConfirmPreview(next)));

        var fresh = await PreviewKit.PreviewOf(await client.UploadAnswers("Wave 3", "full", ImportCasesKit.Export(ImportCasesKit.Reversed)));
        var startFresh = await client.PostForm(fresh, [], $"{fresh}?handler=Fresh");
        Assert.Equal(HttpStatusCode.Redirect, startFresh.StatusCode);
        page = Html.Parse(await client.GetPage(fresh));
        Assert.Empty(page.QuerySelectorAll("[data-last-mapping]"));
        Assert.Equal("as-read", page.One("[data-direction] input:checked").GetAttribute("value"));
    }

    [Fact]
    public async Task AFileWithATypoIsRefusedNamingItsSpreadsheetRowAndFileLineAndNothingIsKept()
    {
        var (client, _) = await app.NewOrganization("Typo");
        var before = Stored();
        var pendingBefore = app.Service(db => db.PendingUploads.Count());

        var response = await client.UploadAnswers("Typo", "full", ImportCasesKit.Export(ImportCasesKit.Typo), answersFileName: "typo.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was stored.", page.Body!.Text());
        Assert.Contains(page.Texts(".answer-problems li"), problem => problem.Contains("spreadsheet row 8 (file line 12)", StringComparison.Ordinal) && problem.Contains("44", StringComparison.Ordinal));
        Assert.Equal("Typo", page.One("#Form_Name").GetAttribute("value")); // the form is kept
        Assert.Equal(before, Stored());
        Assert.Equal(pendingBefore, app.Service(db => db.PendingUploads.Count()));
    }

    [Fact]
    public async Task NothingIsStoredBeforeTheConfirmationAndConfirmingAgainGoesToTheSameAssessment()
    {
        var (client, _) = await app.NewOrganization("Twice");
        var csv = QuickCsv(Quick[0], [.. Enumerable.Range(0, 6).Select(_ => ("seller", "East", "4"))]);
        var before = Stored();

        var preview = await PreviewKit.PreviewOf(await client.UploadAnswers("Once", "quick", csv));
        var page = await client.GetPage(preview);
        Assert.Equal(before, Stored());
        Assert.Equal("Import 6 respondents", Html.Parse(page).One("[data-confirm-import]").Text());

        var antiforgery = Html.Antiforgery(page);
        var first = await client.PostForm($"{preview}?handler=Confirm", antiforgery, []);
        var again = await client.PostForm($"{preview}?handler=Confirm", antiforgery, []); // the browser's "resend the form?"

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal((before.Assessments + 1, before.Responses + 6), Stored());
        Assert.Equal(first.Headers.Location, (await client.GetAsync(preview)).Headers.Location); // the preview itself now goes there too
    }

    [Fact]
    public async Task AColumnIsRetargetedAndNearDuplicateRolesMergedWithTheSelectsAndBothAreKeptOnTheNextPage()
    {
        var (client, _) = await app.NewOrganization("Corrections");
        var csv = QuickCsv("Our first answer", [
            ("Seller", "East", "4"), ("Seller", "East", "4"), ("Seller", "East", "4"), ("seller", "East", "2"), ("seller ", "East", "2"), ("Leader", "East", "3")]);
        var preview = await PreviewKit.PreviewOf(await client.UploadAnswers("Corrected", "quick", csv));
        var page = Html.Parse(await client.GetPage(preview));
        var column = PreviewKit.ColumnField(page, "Our first answer");
        Assert.Equal("ignored", page.One($"select[name='{column}'] option:checked").GetAttribute("value"));
        Assert.Contains(Quick[0], page.Texts("[data-without-column] li").Select(t => t.Split(' ')[0]));
        var merge = page.One("[data-merge='role'] input");
        Assert.Contains("into \u201cSeller\u201d", page.One("[data-merge='role']").Text());

        var applied = await client.SubmitPreview(preview, fields =>
        {
            fields.Set(column, "item:" + Quick[0]);
            fields.Set("Choices.Merges", merge.GetAttribute("value")!);
        }, handler: "Apply");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode); // kept on the pending upload, read again on GET

        page = Html.Parse(await client.GetPage(preview));
        Assert.Equal("item:" + Quick[0], page.One($"select[name='{column}'] option:checked").GetAttribute("value"));
        Assert.Empty(page.QuerySelectorAll("[data-without-column]"));
        Assert.Equal(["Seller", "Leader"], page.Table("Values of role").Rows().Select(r => r["Value"].Text()));
        var id = await client.ConfirmPreview(preview);

        var stored = app.OpenedResponses(id);
        Assert.Equal(5, stored.Count(r => r.Role == "Seller"));
        var first = BuiltInInstrument.Quick.Items.ToList().FindIndex(i => i.Id == Quick[0]);
        Assert.All(stored, r => Assert.NotEqual(0, r.Answers[first])); // the retargeted column's answers are stored
    }

    [Fact]
    public async Task AnAnswerReadAsTheWrongScalePointIsCorrectedWithItsSelect()
    {
        var (client, _) = await app.NewOrganization("Values");
        var csv = QuickCsv(Quick[0], [.. Enumerable.Range(0, 6).Select(_ => ("seller", "East", "Agree"))]);
        var preview = await PreviewKit.PreviewOf(await client.UploadAnswers("Labels", "quick", csv));
        var page = Html.Parse(await client.GetPage(preview));
        var agree = PreviewKit.ValueField(page, "Agree");
        Assert.Equal("4", page.One($"select[name='{agree}'] option:checked").GetAttribute("value"));

        var confirmed = await client.SubmitPreview(preview, fields => fields.Set(agree, "5"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var id = Guid.Parse(confirmed.Headers.Location!.ToString()["/assessments/".Length..]);
        Assert.All(app.OpenedResponses(id), r => Assert.All(r.Answers, b => Assert.Equal(5, b))); // stored as value − min + 1
    }

    [Fact]
    public async Task AnAnswerNotOnTheScaleIsListedRefusedUntilChosenThenScoresLikeTheFileWithThatLabel()
    {
        const string google = "01_google_forms_grid_labels";
        var (client, _) = await app.NewOrganization("Unknown value");
        var api = app.Api(await client.MakeToken("results"));
        var withAgree = Encoding.UTF8.GetString(ImportCasesKit.Export(google));
        var withMostly = withAgree.Replace(",Agree,", ",Largely agree,", StringComparison.Ordinal).Replace(",Agree\n", ",Largely agree\n", StringComparison.Ordinal);
        Assert.NotEqual(withAgree, withMostly);
        var expected = await api.OverallNumbers(await client.UploadAndCreate("With Agree", "full", withAgree));

        var preview = await PreviewKit.PreviewOf(await client.UploadAnswers("With Largely agree", "full", withMostly));
        var page = Html.Parse(await client.GetPage(preview));
        var row = page.One("tr[data-value='Largely agree']");
        Assert.Equal("true", row.GetAttribute("data-unknown"));
        Assert.Equal("", page.One($"select[name='{PreviewKit.ValueField(page, "Largely agree")}'] option:checked").GetAttribute("value"));
        var before = Stored();

        var refused = await client.SubmitPreview(preview);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("\u201cLargely agree\u201d", Html.Parse(await refused.Content.ReadAsStringAsync()).One("[data-refusal]").Text(), StringComparison.Ordinal);
        Assert.Equal(before, Stored());

        var confirmed = await client.SubmitPreview(preview, fields => fields.Set(PreviewKit.ValueField(page, "Largely agree"), "4"));

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var id = Guid.Parse(confirmed.Headers.Location!.ToString()["/assessments/".Length..]);
        Assert.Equal(expected, await api.OverallNumbers(id));
    }

    [Fact]
    public async Task AnUploadWhoseHourHasPassedSaysSoAndLeadsBackToTheUploadWithNothingStored()
    {
        var (owner, _) = await app.NewOrganization("Expired upload");
        var csv = QuickCsv(Quick[0], [.. Enumerable.Range(0, 6).Select(_ => ("seller", "East", "4"))]);
        var preview = await PreviewKit.PreviewOf(await owner.UploadAnswers("Late", "quick", csv));
        var before = Stored();
        app.Service(db => db.PendingUploads.ExecuteUpdate(u => u.SetProperty(p => p.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        var late = await owner.GetAsync(preview);

        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        var page = await late.Content.ReadAsStringAsync();
        Assert.Contains("waits 60 minutes for its preview to be confirmed", page);
        Assert.Contains("href=\"/assessments/upload\"", page);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostForm($"{preview}?handler=Confirm", Html.Antiforgery(await owner.GetPage(Page)), [])).StatusCode);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task AnotherOrganizationsPendingUploadAndReplacePageAreNotFoundAndAViewerIsRefused()
    {
        var (owner, organization) = await app.NewOrganization("Pending owner");
        var (stranger, _) = await app.NewOrganization("Pending stranger");
        var csv = QuickCsv(Quick[0], [.. Enumerable.Range(0, 6).Select(_ => ("seller", "East", "4"))]);
        var uploaded = await owner.UploadAndCreate("Uploaded", "quick", csv);
        var preview = await PreviewKit.PreviewOf(await owner.UploadAnswers("Pending", "quick", csv));
        var before = Stored();

        var strangers = await stranger.GetAsync(preview);
        Assert.Equal(HttpStatusCode.NotFound, strangers.StatusCode);
        // The words an expired upload gets: nothing tells the stranger that this id is someone else's live upload.
        Assert.Contains("This uploaded file is not kept any more", await strangers.Content.ReadAsStringAsync());
        var antiforgery = Html.Antiforgery(await stranger.GetPage(Page));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostForm($"{preview}?handler=Confirm", antiforgery, [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostForm($"{preview}?handler=Fresh", antiforgery, [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{uploaded}/replace")).StatusCode);
        var viewer = await app.NewViewer(organization);
        await viewer.AssertForbidden(await viewer.GetAsync(preview));
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{uploaded}/replace"));

        Assert.Equal(before, Stored());
        await owner.ConfirmPreview(preview); // still there for its own organization
    }

    [Fact]
    public async Task ReplacingTheAnswersOfAnUploadGoesThroughThePreviewAndKeepsTheAssessment()
    {
        var (client, organization) = await app.NewOrganization("Replace");
        var id = await client.UploadAndCreate("Q3 export", "quick", QuickCsv(Quick[0], [.. Enumerable.Range(0, 6).Select(_ => ("seller", "East", "2"))]));
        Assert.Contains($"/assessments/{id}/replace", Html.Parse(await client.GetPage($"/assessments/{id}")).QuerySelectorAll("a").Select(a => a.GetAttribute("href")));

        var replacement = QuickCsv(Quick[0], [.. Enumerable.Range(0, 7).Select(_ => ("leader", "West", "5"))]);
        var content = new MultipartFormDataContent { { new StringContent(Html.Antiforgery(await client.GetPage($"/assessments/{id}/replace"))), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(replacement));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "AnswersFile", "corrected.csv");
        var preview = await PreviewKit.PreviewOf(await client.PostAsync($"/assessments/{id}/replace", content));
        Assert.Contains("The answers of \u201cQ3 export\u201d will be replaced", Html.Parse(await client.GetPage(preview)).Body!.Text());
        Assert.Equal(6, app.OpenedResponses(id).Count); // nothing changed yet
        var before = Stored();

        Assert.Equal(id, await client.ConfirmPreview(preview));

        var stored = app.OpenedResponses(id);
        Assert.Equal(7, stored.Count);
        Assert.All(stored, r => Assert.Equal(("leader", "West"), (r.Role, r.Team)));
        Assert.Equal(before.Assessments, Stored().Assessments);
        var entry = app.Service(db => db.AuditEntries.AsNoTracking().Single(e => e.OrganizationId == organization && e.Action == "answers replaced"));
        Assert.Equal("Q3 export: 6 responses replaced by 7 responses from the upload page; quick form; broken down by role and team", entry.Detail);
    }

    [Fact]
    public async Task AnUploadedAssessmentIsDeletedWithItsAnswersOnceItsNameIsTyped()
    {
        var (client, _) = await app.NewOrganization("Delete upload");
        var id = await client.UploadAndCreate("Wrong file", "quick", QuickCsv(Quick[0], [.. Enumerable.Range(0, 6).Select(_ => ("seller", "East", "4"))]));

        var refused = await client.PostForm($"/assessments/{id}/delete", [new("Confirm", "")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(6, app.OpenedResponses(id).Count);

        var deleted = await client.PostForm($"/assessments/{id}/delete", [new("Confirm", "Wrong file")]);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}")).StatusCode);
        Assert.Empty(app.OpenedResponses(id));
    }
}
