using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>
/// Every page a person meets (a visitor, a signed-in admin, a respondent), checked in the browser: axe-core's rules
/// (the script comes inside the Deque.AxeCore.Playwright package, nothing is downloaded) at desktop and phone sizes,
/// and the small-screen promises (no sideways scroll at 320 px, wheel labels legible on a 390-px phone).
/// </summary>
public sealed partial class EveryPage(LiveApp app) : IClassFixture<LiveApp>
{
    private static readonly (int Width, int Height)[] Sizes = [(1280, 900), (390, 844)];

    // xunit runs a class's tests one after the other and shares the fixture: the pages are set up once for both tests.
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (LiveApp App, Tour Tour)? _made;

    [Fact]
    public async Task EveryPageHasNoSeriousOrCriticalAccessibilityViolationAtDesktopAndPhoneSizes()
    {
        var tour = await TourAsync();
        var found = new List<string>();
        foreach (var (width, height) in Sizes)
        {
            foreach (var (signedIn, path) in tour.Pages)
            {
                var page = await PageAsync(tour, signedIn, width, height);
                await page.GotoAsync(path);
                var result = await page.RunAxe();
                found.AddRange(result.Violations
                    .Where(v => v.Impact is "serious" or "critical")
                    .SelectMany(v => v.Nodes.Select(n => $"{width}px {path}: {v.Id} ({v.Impact}) at {n.Target} — {v.Help}")));
                await page.Context.CloseAsync();
            }
        }

        Assert.True(found.Count == 0, $"{found.Count} serious or critical violations:\n" + string.Join('\n', found));
    }

    [Fact]
    public async Task NoPageScrollsSidewaysAt320PixelsAndTheWheelsLabelsStayLegibleOnAPhone()
    {
        var tour = await TourAsync();
        var found = new List<string>();
        foreach (var (signedIn, path) in tour.Pages)
        {
            var page = await PageAsync(tour, signedIn, 320, 640);
            await page.GotoAsync(path);
            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            if (widths[0] > widths[1])
            {
                await LiveApp.Screenshot(page, "320-" + Regex.Replace(path, "[^a-z0-9]+", "-"));
                // Name the elements that stick out (the outermost ones), so a failure says what to fix.
                var wide = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                        .filter(e => !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 1))
                        .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')
                    """);
                found.Add($"{path}: {widths[0]} px wide in a {widths[1]}-px window ({string.Join(", ", wide)})");
            }

            // A table wider than the screen scrolls inside its frame, which shows it (edge shadows) and takes the keyboard.
            var silent = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('*')]
                    .filter(e => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
                    .filter(e => !getComputedStyle(e).backgroundImage.includes('gradient') || e.tabIndex < 0)
                    .map(e => e.tagName.toLowerCase() + '.' + e.className)
                """);
            found.AddRange(silent.Select(e => $"{path}: {e} scrolls sideways without a cue or keyboard access"));
            await page.Context.CloseAsync();
        }

        Assert.True(found.Count == 0, "At 320 px:\n" + string.Join('\n', found));

        // The inline wheel is scaled down to the phone's width: its smallest label, as rendered, is still >= 11 CSS px.
        var wheels = 0;
        foreach (var wheelPage in tour.Pages.Where(p => p.Path.EndsWith("/results", StringComparison.Ordinal) || p.Path.StartsWith("/q/", StringComparison.Ordinal)))
        {
            var phone = await PageAsync(tour, wheelPage.SignedIn, 390, 844);
            await phone.GotoAsync(wheelPage.Path);
            if (await phone.Locator(".wheel").CountAsync() == 0)
            {
                await phone.Context.CloseAsync(); // the open assessment: no results yet
                continue;
            }

            wheels++;
            await Expect(phone.Locator(".wheel-phone svg")).ToBeVisibleAsync();
            var sizes = await phone.EvaluateAsync<double[]>("""
                () => [...document.querySelectorAll('.wheel svg text, .wheel-phone svg text')]
                    .filter(t => t.textContent.trim() !== '' && t.getClientRects().length > 0)
                    .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)
                """);
            Assert.True(sizes.Length >= 16, $"{wheelPage.Path}: {sizes.Length} wheel labels shown on a 390-px phone"); // a name and a score per driver
            Assert.True(sizes.Min() >= 11, $"{wheelPage.Path}: the wheel's smallest label renders at {sizes.Min():0.0} CSS px on a 390-px phone");
            await phone.Context.CloseAsync();
        }

