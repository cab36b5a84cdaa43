using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>
/// A rollout on a phone, safe to repeat and to misclick: invite with a personal note, remind after a confirmation,
/// reload the page (nothing is sent again), the first email's link still works, close after a confirmation that says
/// how many answered, and the respondents' links then show the participant summary.
/// </summary>
public sealed class SafeRolloutJourney(LiveApp app) : IClassFixture<LiveApp>
{
    private const string Domain = "@phone-rollout.example";

    [Fact]
    public async Task OnAPhoneRemindingAsksFirstAReloadSendsNothingAgainTheFirstLinkStillWorksAndClosingAsksFirst()
    {
        var admin = await app.NewPageAsync(390, 844);
        await admin.GotoAsync("/signup");
        await admin.GetByLabel("Your name").FillAsync("Pia Phone");
        await admin.GetByLabel("Work email").FillAsync("pia" + Domain);
        await admin.GetByLabel("Organization").FillAsync("Phone Rollout Co");
        await admin.GetByLabel("Password").FillAsync("a rollout from the train");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();
        await app.ConfirmSignUp(admin, "pia" + Domain, "a rollout from the train");
        await LiveApp.Arrived(admin, new Regex("/assessments$"));
        await admin.GotoAsync("/settings");
        await admin.GetByLabel("Minimum group size").FillAsync("3"); // three people: the lowest k lets their summary show
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/settings"));
        foreach (var name in new[] { "Ana", "Ben", "Cat" })
        {
            await admin.GotoAsync("/people/add");
            await admin.GetByLabel("Name").FillAsync(name);
            await admin.GetByLabel("Email").FillAsync(name.ToLowerInvariant() + Domain);
            await admin.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "seller" });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await LiveApp.Arrived(admin, new Regex("/people(\\?.*)?$"));
        }

        // Open: the links wait on a page of their own.
        await admin.GotoAsync("/assessments/new");
        await admin.GetByLabel("Name").FillAsync("Phone pulse");
        await admin.Locator("input[name='Form.Instrument'][value='quick']").CheckAsync();
        await admin.GetByLabel("Personal note (optional)").FillAsync(Note);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open and invite 3") }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/assessments/[0-9a-f-]{36}/links/[A-Za-z0-9_-]{22}$"));
        var assessmentUrl = Regex.Match(admin.Url, "^.*/assessments/[0-9a-f-]{36}").Value;
        var firstLinks = Respondent.NewLinks(app.OutboxFolder, Domain, new HashSet<string>(StringComparer.Ordinal));
        Assert.Equal(3, firstLinks.Count);
        var invitation = Directory.GetFiles(app.OutboxFolder, "*.eml").Select(File.ReadAllText).First(m => m.Contains("ana" + Domain, StringComparison.Ordinal));
        Assert.Contains("Fridays & <Mondays>", invitation, StringComparison.Ordinal); // the plain-text part, as typed
        Assert.Contains("Fridays &amp; &lt;Mondays&gt;", invitation, StringComparison.Ordinal); // the HTML part, escaped

        // One person answers from the first email.
        var respondent = await app.NewPageAsync(390, 844);
        await Respondent.AnswerSurvey(respondent, firstLinks[0], 0, screenshots: false);
        await respondent.Context.CloseAsync();

        // Remind: the button only asks, with counts.
        await admin.GotoAsync(assessmentUrl);
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Send a reminder") }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/remind$"));
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Make reminder links for all 3 people invited?" })).ToBeVisibleAsync();
        await LiveApp.Screenshot(admin, "50-remind-confirm-phone");
        Assert.Equal(0, Reminders());
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make 3 reminder links" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/links/[A-Za-z0-9_-]{22}$"));
        await Expect(admin.Locator("input.copy")).ToHaveCountAsync(3);
        Assert.Equal(3, Reminders());

        // A reload shows the same links and sends nothing.
        var shown = await admin.Locator("input.copy").First.InputValueAsync();
        await admin.ReloadAsync();
        await Expect(admin.Locator("input.copy").First).ToHaveValueAsync(shown);
        Assert.Equal(3, Reminders());

        // The first emails' links of those who have not answered still open the survey, and they answer from them.
        for (var person = 1; person < 3; person++)
        {
            var late = await app.NewPageAsync(390, 844);
            await late.GotoAsync(firstLinks[person]);
            await Expect(late.GetByRole(AriaRole.Link, new() { Name = "Start" })).ToBeVisibleAsync();
            await Expect(late.GetByText("does not work")).ToHaveCountAsync(0);
            await Respondent.AnswerSurvey(late, firstLinks[person], person, screenshots: false);
            await late.Context.CloseAsync();
        }

        // Close: asks first, with how many answered.
        await admin.GotoAsync(assessmentUrl);
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Close now") }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Close now: 3 of 3 answered; this cannot be undone" })).ToBeVisibleAsync();
        await LiveApp.Screenshot(admin, "51-close-confirm-phone");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Close now" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/assessments/[0-9a-f-]{36}$"));
        await Expect(admin.GetByText("Closed", new() { Exact = true }).First).ToBeVisibleAsync();

        // The first respondent's link now shows what the team said overall, and nothing of any group.
        var back = await app.NewPageAsync(390, 844);
        await back.GotoAsync(firstLinks[0]);
        var summary = back.Locator("section.participant-summary[data-summary='shown']");
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "What the team said" })).ToBeVisibleAsync();
        await Expect(summary.Locator("ol.priorities li").First).ToBeVisibleAsync();
        await Expect(summary.Locator(".wheel-phone svg")).ToBeVisibleAsync(); // the phone's drawing of the wheel
        await Expect(summary).Not.ToContainTextAsync("seller");
        await LiveApp.Screenshot(back, "52-participant-summary-phone");
    }

    private const string Note = "We read every answer on Fridays & <Mondays>: thank you for your time.";

    /// <summary>Reminder emails written to the outbox for this test's people.</summary>
    private int Reminders() => Directory.GetFiles(app.OutboxFolder, "*.eml")
        .Select(File.ReadAllText)
        .Count(mail => mail.Contains(Domain, StringComparison.Ordinal) && mail.Contains("Subject: Reminder:", StringComparison.Ordinal));
}
