using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>
/// The rollout on a phone with a real mail server: each person gets their invitation by email, answers through the
/// link in it, a reminder reaches only those who have not submitted, and nothing is sent twice.
/// </summary>
public sealed class EmailRolloutJourney(SmtpLiveApp fixture) : IClassFixture<SmtpLiveApp>
{
    private const string Domain = "@email-rollout.example";
    private const string Sender = "Pia from Sales";
    private const string Note = "We read every answer on Fridays & <Mondays>: thank you for your time.";
    private static readonly string[] Names = ["Ana", "Ben", "Cat", "Dan", "Eli", "Fay", "Gil", "Hal"];

    private LiveApp App => fixture.App;

    private SmtpSink Sink => fixture.Sink;

    [Fact]
    public async Task OnAPhoneByEmailARemindedPersonAnswersFromTheFirstEmailAndOnlyNonSubmittersAreRemindedOnce()
    {
        var admin = await App.NewPageAsync(390, 844);
        await admin.GotoAsync("/signup");
        await admin.GetByLabel("Your name").FillAsync("Pia Mail");
        await admin.GetByLabel("Work email").FillAsync("pia" + Domain);
        await admin.GetByLabel("Organization").FillAsync("Email Rollout Co");
        await admin.GetByLabel("Password").FillAsync("a rollout by email on the train");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();
        await App.ConfirmSignUp(admin, "pia" + Domain, "a rollout by email on the train");
        await LiveApp.Arrived(admin, new Regex("/assessments$"));
        await admin.GotoAsync("/settings");
        await admin.GetByLabel("Minimum group size").FillAsync("3"); // four answers then show the participant summary
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/settings"));

        await admin.GotoAsync("/people/import");
        var csv = Path.Combine(App.DataFolder, "email-team.csv");
        await File.WriteAllTextAsync(csv, "name,email,role,team\n" + string.Concat(Names.Select(n => $"{n} Mail,{Address(n)},seller,Field\n")));
        await admin.Locator("#Upload").SetInputFilesAsync(csv);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Import: add 8") }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/people(\\?.*)?$"));

        // Open with a note and a sender name: one email each, from the sender, the note as typed in text, escaped in HTML.
        await admin.GotoAsync("/assessments/new");
        await admin.GetByLabel("Name").FillAsync("Email pulse");
        await admin.Locator("input[name='Form.Instrument'][value='quick']").CheckAsync();
        await admin.GetByLabel("Sender").FillAsync(Sender);
        await admin.GetByLabel("Personal note (optional)").FillAsync(Note);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open and invite 8") }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/assessments/[0-9a-f-]{36}$")); // no links page: the emails carry them
        var assessmentUrl = admin.Url;
        await Expect(admin.Locator("input.copy")).ToHaveCountAsync(0);
        var firstLinks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            var invitation = Assert.Single(Sink.MessagesTo(Address(name)));
            Assert.Equal(Sender, invitation.From.Mailboxes.Single().Name);
            Assert.Contains(Note, invitation.TextBody, StringComparison.Ordinal);
            Assert.Contains("Fridays &amp; &lt;Mondays&gt;", invitation.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<Mondays>", invitation.HtmlBody, StringComparison.Ordinal);
            firstLinks[name] = Link(invitation);
        }

        Assert.Equal(8, firstLinks.Values.Distinct().Count());

        // Three answer through the link in their own email.
        var answered = Names[..3];
        for (var person = 0; person < answered.Length; person++)
        {
            var respondent = await App.NewPageAsync(390, 844);
            await Respondent.AnswerSurvey(respondent, firstLinks[answered[person]], person, screenshots: false);
            await respondent.Context.CloseAsync();
        }

        // Remind: the button asks first, naming how many have not submitted; asking sends nothing.
        var sentBefore = SentToTeam();
        await admin.GotoAsync(assessmentUrl);
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Send a reminder") }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/remind$"));
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Send a reminder to the 5 people who have not submitted?" })).ToBeVisibleAsync();
        await LiveApp.Screenshot(admin, "53-remind-by-email-confirm-phone");
        Assert.Equal(sentBefore, SentToTeam());
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send 5 reminders" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/assessments/[0-9a-f-]{36}$"));
        await Expect(admin.Locator("[role='status']")).ToContainTextAsync("Reminded 5; 3 have answered.");

        // Exactly the five who have not submitted got one reminder each, with a further link; the three who answered, nothing.
        var waiting = Names[3..];
        Assert.All(answered, name => Assert.Single(Sink.MessagesTo(Address(name))));
        foreach (var name in waiting)
        {
            var mails = Sink.MessagesTo(Address(name));
            Assert.Equal(2, mails.Count);
            Assert.StartsWith("Reminder:", mails[1].Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("Everyone invited gets this reminder", mails[1].TextBody, StringComparison.Ordinal); // by email it is not so
            Assert.NotEqual(firstLinks[name], Link(mails[1]));
        }

        // Reloading the page after the reminder sends nothing again.
        var sentAfterReminder = SentToTeam();
        Assert.Equal(sentBefore + 5, sentAfterReminder);
        await admin.ReloadAsync();
        await Expect(admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Send a reminder") })).ToBeVisibleAsync();
        Assert.Equal(sentAfterReminder, SentToTeam());

        // A reminded person answers through the link in the FIRST email: it still works.
        var late = await App.NewPageAsync(390, 844);
        await late.GotoAsync(firstLinks[waiting[0]]);
        await Expect(late.GetByText("does not work")).ToHaveCountAsync(0);
        await Respondent.AnswerSurvey(late, firstLinks[waiting[0]], 3, screenshots: false);
        await late.Context.CloseAsync();

        // Close: asks first, with how many answered.
        await admin.GotoAsync(assessmentUrl);
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Close now") }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Close now: 4 of 8 answered; this cannot be undone" })).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Close now" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/assessments/[0-9a-f-]{36}$"));
        await Expect(admin.GetByText("Closed", new() { Exact = true }).First).ToBeVisibleAsync();
        Assert.Equal(sentAfterReminder, SentToTeam()); // closing emails nobody

        // A submitter's link, opened from the email on the phone, thanks them (never "a mistake") and shows the participant summary.
        var back = await App.NewPageAsync(390, 844);
        await back.GotoAsync(firstLinks[answered[0]]);
        await Expect(back.Locator("[data-closed-note]")).ToContainTextAsync("If you submitted your answers, thank you: they are in.");
        await Expect(back.Locator("main")).Not.ToContainTextAsync("mistake");
        var summary = back.Locator("section.participant-summary[data-summary='shown']");
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "What the team said" })).ToBeVisibleAsync();
        await Expect(summary.Locator("ol.priorities li").First).ToBeVisibleAsync();
        await Expect(summary.Locator(".wheel-phone svg")).ToBeVisibleAsync();
        await LiveApp.Screenshot(back, "54-participant-summary-by-email-phone");
    }

    private static string Address(string name) => name.ToLowerInvariant() + Domain;

    private static string Link(MimeMessage mail) => Respondent.SurveyLink().Match(mail.TextBody ?? "").Value is { Length: > 0 } link
        ? link
        : throw new InvalidOperationException($"No survey link in \"{mail.Subject}\".");

    /// <summary>Messages the mail server received for the eight people (the admin's own are left out).</summary>
    private int SentToTeam() => Names.Sum(name => Sink.MessagesTo(Address(name)).Count);
}
