using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SalesWheel.E2E;

public sealed class QuickCheckJourney(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task ALeaderGoesFromTheLandingPageToTheirWheelInOneForm()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await LiveApp.Screenshot(page, "01-landing");
        await page.GetByRole(AriaRole.Link, new() { Name = "Take the 3-minute quick check" }).ClickAsync();

        await page.GetByLabel("Company phase").SelectOptionAsync("gtm-fit");
        await page.GetByLabel("Typical deal size").SelectOptionAsync("gt50k");
        var groups = page.Locator("fieldset.item");
        var count = await groups.CountAsync();
        Assert.Equal(16, count);
        for (var i = 0; i < count; i++)
        {
            // Strategy items low, everything else agreeable.
            await groups.Nth(i).GetByLabel(i < 2 ? "Strongly disagree" : "Agree", new() { Exact = true }).CheckAsync();
        }

        await LiveApp.Screenshot(page, "02-quick-check-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "See my wheel" }).ClickAsync();

        await LiveApp.Arrived(page, new Regex("/q/[A-Za-z0-9_-]{22}$"));
        await Assertions.Expect(page.Locator(".wheel svg")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ol.priorities li").First).ToContainTextAsync("Strategy");
        await LiveApp.Screenshot(page, "03-quick-check-result");
    }

    [Fact]
    public async Task AForgottenAnswerIsPointedOutAndTheOtherAnswersStay()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/quick");
        var groups = page.Locator("fieldset.item");
        for (var i = 1; i < 16; i++)
        {
            await groups.Nth(i).GetByLabel("Disagree", new() { Exact = true }).CheckAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "See my wheel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Some answers are missing");
        await Assertions.Expect(groups.Nth(0).Locator(".field-error")).ToBeVisibleAsync();
        await Assertions.Expect(groups.Nth(5).GetByLabel("Disagree", new() { Exact = true })).ToBeCheckedAsync();
    }
}
