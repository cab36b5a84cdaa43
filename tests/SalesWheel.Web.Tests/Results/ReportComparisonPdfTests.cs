using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Results;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Plan;
using static SalesWheel.Web.Tests.Results.ResultsKit;

namespace SalesWheel.Web.Tests.Results;

/// <summary>The results PDF of a follow-up wave: compared with the wave before, the trend, and the organization's action plan.</summary>
public sealed partial class ReportComparisonPdfTests(AppFactory app) : IClassFixture<AppFactory>
{
    // Everyone answers 2 or 3 in the first wave and 4 or 5 in the second: every driver moves by 50 points.
    private static SurveyResponse[] Wave(int low) =>
        [.. Enumerable.Range(0, 8).Select(i => Answer(i % 3 == 0 ? "leader" : "seller", "East", low + (i % 2)))];

    private (Guid First, Guid Second) SeedTwoWaves(Guid organization)
    {
        var first = app.SeedClosedAssessment(organization, "Spring baseline", 10, Wave(2));
        var second = app.SeedClosedAssessment(organization, "Autumn follow-up", 10, Wave(4));
        app.Service(db =>
        {
            // The first wave closed in spring: the waves' order is their close order.
            db.Assessments.Single(a => a.Id == first).ClosedAt = new DateTime(2026, 4, 30, 12, 0, 0, DateTimeKind.Utc);
            return db.SaveChanges();
        });
        return (first, second);
    }

    private static async Task<string> PdfText(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/assessments/{id}/results/report.pdf");
        response.EnsureSuccessStatusCode();
        using var pdf = new Poppler(await response.Content.ReadAsByteArrayAsync());
        return Spaces().Replace(pdf.RawText(), " ");
    }

    [Fact]
    public async Task TheSecondWavesPdfIsComparedWithTheFirstWithTheTrendAndAnActionAddedOnThePlanPage()
    {
        var (client, organization) = await app.NewOrganization($"Waves PDF {Guid.NewGuid():N}");
        var (first, second) = SeedTwoWaves(organization);
        var added = await client.PostForm("/plan/new", PlanKit.Fields("Weekly deal reviews with a written plan", "enablement", "coaching", ownerName: "Dana Reyes", due: "2020-01-31", status: "in-progress"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, added.StatusCode);

        var text = await PdfText(client, second);

        Assert.Contains("Compared with Spring baseline", text);
        Assert.Contains("outline: Spring baseline", text);
        Assert.Contains("Trend across waves", text);
        Assert.Contains("+50.0", text);
        Assert.Contains("changed beyond noise", text);
        Assert.Contains("Action plan", text);
        Assert.Contains("Weekly deal reviews with a written plan", text);
        Assert.Contains("Dana Reyes", text);
        Assert.Matches("31 Jan 2020 overdue|overdue 31 Jan 2020|31 Jan 2020 In progress overdue", text);

        var firstText = await PdfText(client, first);
        Assert.DoesNotContain("Compared with", firstText);
        Assert.DoesNotContain("Trend across waves", firstText);
        Assert.Contains("Weekly deal reviews with a written plan", firstText);
    }

    [Fact]
    public async Task ThePdfIsBuiltAgainWhenAnActionIsAddedOrChangedNotServedFromTheCache()
    {
        var (client, organization) = await app.NewOrganization($"Plan cache {Guid.NewGuid():N}");
        var (_, second) = SeedTwoWaves(organization);
        var cache = app.Services.GetRequiredService<ExportCache>();

        var before = await PdfText(client, second);
        await PdfText(client, second);
        var builds = cache.BuildsFor(second);
        Assert.DoesNotContain("Action plan", before);

        await client.PostForm("/plan/new", PlanKit.Fields("Territory review every quarter", "structure", ownerName: "Sam Okafor"));
        var after = await PdfText(client, second);
        Assert.Equal(builds + 1, cache.BuildsFor(second));
        Assert.Contains("Territory review every quarter", after);

        var action = app.ActionsOf(organization).Single();
        await client.PostForm($"/plan/{action.Id}/edit", PlanKit.Fields("Territory review every quarter", "structure", ownerName: "Sam Okafor", status: "done"));
        var done = await PdfText(client, second);
        Assert.Equal(builds + 2, cache.BuildsFor(second));
        Assert.Matches($"Done {DateTime.UtcNow:d MMM yyyy}|Done {DateTime.UtcNow.AddDays(-1):d MMM yyyy}", done);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
