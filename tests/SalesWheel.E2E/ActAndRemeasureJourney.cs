using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>
/// PRODUCT.md flow 4 as a head of sales clicks it: read the results, put the top priority's first action on the plan,
/// do it, run a pulse follow-up on that driver, close it and see what moved, with the action beside the driver.
/// </summary>
public sealed class ActAndRemeasureJourney(LiveApp app) : IClassFixture<LiveApp>
{
    private const string Domain = "@loop.example";

    [Fact]
    public async Task CloseActFromAPriorityRunAFollowUpAndCompare()
    {
        var admin = await app.NewPageAsync();
        await admin.GotoAsync("/signup");
        await admin.GetByLabel("Your name").FillAsync("Lena Loop");
        await admin.GetByLabel("Work email").FillAsync("lena" + Domain);
        await admin.GetByLabel("Organization").FillAsync("Loop Co");
        await admin.GetByLabel("Password").FillAsync("a loop that closes itself");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();
        await app.ConfirmSignUp(admin, "lena" + Domain, "a loop that closes itself");
        await LiveApp.Arrived(admin, new Regex("/assessments$"));

        // A small team: the lowest minimum group size, so three answers per wave release results.
        await admin.GotoAsync("/settings");
        await admin.GetByLabel("Minimum group size").FillAsync("3");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/settings"));
        foreach (var (name, role) in new[] { ("Ava", "seller"), ("Bo", "seller"), ("Cy", "manager") })
        {
            await admin.GotoAsync("/people/add");
            await admin.GetByLabel("Name").FillAsync(name);
            await admin.GetByLabel("Email").FillAsync(name.ToLowerInvariant() + Domain);
            await admin.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = role });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
            await LiveApp.Arrived(admin, new Regex("/people(\\?.*)?$"));
        }

        // Wave 1: the whole instrument, three answers, closed.
        await admin.GotoAsync("/assessments/new");
        await admin.GetByLabel("Name").FillAsync("Baseline");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var baselineUrl = await OpenAnswerAndClose(admin, seen, shift: 0);
        await admin.GotoAsync(baselineUrl + "/results");
        await Expect(admin.Locator(".wheel svg")).ToBeVisibleAsync();
        await Expect(admin.GetByText("Compared with")).ToHaveCountAsync(0); // nothing earlier to compare with

        // Act from the top priority: its first playbook action, prefilled, onto the plan.
        var add = admin.Locator("a.add-to-plan").First;
        var driver = Regex.Match(await add.GetAttributeAsync("href") ?? "", "driver=([^&]+)").Groups[1].Value;
        Assert.NotEqual("", driver);
        await add.ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/plan/new"));
        var title = await admin.GetByLabel("Title").InputValueAsync();
        Assert.NotEqual("", title);
        Assert.Equal(driver, await admin.GetByLabel("Driver").InputValueAsync());
        await admin.GetByLabel("or someone who is not a member").FillAsync("Sam Sales Manager");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add to the plan" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/plan(\\?.*)?$"));
        await Expect(admin.GetByRole(AriaRole.Cell, new() { Name = title, Exact = true })).ToBeVisibleAsync();

        // Done some weeks later.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Edit " + title }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/plan/[0-9a-f-]{36}"));
        await admin.GetByLabel("Status").SelectOptionAsync("done");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/plan(\\?.*)?$"));

        // Wave 2: a pulse of that driver only, answered more favourably.
        await admin.GotoAsync(baselineUrl + "/follow-up");
        await admin.GetByLabel("Name").FillAsync("Pulse after coaching");
        await admin.Locator($"input[name='Drivers'][value='{driver}']").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the follow-up draft" }).ClickAsync();
        var pulseUrl = await OpenAnswerAndClose(admin, seen, shift: 3);
        await admin.GotoAsync(pulseUrl + "/results");
        await LiveApp.Screenshot(admin, "40-compared-with-baseline");

        // What moved: compared with the baseline, the driver's before and after, the action done in between.
        var comparison = admin.Locator("section", new() { Has = admin.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Compared with") }) });
        await Expect(comparison).ToContainTextAsync("Baseline");
        await Expect(comparison).ToContainTextAsync(title);
        await Expect(comparison.GetByText(new Regex("changed beyond noise|within noise")).First).ToBeVisibleAsync();
        await Expect(admin.Locator(".wheel svg")).ToBeVisibleAsync();
    }

    /// <summary>Opens the draft on screen, has the three people answer from their new emails, closes it; returns its URL.</summary>
    private async Task<string> OpenAnswerAndClose(IPage admin, ISet<string> seen, int shift)
    {
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open and invite 3") }).ClickAsync();
        var url = Regex.Match(admin.Url, "^.*/assessments/[0-9a-f-]{36}").Value;
        var links = Respondent.NewLinks(app.OutboxFolder, Domain, seen);
        Assert.Equal(3, links.Count);
        for (var person = 0; person < 3; person++)
        {
            var respondent = await app.NewPageAsync(390, 844);
            await Respondent.AnswerSurvey(respondent, links[person], person, screenshots: false, shift);
            await respondent.Context.CloseAsync();
        }

        await admin.GotoAsync(url);
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Close now") }).ClickAsync(); // asks first
        await admin.GetByRole(AriaRole.Button, new() { Name = "Close now" }).ClickAsync();
        await Expect(admin.GetByText("Closed", new() { Exact = true }).First).ToBeVisibleAsync();
        return url;
    }
}
