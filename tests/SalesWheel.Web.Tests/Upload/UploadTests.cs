using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Assessments;
using SalesWheel.Web.Tests.Assessments;
using static SalesWheel.Web.Tests.Upload.UploadKit;

using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Upload;

public sealed class UploadTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Quick = [.. BuiltInInstrument.Quick.Items.Select(i => i.Id)];

    /// <summary>A quick-form file with a role and a team column; each row gives every statement the same answer.</summary>
    private static string QuickCsv(params (string Role, string Team, string Answer)[] rows)
    {
        var text = new StringBuilder("role,team,").AppendJoin(',', Quick).Append('\n');
        foreach (var (role, team, answer) in rows)
        {
            text.Append(role).Append(',').Append(team).Append(',').AppendJoin(',', Quick.Select(_ => answer)).Append('\n');
        }

        return text.ToString();
    }

    private (int Assessments, int Responses) Stored() =>
        app.Service(db => (db.Assessments.Count(), db.SurveyResponses.Count()));

    [Fact]
    public async Task EveryBadCellIsNamedByLineAndColumnAndNothingIsStored()
    {
        var (client, _) = await app.NewOrganization("Bad cells");
        var before = Stored();
        var csv = new StringBuilder("role,team,").AppendJoin(',', Quick).Append('\n')
            .Append("seller,East,").AppendJoin(',', Quick.Select(_ => "4")).Append('\n')
            .Append("seller,East,x,").AppendJoin(',', Quick.Skip(1).Select(_ => "4")).Append('\n')
            .Append("leader,West,4,6,2.5,").AppendJoin(',', Quick.Skip(3).Select(_ => "4")).Append('\n')
            .Append("leader,West,").AppendJoin(',', Quick.SkipLast(1).Select(_ => "3")).Append(",0\n")
            .ToString();

        var response = await client.UploadAnswers("Q3 from Typeform", "quick", csv);
        var page = await response.Content.ReadAsStringAsync();
        var text = Text(page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was stored.", text);
        Assert.Contains("answers.csv has 4 problems.", text);
        Assert.Contains($"line 3, column {Quick[0]}: \"x\" is not a whole number on the scale 1..5", text);
        Assert.Contains($"line 4, column {Quick[1]}: 6 is outside the scale 1..5", text);
        Assert.Contains($"line 4, column {Quick[2]}: \"2.5\" is not a whole number on the scale 1..5", text);
        Assert.Contains($"line 5, column {Quick[^1]}: 0 is outside the scale 1..5", text);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task AFileWithManyBadCellsListsTheFirstFiftyAndCountsTheRest()
    {
        var (client, _) = await app.NewOrganization("Many bad cells");
        var before = Stored();
        var csv = QuickCsv([.. Enumerable.Range(0, 8).Select(_ => ("seller", "East", "9"))]); // 8 rows × 16 statements

        var text = Text(await (await client.UploadAnswers("Too many", "quick", csv)).Content.ReadAsStringAsync());

        var total = 8 * Quick.Length;
        Assert.Contains($"answers.csv has {total} problems.", text);
        Assert.Equal(50, text.Split(": 9 is outside the scale 1..5").Length - 1);
        Assert.Contains($"… and {total - 50} more", text);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task AnInvalidInstrumentFileHasEachProblemNamedAndNothingIsStored()
    {
        var (client, _) = await app.NewOrganization("Bad instrument");
        var before = Stored();
        const string instrument = """
            { "id": "mine", "name": "Mine", "version": "1", "scale": { "min": 1, "max": 3 },
              "dimensions": [ { "id": "a", "name": "A", "items": [ { "id": "A1", "text": "One" }, { "id": "A1", "text": "Two" } ] },
                              { "id": "b", "name": "B", "items": [] } ] }
            """;

        var text = Text(await (await client.UploadAnswers("Own words", "custom", "A1\n3\n", instrument)).Content.ReadAsStringAsync());

        Assert.Contains("instrument.json is not a valid instrument file: 3 problems to fix.", text);
        Assert.Contains("scale: 1..3 has 3 points; a scale must have 4 to 11 points", text);
        Assert.Contains("duplicate item id \"A1\"", text);
        Assert.Contains("dimensions[1] (\"b\").items: must be a non-empty array of items", text);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task ColumnsCalledRoleAndTeamInAnyCapitalsArePickedWithoutBeingNamed()
    {
        var (client, _) = await app.NewOrganization("Auto columns");
        var csv = QuickCsv([.. Enumerable.Range(0, 5).Select(_ => ("Seller", "EMEA", "4"))]).Replace("role,team,", "ROLE,Team,");

        var id = await client.UploadAndCreate("Auto", "quick", csv);

        var stored = app.OpenedResponses(id).Select(r => new { r.Role, r.Team }).ToList();
        Assert.Equal(5, stored.Count);
        Assert.All(stored, r => Assert.Equal(("Seller", "EMEA"), (r.Role, r.Team)));
        var detail = Text(await client.GetPage($"/assessments/{id}"));
        Assert.Contains("Done. 5 responses uploaded. Roles from the column “ROLE”. Teams from the column “Team”.", detail);
        Assert.Contains("Answers uploaded from a file on", detail);
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public async Task AnswersSavedAsUtf16WithAByteOrderMarkAreReadAsWritten(string encodingName)
    {
        var (client, _) = await app.NewOrganization("UTF-16 " + encodingName);
        var encoding = Encoding.GetEncoding(encodingName);
        var csv = QuickCsv([.. Enumerable.Range(0, 5).Select(_ => ("Seller", "Île-de-France", "4"))]);

        var response = await client.UploadAnswers("Legacy export", "quick", [.. encoding.GetPreamble(), .. encoding.GetBytes(csv)]);

        var id = await client.ConfirmUpload(response);
        var stored = app.OpenedResponses(id);
        Assert.Equal(5, stored.Count);
        Assert.All(stored, r => Assert.Equal(("Seller", "Île-de-France"), (r.Role, r.Team)));
    }

    [Fact]
    public async Task AnswersInAnEncodingThatHadToBeGuessedAreReadAsWindows1252WithTheGuessShownBeforeAnythingIsStored()
    {
        // Issue 12: one decoding policy everywhere (CLI, page, API): Windows-1252 as the fallback, with a visible note.
        var (client, _) = await app.NewOrganization("Windows 1252");
        var csv = QuickCsv([.. Enumerable.Range(0, 5).Select(_ => ("Seller", "Île-de-France", "4"))]);
        var before = Stored();

        var preview = await PreviewKit.PreviewOf(await client.UploadAnswers("Legacy export", "quick", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(csv)));

        var page = Html.Parse(await client.GetPage(preview));
        Assert.Equal(SalesWheel.Core.Text.CsvText.Windows1252Note, page.One("[data-encoding-note]").Text());
        Assert.Equal(before, Stored());
        var id = await client.ConfirmPreview(preview);
        Assert.All(app.OpenedResponses(id), r => Assert.Equal(("Seller", "Île-de-France"), (r.Role, r.Team)));
    }

    [Fact]
    public async Task TheFormKeepsTheNameAndChoicesAndSaysTheFilesMustBeChosenAgain()
    {
        var (client, _) = await app.NewOrganization("Keeps values");
        var csv = QuickCsv(("seller", "East", "4"), ("seller", "East", "x")).Replace("team,", "Region,");

        var response = await client.UploadAnswers("Q3 <from> Typeform", "quick", csv, roleColumn: "Function", teamColumn: "Region");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("value=\"Q3 &lt;from&gt; Typeform\"", page);
        Assert.Matches("<input type=\"radio\" name=\"Form.Instrument\" value=\"quick\" checked=\"checked\" />", page);
        Assert.DoesNotMatch("value=\"full\" checked", page);
        Assert.Contains("value=\"Function\"", page);
        Assert.Contains("value=\"Region\"", page);
        Assert.Equal("The file has no column called “Function”. Its other columns are: “role”, “Region”. Leave this empty for none.",
            AssessmentKit.FieldError(page, "Form.RoleColumn"));
        Assert.Null(AssessmentKit.FieldError(page, "Form.TeamColumn"));
        Assert.Contains($"line 3, column {Quick[0]}: \"x\" is not a whole number", Text(page)); // the cells are checked all the same
        Assert.Equal(2, Text(page).Split("Choose the file again: a browser does not keep chosen files after the page is sent.").Length - 1);
        Assert.Contains("<option value=\"Region\"></option>", page); // the file's columns offered for the next try
    }

    [Fact]
    public async Task AViewerCannotOpenTheUploadPageNorUpload()
    {
        var (_, organization) = await app.NewOrganization("Viewer upload");
        var viewer = await app.NewViewer(organization);
        var before = Stored();

        await viewer.AssertForbidden(await viewer.GetAsync(Page));
        var token = Html.Antiforgery(await viewer.GetPage("/signin"));
        var response = await viewer.UploadAnswers("Sneaky", "quick", QuickCsv([.. Enumerable.Range(0, 5).Select(_ => ("seller", "East", "4"))]), antiforgery: token);
        await viewer.AssertForbidden(response);
        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task AnotherOrganizationsUploadedAssessmentIsNotFoundOnEveryRoute()
    {
        var (owner, _) = await app.NewOrganization("Owner of the upload");
        var id = await owner.UploadAndCreate("Private", "quick", QuickCsv([.. Enumerable.Range(0, 6).Select(_ => ("seller", "East", "4"))]));
        var (stranger, _) = await app.NewOrganization("Stranger");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{id}/links.csv")).StatusCode);
        foreach (var handler in new[] { "Open", "Remind", "Close" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Act(id, handler)).StatusCode);
        }

        Assert.DoesNotContain("Private", await stranger.GetPage("/assessments"));
    }

    [Fact]
    public async Task AnUploadedAssessmentCannotBeOpenedRemindedClosedOrAnswered()
    {
        var (client, organization) = await app.NewOrganization("No survey");
        var people = app.AddPeople(organization, "East", PersonRole.Seller, 6);
        var id = await client.UploadAndCreate("Imported", "quick", QuickCsv([.. Enumerable.Range(0, 6).Select(_ => ("seller", "East", "4"))]));

        var detail = Text(await client.GetPage($"/assessments/{id}"));
        Assert.DoesNotContain("Open and invite", detail);
        Assert.DoesNotContain("Send a reminder", detail);
        Assert.DoesNotContain("Close now", detail);
        foreach (var handler in new[] { "Open", "Remind", "Close" })
        {
            var page = Text(await client.ActAndRead(id, handler));
            Assert.Contains("Nothing was changed. " + AssessmentActions.UploadedRefusal, page);
        }

        Assert.Empty(app.Invitations(id));
        Assert.Equal(AssessmentStatus.Closed, app.Assessment(id).Status);
        Assert.All(people, person => Assert.Empty(app.Mailbox(person.Email))); // no invitation was written to the outbox

        // Even a personal link made by hand for it is turned away as closed.
        var token = Tokens.New();
        app.Service(db =>
        {
            db.Invitations.Add(new Invitation { AssessmentId = id, TokenHash = Tokens.Hash(token), Role = "seller", Team = "East" });
            return db.SaveChanges();
        });
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/s/{token}")).StatusCode);
    }

    [Fact]
    public async Task StoredRowsDoNotFollowTheFilesRowOrder()
    {
        var (client, _) = await app.NewOrganization("Row order");
        // 40 rows, each with its own answers (the row number in base 5 over the first three statements).
        var rows = Enumerable.Range(0, 40).Select(i => new[] { 1 + (i % 5), 1 + (i / 5 % 5), 1 + (i / 25) }).ToList();
        var csv = new StringBuilder("role,team,").AppendJoin(',', Quick.Take(3)).Append('\n');
        foreach (var row in rows)
        {
            csv.Append("seller,East,").AppendJoin(',', row).Append('\n');
        }

        var id = await client.UploadAndCreate("Order", "quick", csv.ToString());

        var fileOrder = rows.Select(r => string.Join(',', r)).ToList();
        string Key(byte[] answers) => string.Join(',', answers.Take(3));
        var insertion = app.Service(db => db.SurveyResponses.FromSqlRaw(TestDatabase.InInsertionOrder("SELECT * FROM \"SurveyResponses\""))
            .AsNoTracking().Where(r => r.AssessmentId == id).Select(r => r.Answers).ToList()).Select(Key).ToList();
        var byId = app.Service(db => db.SurveyResponses.AsNoTracking().Where(r => r.AssessmentId == id).OrderBy(r => r.Id).Select(r => r.Answers).ToList()).Select(Key).ToList();

        Assert.Equal(fileOrder.Order(), insertion.Order()); // the same answers…
        Assert.NotEqual(fileOrder, insertion); // …not in the file's order (1 chance in 40! of a false alarm)
        Assert.NotEqual(fileOrder, byId);
    }

    [Fact]
    public async Task TheAuditLogRecordsTheUploadWithCountsOnly()
    {
        var (client, organization) = await app.NewOrganization("Audit upload");
        var csv = QuickCsv([.. Enumerable.Range(0, 7).Select(_ => ("seller", "Zanzibar", "4")), ("seller", "Zanzibar", "")]);

        await client.UploadAndCreate("Audited", "quick", csv);

        var entry = app.Service(db => db.AuditEntries.AsNoTracking().Single(e => e.OrganizationId == organization && e.Action == "answers uploaded"));
        Assert.Equal("Audited: 7 responses uploaded, 1 empty row skipped; quick form; broken down by role and team", entry.Detail);
    }

    [Fact]
    public async Task AnAnswersFileOverTheSizeOrRowLimitIsRefusedWithTheLimitNamed()
    {
        var (client, _) = await app.NewOrganization("Limits");
        var before = Stored();

        var rows = Quick[0] + "\n" + string.Concat(Enumerable.Repeat("3\n", UploadModel.MaximumRows + 1));
        var text = Text(await (await client.UploadAnswers("Too many rows", "quick", rows)).Content.ReadAsStringAsync());
        Assert.Contains("answers.csv has 100,001 rows; one upload takes at most 100,000.", text);

        var big = new byte[UploadModel.MaximumFileBytes + 1];
        Array.Fill(big, (byte)'\n');
        text = Text(await (await client.UploadAnswers("Too big", "quick", big)).Content.ReadAsStringAsync());
        Assert.Contains("answers.csv is larger than 20 MB, the most one upload takes", text);

        var huge = new byte[UploadModel.MaximumRequestBytes + 1];
        var response = await client.UploadAnswers("Far too big", "quick", huge);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/assessments/upload?too-large=true", response.Headers.Location!.ToString());
        Assert.Contains("Nothing was uploaded: the files were too large.", Text(await client.GetPage(response.Headers.Location!.ToString())));

        Assert.Equal(before, Stored());
    }

    [Fact]
    public async Task TheAssessmentsListLinksToTheUploadAndTheTemplateHasTheStatementColumns()
    {
        var (client, _) = await app.NewOrganization("Links");

        Assert.Contains("<a href=\"/assessments/upload\">Upload answers from another tool</a>", await client.GetPage("/assessments"));
        var template = await client.GetPage(Page + "?handler=Template&form=quick");
        Assert.Equal("role,team," + string.Join(',', Quick) + "\r\n", template);
    }
}
