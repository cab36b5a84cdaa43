using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Results;

namespace SalesWheel.Web.Tests.QuickCheck;

/// <summary>Quick checks for the leader-check tests: one low answer (enablement), the rest agreeing.</summary>
internal static class LeaderCheckKit
{
    public static List<KeyValuePair<string, string>> Answers() =>
        Core.Instruments.BuiltInInstrument.Quick.Items
            .Select(i => new KeyValuePair<string, string>($"Answers[{i.Id}]", (i.Id == "ENB1" ? 1 : 4).ToString(CultureInfo.InvariantCulture)))
            .Append(new("Phase", "gtm-fit")).Append(new("Acv", "15k-50k")).ToList();

    /// <summary>Takes the quick check; returns its private link's token.</summary>
    public static async Task<string> TakeQuickCheck(this AppFactory app)
    {
        var response = await app.Browser().PostForm("/quick", Answers());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString()["/q/".Length..];
    }

    /// <summary>Driver → score, as a page's driver table prints it.</summary>
    public static Dictionary<string, string> DriverScores(string page) =>
        ((IHtmlTableElement)Html.Parse(page).One("table.drivers")).Rows().ToDictionary(r => r["Driver"].Text(), r => r["Score"].Text());
}

public sealed class LeaderCheckTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Owner, Guid Organization, string Token)> SignedUpFromQuickCheck(string organization)
    {
        var token = await app.TakeQuickCheck();
        var owner = app.Browser();
        var email = $"leader-{Guid.NewGuid():N}@example.com";
        await owner.SignUp(email, organization, token);
        return (owner, app.OrganizationOf(email), token);
    }

    [Fact]
    public async Task AfterSigningUpTheAssessmentsListShowsTheLeadersQuickCheckWithItsWheel()
    {
        var (owner, organization, _) = await SignedUpFromQuickCheck("Kept Co");

        var list = Html.Parse(await owner.GetPage("/assessments"));
        Assert.DoesNotContain("No assessments yet", list.Body!.Text());
        var link = list.One("[data-quick-check] th a");
        Assert.Equal("Leader\u2019s quick check", link.Text());
        var page = await owner.GetPage(link.GetAttribute("href")!);
        Assert.Contains("<svg", page);
        Assert.Equal("Leader\u2019s quick check", Html.Parse(page).One("h1").Text());
        Assert.Equal("37.5", LeaderCheckKit.DriverScores(page)["Enablement"]); // answers 1 and 4 on 1–5: (0 + 75) / 2

        var audit = app.Service(db => db.AuditEntries.AsNoTracking().Single(e => e.OrganizationId == organization && e.Action == "leader's quick check kept"));
        Assert.Equal("company phase GTM Fit, typical deal size ACV $15K–$50K", audit.Detail);
        Assert.Contains("leader's quick check kept", Html.Parse(await owner.GetPage("/settings/audit")).Body!.Text());
    }

    [Fact]
    public async Task ATeamAssessmentsResultsSetTheLeadersViewNextToTheTeamsDriverByDriver()
    {
        var (owner, organization, _) = await SignedUpFromQuickCheck("Gap Co");
        var closed = app.SeedClosedAssessment(organization, "Team view", 6,
            [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", "East", 2 + (i % 3)))]);
        var checkId = app.Service(db => db.QuickChecks.Single(q => q.OrganizationId == organization).Id);
        var leader = LeaderCheckKit.DriverScores(await owner.GetPage($"/assessments/quick-check/{checkId}"));

        var results = await owner.GetPage($"/assessments/{closed}/results");

        var team = LeaderCheckKit.DriverScores(results);
        var rows = Html.Parse(results).Table("Leader's view and team's view by driver").Rows();
        Assert.Equal(8, rows.Count);
        foreach (var row in rows)
        {
            var driver = row["Driver"].Text();
            Assert.Equal(leader[driver], row["Leader"].Text());
            Assert.Equal(team[driver], row["Team"].Text());
            var gap = double.Parse(leader[driver], CultureInfo.InvariantCulture) - double.Parse(team[driver], CultureInfo.InvariantCulture);
            Assert.Equal(gap, double.Parse(row["Gap"].Text(), CultureInfo.InvariantCulture), 1);
        }

        Assert.Equal("-12.5", rows.Single(r => r["Driver"].Text() == "Enablement")["Gap"].Text()); // leader 37.5, team 50.0
        Assert.Equal("+25.0", rows.Single(r => r["Driver"].Text() == "Strategy")["Gap"].Text()); // leader 75.0, team 50.0
    }

    [Fact]
    public async Task WithoutAQuickCheckTheResultsHaveNoLeadersViewAndAnotherOrganizationsQuickCheckIsNotFound()
    {
        var (_, _, _) = await SignedUpFromQuickCheck("Holder Co");
        var foreignCheck = app.Service(db => db.QuickChecks.Where(q => q.OrganizationId != null).OrderByDescending(q => q.CreatedAt).First().Id);
        var (stranger, organization) = await app.NewOrganization("Plain Co");
        var closed = app.SeedClosedAssessment(organization, "No leader", 6, [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", "East", 3))]);

        var results = Html.Parse(await stranger.GetPage($"/assessments/{closed}/results"));

        Assert.Null(results.QuerySelector("table.leader-gaps"));
        Assert.Empty(Html.Parse(await stranger.GetPage("/assessments")).QuerySelectorAll("[data-quick-check]"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/quick-check/{foreignCheck}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/assessments/quick-check/{foreignCheck}?handler=Pdf")).StatusCode);
    }

    [Fact]
    public async Task TheQuickCheckResultOffersItsPdfAtThePrivateLinkAndInTheOrganization()
    {
        var (owner, organization, token) = await SignedUpFromQuickCheck("Pdf Co");
        var checkId = app.Service(db => db.QuickChecks.Single(q => q.OrganizationId == organization).Id);

        var page = Html.Parse(await app.Browser().GetPage($"/q/{token}"));
        var pdf = await app.Browser().GetAsync(page.One("[data-download=pdf]").GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.Latin1.GetString(await pdf.Content.ReadAsByteArrayAsync()));
        Assert.Null(page.QuerySelector("input[name=Email]")); // no SMTP here: no "email me this result"

        var inside = await owner.GetAsync($"/assessments/quick-check/{checkId}?handler=Pdf&paper=letter");
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.Latin1.GetString(await inside.Content.ReadAsByteArrayAsync()));
    }
}

public sealed class LeaderCheckEmailTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private AppFactory App => fixture.App;

    [Fact]
    public async Task WithSmtpTheResultIsEmailedToTheAddressTypedAFewTimesAnHourAtMost()
    {
        var token = await App.TakeQuickCheck();
        var browser = App.Browser();

        var sent = await browser.PostForm($"/q/{token}", [new("Email", "leader@example.com")], $"/q/{token}?handler=Email");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var after = Html.Parse(await browser.GetPage(sent.Headers.Location!.ToString()));
        Assert.Equal("The result was emailed to leader@example.com.", after.One("[role=status]").Text());
        var mail = Assert.Single(fixture.Sink.TextsTo("leader@example.com"));
        Assert.Contains("Enablement: 37.5", mail);
        Assert.Contains($"/q/{token}", mail);

        var bad = await browser.PostForm($"/q/{token}", [new("Email", "not an address")], $"/q/{token}?handler=Email");
        Assert.Equal("Enter an email address like name@company.com.", AssessmentKit.FieldError(await bad.Content.ReadAsStringAsync(), "Email"));

        await browser.PostForm($"/q/{token}", [new("Email", "leader@example.com")], $"/q/{token}?handler=Email");
        await browser.PostForm($"/q/{token}", [new("Email", "leader@example.com")], $"/q/{token}?handler=Email");
        var fourth = await browser.PostForm($"/q/{token}", [new("Email", "other@example.com")], $"/q/{token}?handler=Email");
        Assert.Contains("emailed 3 times in the last hour", AssessmentKit.FieldError(await fourth.Content.ReadAsStringAsync(), "Email"));
        Assert.Equal(3, fixture.Sink.TextsTo("leader@example.com").Count);
        Assert.Empty(fixture.Sink.TextsTo("other@example.com"));
    }
}
