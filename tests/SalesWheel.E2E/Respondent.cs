using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>What respondents do in the browser tests: find their link in the outbox and answer.</summary>
internal static partial class Respondent
{
    /// <summary>
    /// Answers a survey from its link as a person does, on whatever page size <paramref name="page"/> has: person
    /// <paramref name="person"/> picks a different answer per question (shifted by <paramref name="shift"/>), person 5 leaves the
    /// first question out.
    /// </summary>
    public static async Task AnswerSurvey(IPage page, string link, int person, bool screenshots, int shift = 0)
    {
        await page.GotoAsync(link);
        if (screenshots)
        {
            await LiveApp.Screenshot(page, "30-survey-welcome-phone");
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        await LiveApp.Arrived(page, new Regex("/s/[^/]+/1$"));
        var answers = new[] { "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree" };
        for (var guard = 0; guard < 20 && Regex.IsMatch(page.Url, "/s/[^/]+/\\d+$"); guard++)
        {
            var items = page.Locator("fieldset.item");
            var count = await items.CountAsync();
            for (var i = 0; i < count; i++)
            {
                // People differ, and one leaves a question out so the review page has something to show.
                if (person == 5 && guard == 0 && i == 0)
                {
                    continue;
                }

                await items.Nth(i).GetByLabel(answers[(person + i + guard + shift) % 5], new() { Exact = true }).CheckAsync();
            }

            if (screenshots && guard == 0)
            {
                await LiveApp.Screenshot(page, "31-survey-page-phone");
            }

            var before = page.Url;
            await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
            await LiveApp.Left(page, before);
        }

        await page.Locator("textarea").FillAsync(person == 0 ? "Weekly coaching on live deals would help most." : "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await LiveApp.Arrived(page, new Regex("/review$"));
        if (person == 5)
        {
            await Expect(page.GetByText("Not answered yet")).ToBeVisibleAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my answers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your answers are in" })).ToBeVisibleAsync();
    }

    /// <summary>A survey link as the invitation email gives it.</summary>
    [GeneratedRegex(@"https?://[^\s]+/s/[A-Za-z0-9_-]{22}")]
    public static partial Regex SurveyLink();

    /// <summary>The survey links in the outbox sent to addresses ending in <paramref name="domain"/>, not in <paramref name="seen"/>; adds them to it.</summary>
    public static List<string> NewLinks(string outbox, string domain, ISet<string> seen) =>
        [.. Directory.GetFiles(outbox, "*.eml")
            .Select(File.ReadAllText)
            .Where(mail => mail.Contains(domain, StringComparison.Ordinal))
            .Select(mail => SurveyLink().Match(mail).Value)
            .Where(l => l.Length > 0 && seen.Add(l))];
}
