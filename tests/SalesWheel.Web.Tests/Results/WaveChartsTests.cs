using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Results;

/// <summary>The wheel with an earlier wave as its outline, and the trend of every driver across released waves.</summary>
public sealed partial class WaveChartsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly Instrument Full = BuiltInInstrument.Full;

    [Fact]
    public async Task WithTwoReleasedWavesTheWheelOutlinesTheEarlierAndTheTrendShowsBothWithTheirSharedScores()
    {
        var (client, organization) = await app.NewOrganization($"Two waves {Guid.NewGuid():N}");
        var first = SeedWave(organization, "Q1 baseline", daysAgo: 60, responses: 8, offset: 0);
        var second = SeedWave(organization, "Q3 follow-up", daysAgo: 1, responses: 9, offset: 2);
        var before = await SharedResult(first);
        var after = await SharedResult(second);

        var page = await client.GetPage($"/assessments/{second}/results");

        var wheel = Wheel(page);
        Assert.Contains("Compared with Q1 baseline", wheel.Element(Svg + "desc")!.Value);
        foreach (var driver in after.Dimensions.Where(d => d.Kind == "driver"))
        {
            Assert.Single(Outlines(wheel, driver.Id));
            Assert.Contains($"{driver.Name} {Rounded(before.Dimensions.Single(d => d.Id == driver.Id).Score)} → {Rounded(driver.Score)} out of 100", wheel.Element(Svg + "desc")!.Value);
        }

        Assert.Contains("Trend across waves", page);
        var trend = TrendChart(page)!;
        var desc = trend.Element(Svg + "desc")!.Value;
        Assert.Contains($"Q1 baseline ({Day(60)})", desc);
        Assert.Contains($"Q3 follow-up ({Day(1)})", desc);
        var drawn = TrendValues(trend);
        Assert.Equal(after.Dimensions.Where(d => d.Kind == "driver").Select(d => d.Id).Order(), drawn.Keys.Order());
        foreach (var (driver, points) in drawn)
        {
            Assert.Equal([0, 1], points.Keys.Order());
            Assert.Equal(before.Dimensions.Single(d => d.Id == driver).Score!.Value, points[0], 0.01);
            Assert.Equal(after.Dimensions.Single(d => d.Id == driver).Score!.Value, points[1], 0.01);
        }

        // The first wave's own page has nothing before it: no outline and no trend.
        var firstPage = await client.GetPage($"/assessments/{first}/results");
        Assert.False(HasOutline(Wheel(firstPage)));
        Assert.Null(TrendChart(firstPage));
        Assert.DoesNotContain("Trend across waves", firstPage);
    }

    [Fact]
    public async Task WithOneWaveThereIsNoTrendSectionAndNoOutline()
    {
        var (client, organization) = await app.NewOrganization($"One wave {Guid.NewGuid():N}");
        var only = SeedWave(organization, "Only wave", daysAgo: 1, responses: 8, offset: 1);

        var page = await client.GetPage($"/assessments/{only}/results");

        Assert.DoesNotContain("Trend across waves", page);
        Assert.Null(TrendChart(page));
        Assert.False(HasOutline(Wheel(page)));
        Assert.DoesNotContain("Compared with", Wheel(page).Element(Svg + "desc")!.Value);
    }

    [Fact]
    public async Task AWaveWithTooFewAnswersOrStillOpenIsNeverInTheTrendNorAnOutline()
    {
        var (client, organization) = await app.NewOrganization($"Gaps {Guid.NewGuid():N}");
        var released = SeedWave(organization, "Released wave", daysAgo: 90, responses: 8, offset: 0);
        var tooFew = SeedWave(organization, "Too few wave", daysAgo: 60, responses: 2, offset: 1);
        var open = SeedWave(organization, "Open wave", daysAgo: 30, responses: 8, offset: 3, status: AssessmentStatus.Open);
        var latest = SeedWave(organization, "Latest wave", daysAgo: 1, responses: 8, offset: 2);

        var page = await client.GetPage($"/assessments/{latest}/results");

        var desc = TrendChart(page)!.Element(Svg + "desc")!.Value;
        Assert.Contains("across 2 waves", desc);
        Assert.Contains("Released wave", desc);
        Assert.Contains("Latest wave", desc);
        Assert.DoesNotContain("Too few wave", desc);
        Assert.DoesNotContain("Open wave", desc);
        // The previous closed wave has too few answers: the outline (as the comparison picks it) is the latest released one before.
        Assert.Contains("Compared with Released wave", Wheel(page).Element(Svg + "desc")!.Value);
        Assert.DoesNotContain("Too few wave", page);
        Assert.DoesNotContain("Open wave", page);
        foreach (var hidden in new[] { tooFew, open })
        {
            var chosen = await client.GetAsync($"/assessments/{latest}/results?with={hidden}");
            Assert.Equal(HttpStatusCode.NotFound, chosen.StatusCode);
            Assert.DoesNotContain(hidden == tooFew ? "Too few wave" : "Open wave", await chosen.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{latest}/results/wheel.svg?with={hidden}")).StatusCode);
        }

        // The released wave may be chosen instead, and is outlined.
        var withReleased = Wheel(await client.GetPage($"/assessments/{latest}/results?with={released}"));
        Assert.Contains("Compared with Released wave", withReleased.Element(Svg + "desc")!.Value);
        Assert.True(HasOutline(withReleased));
        // Neither the open nor the too-few wave has a trend of its own to download.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{open}/results/trend.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{tooFew}/results/trend.png")).StatusCode);
    }

    [Fact]
    public async Task TheTrendAndTheOutlinedWheelDownloadAsOnThePageAndAnotherOrganizationsIdsAreNotFound()
    {
        var (client, organization) = await app.NewOrganization($"Downloads {Guid.NewGuid():N}");
        var first = SeedWave(organization, "Spring: EMEA & US", daysAgo: 120, responses: 8, offset: 0);
        SeedWave(organization, "Summer pulse", daysAgo: 60, responses: 8, offset: 1);
        var third = SeedWave(organization, "Autumn review", daysAgo: 1, responses: 8, offset: 2);
        var (_, otherOrganization) = await app.NewOrganization($"Other {Guid.NewGuid():N}");
        var foreign = SeedWave(otherOrganization, "Not yours", daysAgo: 30, responses: 8, offset: 3);

        var page = await client.GetPage($"/assessments/{third}/results?with={first}");
        var trendSvg = await client.GetAsync($"/assessments/{third}/results/trend.svg");
        var trendPng = await client.GetAsync($"/assessments/{third}/results/trend.png");
        var wheelWithFirst = await client.GetAsync($"/assessments/{third}/results/wheel.svg?with={first}");
        var wheelPng = await client.GetAsync($"/assessments/{third}/results/wheel.png?with={first}");
        var wheelDefault = await client.GetStringAsync($"/assessments/{third}/results/wheel.svg");

        Assert.Equal("image/svg+xml", trendSvg.Content.Headers.ContentType!.MediaType);
        Assert.Equal("autumn-review-trend.svg", trendSvg.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.True(trendSvg.Headers.CacheControl!.NoStore);
        var trend = (await trendSvg.Content.ReadAsStringAsync()).Trim();
        Assert.Contains(trend, page);
        Assert.Contains("across 3 waves", XDocument.Parse(trend).Root!.Element(Svg + "desc")!.Value);
        Assert.Equal("image/png", trendPng.Content.Headers.ContentType!.MediaType);
        Assert.Equal("autumn-review-trend.png", trendPng.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await trendPng.Content.ReadAsByteArrayAsync()).Take(4));

        // The page opened ?with= the first wave and the download ?with= the same wave draw the same wheel; the page's link carries it.
        var wheel = (await wheelWithFirst.Content.ReadAsStringAsync()).Trim();
        Assert.Contains(wheel, page);
        Assert.Contains("Compared with Spring: EMEA &amp; US", wheel);
        Assert.Contains($"/assessments/{third}/results/wheel.svg?with={first}", page);
        Assert.Equal("autumn-review-wheel.png", wheelPng.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        // Without with, the previous wave is the outline, as on the page opened without it.
        Assert.Contains("Compared with Summer pulse", wheelDefault);
        Assert.Contains(wheelDefault.Trim(), await client.GetPage($"/assessments/{third}/results"));

        foreach (var url in new[]
        {
            $"/assessments/{foreign}/results/trend.svg", $"/assessments/{foreign}/results/trend.png",
            $"/assessments/{third}/results/wheel.svg?with={foreign}", $"/assessments/{third}/results/wheel.png?with={foreign}",
            $"/assessments/{third}/results/wheel.svg?with={third}", $"/assessments/{third}/results/wheel.svg?with={Guid.NewGuid()}",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }

        // The other organization's wave is not one to compare with on the page either (as the comparison answers it).
        var foreignPage = await client.GetAsync($"/assessments/{third}/results?with={foreign}");
        Assert.Equal(HttpStatusCode.NotFound, foreignPage.StatusCode);
        Assert.DoesNotContain("Not yours", await foreignPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheDownloadedTrendFollowsAChangeToAnEarlierWavesResult()
    {
        var (client, organization) = await app.NewOrganization($"Trend cache {Guid.NewGuid():N}");
        var first = SeedWave(organization, "First wave", daysAgo: 40, responses: 8, offset: 0);
        var second = SeedWave(organization, "Second wave", daysAgo: 1, responses: 8, offset: 2);
        var url = $"/assessments/{second}/results/trend.svg";
        var before = TrendValues(XDocument.Parse(await client.GetStringAsync(url)).Root!);

        // An answer joins the earlier wave (as a late upload would): its shared result, and so the trend, changes.
        var late = SeedWave(organization, "Late answers", daysAgo: 40, responses: 4, offset: 4);
        app.Service(db =>
        {
            db.SurveyResponses.Where(r => r.AssessmentId == late).ExecuteUpdate(r => r.SetProperty(x => x.AssessmentId, first));
            return db.Assessments.Where(a => a.Id == late).ExecuteDelete();
        });
        var after = TrendValues(XDocument.Parse(await client.GetStringAsync(url)).Root!);

        var changed = (await SharedResult(first)).Dimensions.Single(d => d.Id == "enablement").Score!.Value;
        Assert.NotEqual(before["enablement"][0], after["enablement"][0], 0.01);
        Assert.Equal(changed, after["enablement"][0], 0.01);
        Assert.Equal(before["enablement"][1], after["enablement"][1], 1e-9);
    }

    [Fact]
    public async Task TheApiExportsTheTrendAndTheOutlinedWheelAndRefusesAnotherOrganizationsWave()
    {
        var (client, organization) = await app.NewOrganization($"Api trend {Guid.NewGuid():N}");
        var first = SeedWave(organization, "Wave one", daysAgo: 40, responses: 8, offset: 0);
        var second = SeedWave(organization, "Wave two", daysAgo: 1, responses: 8, offset: 2);
        var (_, otherOrganization) = await app.NewOrganization($"Api other {Guid.NewGuid():N}");
        var foreign = SeedWave(otherOrganization, "Theirs", daysAgo: 5, responses: 8, offset: 1);
        var api = app.Api(await client.MakeToken("charts", "Viewer"));

        var trend = await api.GetAsync($"/api/v1/assessments/{second}/exports/trend-svg");
        var png = await api.GetAsync($"/api/v1/assessments/{second}/exports/trend-png");
        var wheel = await api.GetStringAsync($"/api/v1/assessments/{second}/exports/svg?with={first}");

        Assert.Equal("image/svg+xml", trend.Content.Headers.ContentType!.MediaType);
        Assert.Equal("wave-two-trend.svg", trend.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal((await trend.Content.ReadAsStringAsync()).Trim(), (await client.GetStringAsync($"/assessments/{second}/results/trend.svg")).Trim());
        Assert.Equal("wave-two-trend.png", png.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Contains("Compared with Wave one", wheel);
        await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/assessments/{second}/exports/svg?with={foreign}"), HttpStatusCode.NotFound);
        await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/assessments/{foreign}/exports/trend-svg"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APulseFollowUpJoinsTheTrendWithGapsForTheDriversItDidNotAsk()
    {
        var (client, organization) = await app.NewOrganization($"Pulse trend {Guid.NewGuid():N}");
        var first = SeedWave(organization, "Baseline", daysAgo: 90, responses: 8, offset: 0);
        var pulse = SeedWave(organization, "Enablement pulse", daysAgo: 45, responses: 8, offset: 3, drivers: ["enablement"]);
        var third = SeedWave(organization, "Full re-measure", daysAgo: 1, responses: 8, offset: 1);
        var reports = new[] { await SharedResult(first), await SharedResult(pulse), await SharedResult(third) };

        var page = await client.GetPage($"/assessments/{third}/results");

        var drawn = TrendValues(TrendChart(page)!);
        Assert.Equal(Full.Drivers.Select(d => d.Id).Order(), drawn.Keys.Order());
        foreach (var (driver, points) in drawn)
        {
            Assert.Equal(driver == "enablement" ? [0, 1, 2] : [0, 2], points.Keys.Order());
            foreach (var (wave, score) in points)
            {
                Assert.Equal(reports[wave].Dimensions.Single(d => d.Id == driver).Score!.Value, score, 0.01);
            }
        }

        // The pulse's own page outlines the baseline only where the pulse measured something.
        var pulseWheel = Wheel(await client.GetPage($"/assessments/{pulse}/results"));
        Assert.Single(Outlines(pulseWheel, "enablement"));
    }

    /// <summary>
    /// A closed (or open) wave of the built-in instrument, or of a pulse of some of its drivers (as "Run a follow-up"
    /// makes it: the instrument's id kept), closed <paramref name="daysAgo"/>; answers vary by driver and by
    /// <paramref name="offset"/>, so every driver and every wave scores differently.
    /// </summary>
    private Guid SeedWave(Guid organization, string name, int daysAgo, int responses, int offset, string[]? drivers = null, AssessmentStatus status = AssessmentStatus.Closed) => app.Service(db =>
    {
        var instrument = drivers is null ? Full : Full.Subset([.. Full.Dimensions.Where(d => drivers.Contains(d.Id)).SelectMany(d => d.Items).Select(i => i.Id)], Full.Id, $"{Full.Name} pulse");
        var driverOf = instrument.Dimensions.SelectMany((d, index) => d.Items.Select(i => (i.Id, index))).ToDictionary(p => p.Id, p => p.index);
        var points = instrument.Scale.Max - instrument.Scale.Min + 1;
        var when = DateTime.UtcNow.AddDays(-daysAgo);
        var assessment = new Assessment
        {
            OrganizationId = organization,
            Name = name,
            Status = status,
            OpenedAt = when.AddDays(-14),
            ClosedAt = status == AssessmentStatus.Closed ? when : null,
            CreatedAt = when.AddDays(-15),
            InstrumentJson = drivers is null ? null : InstrumentFile.ToJson(instrument),
        };
        db.Assessments.Add(assessment);
        for (var r = 0; r < responses; r++)
        {
            db.SurveyResponses.Add(new SurveyResponse
            {
                AssessmentId = assessment.Id,
                Role = r % 3 == 0 ? "leader" : "seller",
                Team = r % 2 == 0 ? "East" : "West",
                SubmittedOn = DateOnly.FromDateTime(when),
                Answers = [.. instrument.Items.Select(i => (byte)(1 + (((driverOf.GetValueOrDefault(i.Id) * 3) + r + offset) % points)))],
            });
        }

        db.SaveChanges();
        return assessment.Id;
    });

    /// <summary>A wave's shared result, as its own results page shows it.</summary>
    private async Task<ScoreReport> SharedResult(Guid id)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == id);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == assessment.OrganizationId);
        return await scope.ServiceProvider.GetRequiredService<AssessmentScoring>().ResultAsync(assessment, organization);
    }

    private static string Day(int daysAgo) => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-daysAgo)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Rounded(double? score) => Math.Round(score!.Value, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    private static XElement Wheel(string page) => XDocument.Parse(InlineWheel().Match(page).Value).Root!;

    private static XElement? TrendChart(string page) =>
        InlineTrend().Match(page) is { Success: true } match ? XDocument.Parse(match.Value).Root! : null;

    [GeneratedRegex(@"<svg\b[^>]*aria-labelledby=""wheel-title[^""]*""[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex InlineWheel();

    [GeneratedRegex(@"<svg\b[^>]*aria-labelledby=""trend-title[^""]*""[^>]*>.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex InlineTrend();

    private static bool HasOutline(XElement wheel) => wheel.Descendants(Svg + "g").Any(g => (string?)g.Attribute("class") == "previous");

    private static List<XElement> Outlines(XElement wheel, string driver) =>
        [.. wheel.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "driver" && (string?)g.Attribute("data-driver") == driver)
            .Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "previous")];

    /// <summary>
    /// Each driver's line as wave index → 0–100 score, read back from its path through the chart's own 0 and 100 grid
    /// lines and the waves' columns, so the test holds whatever the layout.
    /// </summary>
    private static Dictionary<string, Dictionary<int, double>> TrendValues(XElement svg)
    {
        var grid = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "grid").Elements(Svg + "line").Where(l => l.Attribute("class") is null).ToList();
        var zero = (double)grid[0].Attribute("y1")!;
        var hundred = (double)grid[^1].Attribute("y1")!;
        var columns = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "waves").Elements(Svg + "line").Select(l => (double)l.Attribute("x1")!).ToList();
        return svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "driver").ToDictionary(
            g => (string)g.Attribute("data-driver")!,
            g => ((string)g.Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "line").Attribute("d")!)
                .Split(['M', 'L', ' '], StringSplitOptions.RemoveEmptyEntries)
                .Select(point => point.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
                .ToDictionary(
                    p => columns.FindIndex(x => Math.Abs(x - p[0]) < 0.5),
                    p => (p[1] - zero) / (hundred - zero) * 100));
    }
}
