using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>
/// A rollout on a phone, safe to repeat and to misclick: open, remind after a confirmation, reload the page (nothing is
/// sent again), the first email's link still works, and close after a confirmation that says how many answered.
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
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open and invite 3") }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/assessments/[0-9a-f-]{36}/links/[A-Za-z0-9_-]{22}$"));
        var assessmentUrl = Regex.Match(admin.Url, "^.*/assessments/[0-9a-f-]{36}").Value;
        var firstLinks = Respondent.NewLinks(app.OutboxFolder, Domain, new HashSet<string>(StringComparer.Ordinal));
        Assert.Equal(3, firstLinks.Count);

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

        // The first email's link of someone who has not answered still opens the survey.
        var late = await app.NewPageAsync(390, 844);
        await late.GotoAsync(firstLinks[1]);
        await Expect(late.GetByRole(AriaRole.Link, new() { Name = "Start" })).ToBeVisibleAsync();
        await Expect(late.GetByText("does not work")).ToHaveCountAsync(0);
        await late.Context.CloseAsync();

        // Close: asks first, with how many answered.
        await admin.GotoAsync(assessmentUrl);
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Close now") }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Close now: 1 of 3 answered; this cannot be undone" })).ToBeVisibleAsync();
        await LiveApp.Screenshot(admin, "51-close-confirm-phone");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Close now" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/assessments/[0-9a-f-]{36}$"));
        await Expect(admin.GetByText("Closed", new() { Exact = true }).First).ToBeVisibleAsync();
    }

    /// <summary>Reminder emails written to the outbox for this test's people.</summary>
    private int Reminders() => Directory.GetFiles(app.OutboxFolder, "*.eml")
        .Select(File.ReadAllText)
        .Count(mail => mail.Contains(Domain, StringComparison.Ordinal) && mail.Contains("Subject: Reminder:", StringComparison.Ordinal));
}