        Assert.Equal(2, wheels); // the closed assessment's results and the quick check's
    }

    /// <summary>The pages, and the signed-in browser state they need.</summary>
    private sealed record Tour(IReadOnlyList<(bool SignedIn, string Path)> Pages, string SignedInState);

    private async Task<IPage> PageAsync(Tour tour, bool signedIn, int width, int height)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = app.BaseUrl,
            StorageState = signedIn ? tour.SignedInState : null,
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    private async Task<Tour> TourAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (_made is not { } made || made.App != app)
            {
                made = (app, await SetUpAsync());
                _made = made;
            }

            return made.Tour;
        }
        finally
        {
            Once.Release();
        }
    }

    /// <summary>
    /// The demo organization (a closed assessment with results, an open one with links), plus what a person makes on
    /// the way: a quick check, a draft, a submitted survey.
    /// </summary>
    private async Task<Tour> SetUpAsync()
    {
        var output = new StringWriter();
        Assert.Equal(0, Cli.CliApp.Run(["demo", "--data", app.DataFolder, "--base-url", app.BaseUrl], output, new StringWriter()));
        var email = Regex.Match(output.ToString(), @"Email: +(\S+)").Groups[1].Value;
        var password = Regex.Match(output.ToString(), @"Password: +(\S+)").Groups[1].Value;
        var linksFile = Regex.Match(output.ToString(), @"Survey links: +(.+)").Groups[1].Value.Trim();
        var links = SurveyLinks().Matches(await File.ReadAllTextAsync(linksFile)).Select(m => new Uri(m.Value).AbsolutePath).ToList();

        // The quick check, as a visitor does it.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/quick");
        var groups = visitor.Locator("fieldset.item");
        for (var i = 0; i < await groups.CountAsync(); i++)
        {
            await groups.Nth(i).GetByLabel(i % 3 == 0 ? "Disagree" : "Agree", new() { Exact = true }).CheckAsync();
        }

        await visitor.GetByRole(AriaRole.Button, new() { Name = "See my wheel" }).ClickAsync();
        await LiveApp.Arrived(visitor, new Regex("/q/[A-Za-z0-9_-]{22}$"));
        var quickResult = new Uri(visitor.Url).AbsolutePath;

        // A respondent who submits (the page after submitting), and one who is in the middle.
        var respondent = await app.NewPageAsync();
        await respondent.GotoAsync(links[1]);
        await respondent.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        await LiveApp.Arrived(respondent, new Regex("/s/[^/]+/1$"));
        await respondent.GotoAsync(links[1] + "/review");
        await respondent.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
        await LiveApp.Left(respondent, app.BaseUrl + links[1] + "/review");

        // The owner signs in and makes a draft.
        var owner = await app.NewPageAsync();
        await owner.GotoAsync("/signin");
        await owner.GetByLabel("Email").FillAsync(email);
        await owner.GetByLabel("Password").FillAsync(password);
        await owner.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await LiveApp.Arrived(owner, new Regex("/assessments$"));
        var closed = await owner.GetByRole(AriaRole.Link, new() { Name = Cli.DemoCommand.ClosedAssessmentName }).GetAttributeAsync("href");
        var open = await owner.GetByRole(AriaRole.Link, new() { Name = Cli.DemoCommand.OpenAssessmentName }).GetAttributeAsync("href");
        await owner.GotoAsync("/assessments/new");
        await owner.GetByLabel("Name").FillAsync("Draft for the page tour");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await LiveApp.Arrived(owner, new Regex("/assessments/[0-9a-f-]{36}$"));
        var draft = new Uri(owner.Url).AbsolutePath;
        var state = await owner.Context.StorageStateAsync();

        return new Tour(
        [
            (false, "/"), (false, "/signin"), (false, "/signup"), (false, "/quick"), (false, quickResult), (false, "/statements"),
            (true, "/assessments"), (true, "/assessments/new"), (true, draft), (true, open!), (true, open + "/results"),
            (true, closed!), (true, closed + "/results"), (true, "/assessments/upload"),
            (true, "/people"), (true, "/people/import"), (true, "/plan"), (true, "/plan/new"),
            (true, "/settings"), (true, "/members"), (true, "/settings/api-tokens"), (true, "/settings/audit"),
            (false, links[0]), (false, links[0] + "/1"), (false, links[0] + "/review"), (false, links[1]),
        ], state);
    }

    [GeneratedRegex(@"https?://[^\s,""]+/s/[A-Za-z0-9_-]{22}")]
    private static partial Regex SurveyLinks();
}
