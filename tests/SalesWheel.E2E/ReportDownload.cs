using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using static Microsoft.Playwright.Assertions;

namespace SalesWheel.E2E;

/// <summary>A head of sales downloads the board report from the results page.</summary>
public sealed partial class ReportDownload(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task TheOwnerDownloadsThePdfReportFromTheResultsPage()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/signup");
        await page.GetByLabel("Your name").FillAsync("Rita Revops");
        await page.GetByLabel("Work email").FillAsync("rita@contoso.example");
        await page.GetByLabel("Organization").FillAsync("Contoso Report E2E");
        await page.GetByLabel("Password").FillAsync("a long and unusual passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();
        await app.ConfirmSignUp(page, "rita@contoso.example", "a long and unusual passphrase");
        await LiveApp.Arrived(page, new Regex("/assessments$"));

        // Answers collected already (the survey itself is another test's journey).
        var id = await SeedClosedAssessmentAsync("Contoso Report E2E", "Autumn board review", respondents: 12);

        await page.GotoAsync($"/assessments/{id}/results");
        await Expect(page.Locator(".wheel svg")).ToBeVisibleAsync();
        await LiveApp.Screenshot(page, "40-results-with-downloads");

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".downloads").GetByRole(AriaRole.Link, new() { Name = "A4" }).ClickAsync());
        Assert.Equal("autumn-board-review-report-a4.pdf", download.SuggestedFilename);
        var path = Path.Combine(app.DataFolder, download.SuggestedFilename);
        await download.SaveAsAsync(path);

        using var pdf = new Poppler(await File.ReadAllBytesAsync(path));
        var cover = pdf.PageText(1);
        Assert.Contains("Contoso Report E2E", cover);
        Assert.Contains("Autumn board review", cover);
        Assert.Contains("12 people answered of 12 invited (100%)", cover);
        Assert.Contains("Scores by driver", pdf.Text());
        Assert.All(pdf.PageSizes(), s => Assert.Equal((595, 842), ((int)Math.Round(s.Width), (int)Math.Round(s.Height))));

        var png = await page.RunAndWaitForDownloadAsync(() => page.Locator(".downloads").GetByRole(AriaRole.Link, new() { NameRegex = PngLink() }).ClickAsync());
        Assert.Equal("autumn-board-review-wheel.png", png.SuggestedFilename);
    }

    private async Task<Guid> SeedClosedAssessmentAsync(string organizationName, string name, int respondents)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var organization = await db.Organizations.SingleAsync(o => o.Name == organizationName);
        var assessment = new Assessment
        {
            OrganizationId = organization.Id,
            Name = name,
            Status = AssessmentStatus.Closed,
            OpenedAt = DateTime.UtcNow.AddDays(-10),
            ClosedAt = DateTime.UtcNow,
        };
        db.Assessments.Add(assessment);
        var items = BuiltInInstrument.Full.Items.ToList();
        for (var i = 0; i < respondents; i++)
        {
            db.Invitations.Add(new Invitation
            {
                AssessmentId = assessment.Id,
                TokenHash = Data.Tokens.Hash(Data.Tokens.New()),
                Role = "seller",
                Team = "East",
                State = InvitationState.Submitted,
            });
            db.SurveyResponses.Add(new SurveyResponse
            {
                AssessmentId = assessment.Id,
                Role = i % 4 == 0 ? "leader" : "seller",
                Team = i % 2 == 0 ? "East" : "West",
                SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow),
                Answers = [.. items.Select((_, j) => (byte)(1 + ((i + j) % 5)))],
            });
        }

        await db.SaveChangesAsync();
        return assessment.Id;
    }

    [GeneratedRegex("^PNG")]
    private static partial Regex PngLink();
}
