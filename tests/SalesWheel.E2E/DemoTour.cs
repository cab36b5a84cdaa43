using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>The README's promise: `saleswheel demo` prints a login, and the demo organization is there to explore.</summary>
public sealed partial class DemoTour(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task TheDemoLoginOpensAClosedAssessmentWithResultsAndHiddenSmallTeams()
    {
        var output = new StringWriter();
        var code = Cli.CliApp.Run(["demo", "--data", app.DataFolder, "--base-url", app.BaseUrl], output, new StringWriter());
        Assert.Equal(0, code);
        var email = Field().Match(output.ToString()).Groups[1].Value;
        var password = Regex.Match(output.ToString(), @"Password: +(\S+)").Groups[1].Value;

        var page = await app.NewPageAsync(1280, 900);
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await LiveApp.Arrived(page, new Regex("/assessments$"));
        await LiveApp.Screenshot(page, "40-demo-assessments");

        await page.GetByRole(AriaRole.Link, new() { Name = "Results" }).First.ClickAsync();
        await Expect(page.Locator(".wheel svg")).ToBeVisibleAsync();
        await Expect(page.Locator("table.heat").First).ToBeVisibleAsync();
        await Expect(page.GetByText("hidden to protect anonymity").First).ToBeVisibleAsync();
        await LiveApp.Screenshot(page, "41-demo-results");
        await page.Locator(".wheel").ScreenshotAsync(new() { Path = Path.Combine(LiveApp.Screenshots, "42-demo-wheel.png") });
    }

    [GeneratedRegex(@"Email: +(\S+)")]
    private static partial Regex Field();
}
