using System.Net;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Results;

namespace SalesWheel.Web.Tests.Assessments;

public sealed class EditAndDeleteTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Owner, Guid Organization, Guid Closed)> ClosedWithEverything(string organizationName)
    {
        var (owner, organization) = await app.NewOrganization(organizationName);
        var closed = app.SeedClosedAssessment(organization, "Q3 health check", 8,
            [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", "East", 1 + (i % 5)))]);
        await owner.GetPage($"/assessments/{closed}/results"); // scores it, so there is a cached result to remove
        app.Service(db =>
        {
            var invitation = db.Invitations.First(i => i.AssessmentId == closed);
            db.InvitationTokens.Add(new InvitationToken { TokenHash = Data.Tokens.Hash(Data.Tokens.New()), InvitationId = invitation.Id });
            db.SurveyDrafts.Add(new SurveyDraft { InvitationId = invitation.Id, BrowserId = organization.ToString("N"), Sealed = [1, 2, 3] });
            db.PlannedActions.Add(new PlannedAction { OrganizationId = organization, Title = "Weekly call coaching", Driver = "enablement", AssessmentId = closed });
            return db.SaveChanges();
        });
        return (owner, organization, closed);
    }

    /// <summary>Rows of the assessment and of its organization's survey links and drafts (one assessment per seeded organization).</summary>
    private int RowsOf(Guid organization, Guid assessment) => app.Service(db =>
        db.Invitations.Count(i => i.AssessmentId == assessment)
        + db.SurveyResponses.Count(r => r.AssessmentId == assessment)
        + db.SealedSubmissions.Count(s => s.AssessmentId == assessment)
        + db.AssessmentResults.Count(r => r.AssessmentId == assessment)
        + db.InvitationTokens.Count(t => !db.Invitations.Any(i => i.Id == t.InvitationId))
        + db.SurveyDrafts.Count(d => d.BrowserId == organization.ToString("N")));

    private List<AuditEntry> Audit(Guid organization, string action) =>
        app.Service(db => db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == organization && e.Action == action).ToList());

    [Fact]
    public async Task ADraftsNameFormAndCloseDateCanBeEditedAndTheChangeIsAudited()
    {
        var (owner, organization) = await app.NewOrganization("Edit Co");
        var id = await owner.CreateAssessment("Q3 chek", instrument: "full");
        var detail = Html.Parse(await owner.GetPage($"/assessments/{id}"));
        Assert.Contains(detail.QuerySelectorAll("a"), a => a.Text() == "Edit the draft" && a.GetAttribute("href") == $"/assessments/{id}/edit");

        var closeDate = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var response = await owner.PostForm($"/assessments/{id}/edit", [new("Form.Name", "Q3 check"), new("Form.Instrument", "quick"), new("Form.CloseDate", closeDate)]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = app.Assessment(id);
        Assert.Equal("Q3 check", saved.Name);
        Assert.True(saved.QuickForm);
        Assert.Equal(DateOnly.Parse(closeDate, System.Globalization.CultureInfo.InvariantCulture), saved.CloseDate);
        var entry = Assert.Single(Audit(organization, "draft edited"));
        Assert.Contains("\u201cQ3 chek\u201d, full instrument, closes by hand \u2192 \u201cQ3 check\u201d, quick form, closes " + closeDate, entry.Detail);
    }

    [Fact]
    public async Task ABadEditKeepsWhatWasTypedNamesTheFieldAndChangesNothing()
    {
        var (owner, _) = await app.NewOrganization("Bad Edit Co");
        var id = await owner.CreateAssessment("Kept name");

        var response = await owner.PostForm($"/assessments/{id}/edit", [new("Form.Name", "  "), new("Form.Instrument", "full"), new("Form.CloseDate", "2001-01-01")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.NotNull(AssessmentKit.FieldError(page, "Form.Name"));
        Assert.Contains("in the past", AssessmentKit.FieldError(page, "Form.CloseDate"));
        Assert.Equal("2001-01-01", Html.Parse(page).One("#Form_CloseDate").GetAttribute("value"));
        Assert.Equal("Kept name", app.Assessment(id).Name);
    }

    [Fact]
    public async Task ADraftsInvitationNoteAndSenderNameCanBeEditedAndTheInvitationSaysThem()
    {
        var (owner, organization) = await app.NewOrganization("Note Edit Co");
        var id = await owner.CreateAssessment("Q3 check", instrument: "quick");
        var form = Html.Parse(await owner.GetPage($"/assessments/{id}/edit"));
        Assert.Equal("Owner of Note Edit Co", form.One("input[name='Form.SenderName']").GetAttribute("value"));
        Assert.Equal("", form.One("textarea[name='Form.Note']").TextContent);

        var response = await owner.PostForm($"/assessments/{id}/edit",
            [new("Form.Name", "Q3 check"), new("Form.Instrument", "quick"), new("Form.CloseDate", ""), new("Form.Note", "Why we ask:\r\nto fix what matters."), new("Form.SenderName", "Dana Lee")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = app.Assessment(id);
        Assert.Equal(("Why we ask:\nto fix what matters.", "Dana Lee"), (saved.InvitationNote, saved.SenderName));
        var again = Html.Parse(await owner.GetPage($"/assessments/{id}/edit"));
        Assert.Equal("Dana Lee", again.One("input[name='Form.SenderName']").GetAttribute("value"));
        Assert.Equal("Why we ask:\nto fix what matters.", again.One("textarea[name='Form.Note']").TextContent);
        var preview = Html.Parse(await owner.GetPage($"/assessments/{id}/invitation")).One("[data-email='invitation']");
        Assert.Equal("Dana Lee", preview.One("[data-from-name]").TextContent);
        Assert.Contains("Why we ask:\nto fix what matters.", preview.One("[data-text]").TextContent.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        var entry = Assert.Single(Audit(organization, "draft edited"));
        Assert.EndsWith("; the invitation: from \u201cOwner of Note Edit Co\u201d, no note \u2192 from \u201cDana Lee\u201d, a note of 32 characters", entry.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("fix what matters", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATooLongNoteOnADraftIsRefusedNextToTheFieldKeepsEverythingTypedAndChangesNothing()
    {
        var (owner, _) = await app.NewOrganization("Long Note Edit Co");
        var id = await owner.CreateAssessment("Kept draft");
        var note = new string('n', 1001);

        var response = await owner.PostForm($"/assessments/{id}/edit",
            [new("Form.Name", "Renamed draft"), new("Form.Instrument", "full"), new("Form.Note", note), new("Form.SenderName", "Dana Lee")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("at most 1,000 characters (this one has 1,001)", AssessmentKit.FieldError(page, "Form.Note"));
        var form = Html.Parse(page);
        Assert.Equal(note, form.One("textarea[name='Form.Note']").TextContent);
        Assert.Equal("Dana Lee", form.One("input[name='Form.SenderName']").GetAttribute("value"));
        Assert.Equal("Renamed draft", form.One("input[name='Form.Name']").GetAttribute("value"));
        var kept = app.Assessment(id);
        Assert.Equal(("Kept draft", (string?)null, "Owner of Long Note Edit Co"), (kept.Name, kept.InvitationNote, kept.SenderName));
    }

    [Fact]
    public async Task AnOpenedAssessmentCannotBeEditedOrDeletedUntilItIsClosed()
    {
        var (owner, organization) = await app.NewOrganization("Open Co");
        app.AddPeople(organization, "East", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Running");
        await owner.ActAndRead(id, "Open");

        var detail = Html.Parse(await owner.GetPage($"/assessments/{id}"));
        Assert.DoesNotContain(detail.QuerySelectorAll("a"), a => a.Text() is "Edit the draft" or "Delete");
        var edit = await owner.PostForm($"/assessments/{id}/edit", [new("Form.Name", "Renamed by edit"), new("Form.Instrument", "quick")]);
        Assert.Contains("Only a draft can be edited", await edit.Content.ReadAsStringAsync());
        var deletePage = Html.Parse(await owner.GetPage($"/assessments/{id}/delete"));
        Assert.Contains("Close it first", deletePage.One("[data-refusal='open']").Text());
        Assert.Empty(deletePage.QuerySelectorAll("form button.danger"));
        var signIn = await owner.GetPage("/signin");
        var post = await owner.PostForm($"/assessments/{id}/delete", Html.Antiforgery(signIn), [new("Confirm", "Running")]);
        Assert.Contains("Close it first", await post.Content.ReadAsStringAsync());
        var api = app.Api(await owner.MakeToken("deleter"));
        var problem = await ApiKit.AssertProblem(await api.DeleteAsync($"/api/v1/assessments/{id}?confirm=Running"), HttpStatusCode.Conflict);
        Assert.Contains("Close it first", problem["detail"].Text());

        var kept = app.Assessment(id);
        Assert.Equal(("Running", AssessmentStatus.Open, false), (kept.Name, kept.Status, kept.QuickForm));
        Assert.Equal(3, app.Invitations(id).Count);
    }

    [Fact]
    public async Task ADraftIsDeletedFromItsConfirmationPageWithoutTypingItsName()
    {
        var (owner, organization) = await app.NewOrganization("Draft Delete Co");
        var id = await owner.CreateAssessment("Never sent");

        var confirm = Html.Parse(await owner.GetPage($"/assessments/{id}/delete"));
        Assert.NotNull(confirm.QuerySelector("[data-what='draft']"));
        Assert.Null(confirm.QuerySelector("input[name='Confirm']"));
        var response = await owner.PostForm($"/assessments/{id}/delete", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/assessments", response.Headers.Location?.ToString());
        Assert.Contains("\u201cNever sent\u201d was deleted.", Html.Parse(await owner.GetPage("/assessments")).One("[role=status]").Text());
        Assert.False(app.Service(db => db.Assessments.Any(a => a.Id == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/assessments/{id}")).StatusCode);
        Assert.Contains("Never sent", Assert.Single(Audit(organization, "assessment deleted")).Detail);
    }

    [Fact]
    public async Task AClosedAssessmentGoesOnlyWithItsExactNameTypedAndTakesItsAnswersLinksAndResultsButLeavesThePlan()
    {
        var (owner, organization, closed) = await ClosedWithEverything("Closed Delete Co");
        Assert.Equal(8 + 6 + 1 + 1, RowsOf(organization, closed)); // invitations, responses, the cached result, a draft

        var confirm = Html.Parse(await owner.GetPage($"/assessments/{closed}/delete"));
        Assert.Contains("6 responses", confirm.One("[data-what='answers'] + ul").Text());
        Assert.Contains("8 invitations", confirm.One("[data-what='answers'] + ul").Text());
        var wrong = await owner.PostForm($"/assessments/{closed}/delete", [new("Confirm", "q3 health check")]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("type \u201cQ3 health check\u201d exactly", AssessmentKit.FieldError(wrongPage, "Confirm"));
        Assert.Equal("q3 health check", Html.Parse(wrongPage).One("#Confirm").GetAttribute("value"));
        Assert.True(app.Service(db => db.Assessments.Any(a => a.Id == closed)));

        var right = await owner.PostForm($"/assessments/{closed}/delete", [new("Confirm", " Q3 health check ")]);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.False(app.Service(db => db.Assessments.Any(a => a.Id == closed)));
        Assert.Equal(0, RowsOf(organization, closed));
        var plan = app.Service(db => db.PlannedActions.AsNoTracking().Single(a => a.OrganizationId == organization));
        Assert.Equal(("Weekly call coaching", (Guid?)null), (plan.Title, plan.AssessmentId));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/assessments/{closed}/results")).StatusCode);
        var entry = Assert.Single(Audit(organization, "assessment deleted"));
        Assert.Equal("Q3 health check: closed, 8 invitations, 6 responses", entry.Detail);
    }

    [Fact]
    public async Task DeletingAsksThroughTheSharedConfirmationStepAndAMismatchKeepsWhatWasTypedInItsField()
    {
        var (owner, _, closed) = await ClosedWithEverything("Shared Confirm Co");

        var wrong = await owner.PostForm($"/assessments/{closed}/delete", [new("Confirm", "Q3 health chek")]);

        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var confirm = Html.Parse(await wrong.Content.ReadAsStringAsync()).One("section.confirm");
        Assert.Equal("Delete \u201cQ3 health check\u201d?", confirm.One("h1").Text());
        Assert.Equal("Q3 health chek", confirm.One("input[name='Confirm']").GetAttribute("value"));
        Assert.Equal("true", confirm.One("input[name='Confirm']").GetAttribute("aria-invalid"));
        Assert.Contains("Q3 health check", confirm.One("label[for='Confirm']").Text());
        Assert.Contains("exactly to confirm", confirm.One("[data-valmsg-for='Confirm']").Text());
        Assert.Equal($"/assessments/{closed}/delete", confirm.One("form").GetAttribute("action"));
        Assert.Equal("Delete the assessment", confirm.One("form button.danger").Text());
        Assert.Equal($"/assessments/{closed}", confirm.QuerySelectorAll("form a").Single(a => a.Text() == "Cancel, keep it").GetAttribute("href"));
        Assert.Contains("1 action made from these results", confirm.Text());
        Assert.True(app.Service(db => db.Assessments.Any(a => a.Id == closed)));
    }

    [Fact]
    public async Task TheApiDeletesAClosedAssessmentOnlyWhenTheConfirmParameterRepeatsItsName()
    {
        var (owner, organization, closed) = await ClosedWithEverything("Api Delete Co");
        var api = app.Api(await owner.MakeToken("deleter"));

        var missing = await ApiKit.AssertProblem(await api.DeleteAsync($"/api/v1/assessments/{closed}"), HttpStatusCode.BadRequest);
        Assert.Contains("Q3 health check", Assert.Single(ApiKit.FieldErrors(missing, "confirm")));
        await ApiKit.AssertProblem(await api.DeleteAsync($"/api/v1/assessments/{closed}?confirm=Q3"), HttpStatusCode.BadRequest);
        Assert.True(app.Service(db => db.Assessments.Any(a => a.Id == closed)));

        var deleted = await api.DeleteAsync($"/api/v1/assessments/{closed}?confirm={Uri.EscapeDataString("Q3 health check")}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, RowsOf(organization, closed));
        await api.Get($"/api/v1/assessments/{closed}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherOrganizationsAssessmentIsNotFoundAndAViewerIsRefusedEditAndDelete()
    {
        var (owner, organization, closed) = await ClosedWithEverything("Target Delete Co");
        var draft = await owner.CreateAssessment("A draft");
        var (stranger, _) = await app.NewOrganization("Stranger Delete Co");

        foreach (var url in new[] { $"/assessments/{closed}/delete", $"/assessments/{draft}/delete", $"/assessments/{draft}/edit" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
            var signIn = await stranger.GetPage("/signin");
            var post = await stranger.PostForm(url, Html.Antiforgery(signIn), [new("Confirm", "Q3 health check"), new("Form.Name", "Stolen"), new("Form.Instrument", "full")]);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        var strangerApi = app.Api(await stranger.MakeToken("stranger"));
        await ApiKit.AssertProblem(await strangerApi.DeleteAsync($"/api/v1/assessments/{closed}?confirm=Q3%20health%20check"), HttpStatusCode.NotFound);

        var viewer = await app.NewViewer(organization);
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{closed}/delete"));
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{draft}/edit"));
        var viewerSignIn = await viewer.GetPage("/signin");
        await viewer.AssertForbidden(await viewer.PostForm($"/assessments/{draft}/delete", Html.Antiforgery(viewerSignIn), []));
        Assert.DoesNotContain(Html.Parse(await viewer.GetPage($"/assessments/{closed}")).QuerySelectorAll("a"), a => a.Text() == "Delete");
        var viewerApi = app.Api(await owner.MakeToken("read only", role: "Viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewerApi.DeleteAsync($"/api/v1/assessments/{draft}")).StatusCode);

        Assert.Equal(2, app.Service(db => db.Assessments.Count(a => a.OrganizationId == organization)));
        Assert.Equal("A draft", app.Assessment(draft).Name);
    }
}
