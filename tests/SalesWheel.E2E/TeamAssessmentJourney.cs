using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>The whole team flow as people click it: an owner sets up, six people answer from their emailed links, results.</summary>
public sealed class TeamAssessmentJourney(LiveApp app) : IClassFixture<LiveApp>
{
    private const string People = """
        name,email,role,team
        Ana Leader,ana@northwind.example,leader,Leadership
        Ben Manager,ben@northwind.example,manager,Enterprise
        Cara Seller,cara@northwind.example,seller,Enterprise
        Dev Seller,dev@northwind.example,seller,Enterprise
        Eve Seller,eve@northwind.example,seller,Mid-Market
        Finn Seller,finn@northwind.example,seller,Mid-Market
        Gus Ops,gus@northwind.example,ops & enablement,RevOps
        """;

    [Fact]
    public async Task SignUpImportOpenSixAnswerCloseAndReadTheResults()
    {
        var admin = await app.NewPageAsync();
        await admin.GotoAsync("/signup");
        await admin.GetByLabel("Your name").FillAsync("Olivia Owner");
        await admin.GetByLabel("Work email").FillAsync("olivia@northwind.example");
        await admin.GetByLabel("Organization").FillAsync("Northwind E2E");
        await admin.GetByLabel("Password").FillAsync("a long and unusual passphrase");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();
        await app.ConfirmSignUp(admin, "olivia@northwind.example", "a long and unusual passphrase");
        await LiveApp.Arrived(admin, new Regex("/assessments$"));

        // Import the team from a CSV file: preview first, then confirm.
        await admin.GotoAsync("/people/import");
        var csv = Path.Combine(app.DataFolder, "team.csv");
        await File.WriteAllTextAsync(csv, People);
        await admin.Locator("#Upload").SetInputFilesAsync(csv);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await LiveApp.Screenshot(admin, "10-people-import-preview");
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Import: add 7") }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/people(\\?.*)?$"));
        await admin.GotoAsync("/people");
        await Expect(admin.GetByText("cara@northwind.example")).ToBeVisibleAsync();
        await LiveApp.Screenshot(admin, "11-people");

        // A full assessment for everyone.
        await admin.GotoAsync("/assessments/new");
        await admin.GetByLabel("Name").FillAsync("Spring team assessment");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open and invite 7") }).ClickAsync();
        await Expect(admin.Locator("input.copy").First).ToBeVisibleAsync();
        await LiveApp.Screenshot(admin, "12-assessment-opened");
        var assessmentUrl = Regex.Match(admin.Url, "^.*/assessments/[0-9a-f-]{36}").Value; // the links page is under it

        // The invitations are in the outbox; six of the seven answer from their own link.
        var links = Directory.GetFiles(app.OutboxFolder, "*.eml")
            .Select(File.ReadAllText)
            .Where(mail => mail.Contains("@northwind.example", StringComparison.Ordinal)) // the class's other test shares the outbox
            .Select(mail => Respondent.SurveyLink().Match(mail).Value)
            .Where(l => l.Length > 0).Distinct().ToList();
        Assert.Equal(7, links.Count);
        for (var person = 0; person < 6; person++)
        {
            var respondent = await app.NewPageAsync(390, 844); // a phone
            await Respondent.AnswerSurvey(respondent, links[person], person, screenshots: person == 0);
            await respondent.Context.CloseAsync();
        }

        // Participation shows counts only; then close and read the results.
        await admin.GotoAsync(assessmentUrl);
        await Expect(admin.Locator("body")).ToContainTextAsync("6");
        await LiveApp.Screenshot(admin, "13-participation");
        await admin.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Close now") }).ClickAsync(); // asks first
        await admin.GetByRole(AriaRole.Button, new() { Name = "Close now" }).ClickAsync();
        await Expect(admin.GetByText("Closed", new() { Exact = true }).First).ToBeVisibleAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Read the results" }).ClickAsync();
        await LiveApp.Arrived(admin, new Regex("/results$"));
        await Expect(admin.Locator(".wheel svg")).ToBeVisibleAsync();
        await Expect(admin.Locator("ol.priorities li").First).ToBeVisibleAsync();
        await Expect(admin.GetByText("hidden", new() { Exact = false }).First).ToBeVisibleAsync(); // teams under 5 answers
        var html = await admin.ContentAsync();
        Assert.DoesNotContain("cara@northwind.example", html);
        Assert.DoesNotContain("Cara Seller", html);
        await LiveApp.Screenshot(admin, "14-results");
    }

    [Fact]
    public async Task ARespondentCanAnswerWithTheKeyboardAlone()
    {
        var owner = await app.NewPageAsync();
        await owner.GotoAsync("/signup");
        await owner.GetByLabel("Your name").FillAsync("Kim Keys");
        await owner.GetByLabel("Work email").FillAsync("kim@keys.example");
        await owner.GetByLabel("Organization").FillAsync("Keys Inc");
        await owner.GetByLabel("Password").FillAsync("another long passphrase here");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();
        await app.ConfirmSignUp(owner, "kim@keys.example", "another long passphrase here");
        await LiveApp.Arrived(owner, new Regex("/assessments$"));
        await owner.GotoAsync("/people/add");
        await owner.GetByLabel("Name").FillAsync("Kai Keyboard");
        await owner.GetByLabel("Email").FillAsync("kai@keys.example");
        await owner.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "seller" });
        await owner.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await LiveApp.Arrived(owner, new Regex("/people(\\?.*)?$"));
        await owner.GotoAsync("/assessments/new");
        await owner.GetByLabel("Name").FillAsync("Keyboard pulse");
        await owner.Locator("input[name='Form.Instrument'][value='quick']").CheckAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
        await owner.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Open and invite 1") }).ClickAsync();
        var link = await owner.Locator("input.copy").First.InputValueAsync();

        var page = await app.NewPageAsync();
        await page.GotoAsync(link);
        await FocusAndPress(page, "a.start", "Enter"); // Start
        await LiveApp.Arrived(page, new Regex("/s/[^/]+/1$"));
        for (var pageNumber = 1; pageNumber < 20 && Regex.IsMatch(page.Url, "/s/[^/]+/\\d+$"); pageNumber++)
        {
            // Tab into each question: Space picks the first answer, two arrow presses move to the third.
            var questions = await page.Locator("fieldset.item").CountAsync();
            await page.Keyboard.PressAsync("Tab"); // skip link
            for (var q = 0; q < questions; q++)
            {
                await TabUntil(page, $"fieldset.item:nth-of-type({q + 1}) input[type=radio]", q);
                await page.Keyboard.PressAsync("Space");
                await page.Keyboard.PressAsync("ArrowRight");
                await page.Keyboard.PressAsync("ArrowRight");
            }

            var before = page.Url;
            await TabUntilButton(page, "Next");
            await page.Keyboard.PressAsync("Enter");
            await LiveApp.Left(page, before);
        }

        // The comment page, then the review page, by keyboard too.
        await TabUntilButton(page, "Next");
        await page.Keyboard.PressAsync("Enter");
        await LiveApp.Arrived(page, new Regex("/review$"));
        await Expect(page.GetByText("Not answered yet")).Not.ToBeVisibleAsync();
        await TabUntilButton(page, "Submit my answers");
        await LiveApp.Screenshot(page, "20-keyboard-review");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your answers are in" })).ToBeVisibleAsync();
    }

    private static async Task FocusAndPress(IPage page, string selector, string key)
    {
        await TabUntil(page, selector, 0);
        await page.Keyboard.PressAsync(key);
    }

    /// <summary>Presses Tab until the focused element matches the selector (a keyboard user's way around).</summary>
    private static async Task TabUntil(IPage page, string selector, int question)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException($"Tab never reached {selector} (question {question})");
    }

    private static async Task TabUntilButton(IPage page, string name)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await page.EvaluateAsync<bool>("n => document.activeElement && document.activeElement.tagName === 'BUTTON' && document.activeElement.textContent.trim() === n", name))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        throw new InvalidOperationException($"Tab never reached the button {name}");
    }
}
