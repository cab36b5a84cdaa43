using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MimeKit;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Assessments;
using SalesWheel.Web.Tests.Api;

namespace SalesWheel.Web.Tests.Assessments;

/// <summary>The invitation's note and sender name, the emails made from them, and their preview.</summary>
public sealed partial class InvitationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Note = "Team, <script>alert('x')</script> Q&A on Friday.\nSecond line & last.";

    private static async Task<Guid> CreateWithNote(HttpClient owner, string name, string note, string senderName)
    {
        var response = await owner.PostForm("/assessments/new",
            [new("Form.Name", name), new("Form.Instrument", "quick"), new("Form.CloseDate", ""), new("Form.Note", note), new("Form.SenderName", senderName)]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.ToString()["/assessments/".Length..]);
    }

    /// <summary>Every message written to the outbox for the address, as MIME.</summary>
    private List<MimeMessage> MessagesTo(string address) =>
        [.. Directory.EnumerateFiles(app.OutboxFolder, "*.eml").Select(path => MimeMessage.Load(path)).Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    private static string Lines(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public async Task ANoteWithMarkupReadsAsTypedInThePlainTextAndEscapedInTheHtml()
    {
        var (owner, org) = await app.NewOrganization("Note Co");
        var person = app.AddPeople(org, "East", PersonRole.Seller, 1).Single();
        var id = await CreateWithNote(owner, "Escaped note", Note, "Dana Lee");

        await owner.ActAndRead(id, "Open");

        var message = Assert.Single(MessagesTo(person.Email));
        Assert.Contains(Note + "\n\u2014 Dana Lee", Lines(message.TextBody));
        var html = message.HtmlBody ?? "";
        Assert.Contains("Team, &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Q&amp;A on Friday.<br>\nSecond line &amp; last.", Lines(html));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // What a mail program shows of the HTML is the note as typed, and the link is a link.
        var shown = Html.Parse(html);
        Assert.Contains("Team, <script>alert('x')</script> Q&A on Friday.", shown.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(shown.QuerySelectorAll("script"));
        var token = Assert.Single(AssessmentKit.TokensIn(message.TextBody ?? ""));
        Assert.Contains(shown.QuerySelectorAll("a"), a => a.GetAttribute("href")!.EndsWith("/s/" + token, StringComparison.Ordinal));
        Assert.Equal("Dana Lee", message.From.Mailboxes.Single().Name);
    }

    [Fact]
    public async Task ASenderNameWithALineBreakCannotAddAHeader()
    {
        var (owner, org) = await app.NewOrganization("Header Co");
        var person = app.AddPeople(org, "East", PersonRole.Seller, 1).Single();
        var id = await CreateWithNote(owner, "Header injection", "", "Eve\r\nBcc: spy@example.com");

        await owner.ActAndRead(id, "Open");

        var message = Assert.Single(MessagesTo(person.Email));
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain(message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        var fromName = message.From.Mailboxes.Single().Name ?? "";
        Assert.StartsWith("Eve", fromName, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', fromName);
        Assert.DoesNotContain('\r', fromName);
        var raw = File.ReadAllText(Directory.EnumerateFiles(app.OutboxFolder, "*.eml").Single(path => MimeMessage.Load(path).To.Mailboxes.Any(b => b.Address == person.Email)));
        Assert.DoesNotMatch(new Regex("^Bcc:", RegexOptions.Multiline | RegexOptions.IgnoreCase), raw);
    }

    [Fact]
    public async Task TheSenderNameIsTheAdminsNameUnlessChangedAndANoteIsOptional()
    {
        var (owner, _) = await app.NewOrganization("Default Sender Co");

        var form = Html.Parse(await owner.GetPage("/assessments/new"));
        Assert.Equal("Owner of Default Sender Co", form.One("input[name='Form.SenderName']").GetAttribute("value"));
        var id = await CreateWithNote(owner, "No sender typed", "", "");

        var assessment = app.Assessment(id);
        Assert.Equal("Owner of Default Sender Co", assessment.SenderName);
        Assert.Null(assessment.InvitationNote);
    }

    [Fact]
    public async Task ANoteOverAThousandCharactersIsRefusedNextToTheFieldAndKept()
    {
        var (owner, _) = await app.NewOrganization("Long Note Co");
        var note = new string('a', 1001);

        var response = await owner.PostForm("/assessments/new",
            [new("Form.Name", "Long note"), new("Form.Instrument", "quick"), new("Form.Note", note), new("Form.SenderName", "Dana")]);

        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most 1,000 characters (this one has 1,001)", AssessmentKit.FieldError(page, "Form.Note"));
        Assert.Equal(note, Html.Parse(page).One("textarea[name='Form.Note']").TextContent);
        // Exactly at the limit is accepted.
        var accepted = await owner.PostForm("/assessments/new",
            [new("Form.Name", "Long note"), new("Form.Instrument", "quick"), new("Form.Note", note[..1000]), new("Form.SenderName", "Dana")]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }

    [Fact]
    public async Task ThePreviewShowsTheInvitationExactlyAsItIsSent()
    {
        var (owner, org) = await app.NewOrganization("Preview Co");
        var person = app.AddPeople(org, "East", PersonRole.Seller, 1).Single();
        var id = await CreateWithNote(owner, "Preview me", Note, "Dana Lee");

        var preview = Html.Parse(await owner.GetPage($"/assessments/{id}/invitation"));
        var invitation = preview.One("[data-email='invitation']");
        var htmlResponse = await owner.GetAsync($"/assessments/{id}/invitation?handler=Html&kind=invitation");
        await owner.ActAndRead(id, "Open");

        var sent = Assert.Single(MessagesTo(person.Email));
        var token = Assert.Single(AssessmentKit.TokensIn(sent.TextBody ?? ""));
        string AsSent(string text) => Lines(text).Replace(InvitationModel.SampleName, person.Name, StringComparison.Ordinal)
            .Replace(InvitationModel.SampleToken, token, StringComparison.Ordinal);
        Assert.Equal(sent.Subject, invitation.One("[data-subject]").TextContent);
        Assert.Equal(sent.From.Mailboxes.Single().Name, invitation.One("[data-from-name]").TextContent);
        Assert.Equal(Lines(sent.TextBody), AsSent(invitation.One("[data-text]").TextContent));
        Assert.Equal(Lines(sent.HtmlBody), AsSent(invitation.One("[data-html]").TextContent));
        // The frame's page is the same HTML, under a policy that runs nothing.
        Assert.Equal(HttpStatusCode.OK, htmlResponse.StatusCode);
        Assert.Equal(Lines(sent.HtmlBody), AsSent(await htmlResponse.Content.ReadAsStringAsync()));
        Assert.Contains("sandbox", htmlResponse.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.NotNull(invitation.One("iframe[sandbox]"));
        // The reminder is previewed as well, with the same note.
        Assert.Contains(Note, Lines(preview.One("[data-email='reminder'] [data-text]").TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOrganizationsInvitationPreviewIsNotFoundAndAViewerIsTurnedAway()
    {
        var (owner, org) = await app.NewOrganization("Private Preview Co");
        var id = await CreateWithNote(owner, "Not yours", Note, "Dana Lee");
        var (stranger, _) = await app.NewOrganization("Stranger Co");

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{id}/invitation")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/{id}/invitation?handler=Html&kind=invitation")).StatusCode);
        var share = await stranger.PostForm($"/assessments/{id}/invitation?handler=Share", Html.Antiforgery(await stranger.GetPage("/assessments/new")), [new("share", "false")]);
        Assert.Equal(HttpStatusCode.NotFound, share.StatusCode);
        Assert.True(app.Assessment(id).ShareParticipantSummary);

        var viewer = await app.NewViewer(org);
        await viewer.AssertForbidden(await viewer.GetAsync($"/assessments/{id}/invitation"));
    }

    [Fact]
    public async Task TheAdminCanStopSharingTheParticipantSummaryFromTheAssessmentPageAndItIsAudited()
    {
        var (owner, _) = await app.NewOrganization("Share Co");
        var id = await CreateWithNote(owner, "Share or not", "", "Dana Lee");
        var detail = Html.Parse(await owner.GetPage($"/assessments/{id}"));
        Assert.Equal("shared", detail.One("[data-share-summary]").GetAttribute("data-share-summary"));

        var response = await owner.PostForm($"/assessments/{id}", [new("share", "false")], $"/assessments/{id}/invitation?handler=Share");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/assessments/{id}", response.Headers.Location!.ToString());
        Assert.False(app.Assessment(id).ShareParticipantSummary);
        Assert.Equal("not-shared", Html.Parse(await owner.GetPage($"/assessments/{id}")).One("[data-share-summary]").GetAttribute("data-share-summary"));
        Assert.Equal(1, app.Service(db => db.AuditEntries.Where(e => e.Action == "participant summary not shared").AsEnumerable().Count(e => e.Detail.StartsWith("Share or not", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task TheApiTakesTheNoteAndSenderNameAndRefusesATooLongNoteUnderItsField()
    {
        var (owner, _) = await app.NewOrganization("Api Note Co");
        var api = app.Api(await owner.MakeToken("rollout script"));

        var created = await api.Post("/api/v1/assessments", new { name = "From the API", instrument = "quick", note = "Why we ask:\nto fix what matters.", senderName = "Dana Lee" }, HttpStatusCode.Created);
        var refused = await ApiKit.AssertProblem(
            await api.PostAsync("/api/v1/assessments", JsonContent.Create(new { name = "Too long", note = new string('x', 1001) })), HttpStatusCode.BadRequest);
        var defaulted = await api.Post("/api/v1/assessments", new { name = "Sender left out" }, HttpStatusCode.Created);

        var assessment = app.Assessment(Guid.Parse(created["id"].Text()));
        Assert.Equal("Why we ask:\nto fix what matters.", assessment.InvitationNote);
        Assert.Equal("Dana Lee", assessment.SenderName);
        Assert.Contains("at most 1,000 characters", Assert.Single(ApiKit.FieldErrors(refused, "note")), StringComparison.Ordinal);
        Assert.Equal("Owner of Api Note Co", app.Assessment(Guid.Parse(defaulted["id"].Text())).SenderName);
    }
}
