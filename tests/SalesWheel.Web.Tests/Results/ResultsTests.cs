using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Data.Entities;
using static SalesWheel.Web.Tests.Results.ResultsKit;

namespace SalesWheel.Web.Tests.Results;

public sealed partial class ResultsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly int DimensionCount = BuiltInInstrument.Full.Dimensions.Count;

    [Fact]
    public async Task WithFewerRespondentsThanTheMinimumGroupSizeOnlyParticipationCountsShow()
    {
        var (client, organization) = await SignUp("few");
        var id = SeedAssessment(organization, invitations: 7,
            Answer("seller", "East", value: 1, comment: "Territories are handed out by who shouts loudest"),
            Answer("seller", "East", value: 2),
            Answer("leader", "East", value: 2));

        var page = await client.GetPage($"/assessments/{id}/results");
        var document = Html.Parse(page);
        var text = document.DocumentElement.Text();

        Assert.Contains("3 responses from 7 invitations", text);
        Assert.Contains("Results need at least 5 people to have answered", text);
        Assert.Empty(document.QuerySelectorAll("svg"));
        Assert.DoesNotContain("Fix first", page);
        Assert.DoesNotContain("16.7", text); // the three answers' score, (1 + 2 + 2) / 3 on 1..5
        Assert.DoesNotContain("Territories are handed out", page);
        Assert.Empty(document.QuerySelectorAll("table.heat"));
    }

    [Fact]
    public async Task TheOrganizationsMinimumGroupSizeDecidesWhenTheSameAnswersBecomeVisible()
    {
        var (client, organization) = await SignUp("threshold");
        var id = SeedAssessment(organization, invitations: 3,
            Answer("seller", "East", value: 1, comment: "More coaching on live deals"),
            Answer("seller", "East", value: 2),
            Answer("leader", "East", value: 2));
        SetMinimumGroupSize(organization, 4);

        var hidden = await client.GetPage($"/assessments/{id}/results");
        Assert.DoesNotContain("16.7", Html.Parse(hidden).DocumentElement.Text());
        Assert.DoesNotContain("More coaching on live deals", hidden);

        SetMinimumGroupSize(organization, 3);
        var shown = Html.Parse(await client.GetPage($"/assessments/{id}/results"));
        Assert.Contains("16.7", shown.DocumentElement.Text());
        Assert.Contains("More coaching on live deals", shown.Texts("ul.comments > li"));
        Assert.NotEmpty(shown.QuerySelectorAll("svg"));
    }

    [Fact]
    public async Task WithEnoughRespondentsTheWheelPrioritiesAndHeatmapsShowAndASmallTeamStaysHidden()
    {
        var (client, organization) = await SignUp("enough");
        // Recoded values: Alpha 4 (75), Beta 5 (100), Gamma 3 (50); Tiny is two people at 1 and 2 (12.5), below k = 5.
        var id = SeedAssessment(organization, invitations: 22,
        [
            .. Enumerable.Range(0, 6).Select(_ => Answer("seller", "Alpha", 4)),
            .. Enumerable.Range(0, 6).Select(_ => Answer("leader", "Beta", 5)),
            .. Enumerable.Range(0, 6).Select(_ => Answer("seller", "Gamma", 3)),
            Answer("seller", "Tiny", 1),
            Answer("seller", "Tiny", 2),
        ]);

        var page = Html.Parse(await client.GetPage($"/assessments/{id}/results"));
        var text = page.DocumentElement.Text();

        page.One("div.wheel > svg");
        Assert.Contains("Fix first", page.Texts("h2"));
        Assert.Contains(page.Section("Fix first"), e => e.Matches("ol.priorities"));
        Assert.Equal("All 8 ranked drivers", page.One("details.all-priorities > summary").Text());
        var teams = page.Section("By team");
        var strategy = Heatmap(teams).Rows()[0];
        Assert.Equal("Strategy", strategy["Driver"].Text());
        Assert.Equal(("100.0", "cell strong"), (strategy["Beta n=6"].Text(), strategy["Beta n=6"].ClassName)); // Beta
        Assert.Equal(("50.0", "cell risk"), (strategy["Gamma n=6"].Text(), strategy["Gamma n=6"].ClassName)); // Gamma
        Assert.Equal(("50.0", "num gap-high"), (strategy["Gap"].Text(), strategy["Gap"].ClassName));
        Assert.Contains("The Beta team sees Strategy at 100, the Gamma team at 50.", Text(teams));
        Assert.Contains("Leaders see Strategy at 100, sellers at 55.", Text(page.Section("By role")));

        // Tiny is below k, and Alpha is hidden too so that Tiny cannot be recovered by subtraction: both read the same.
        Assert.Equal(2 * DimensionCount, page.QuerySelectorAll("td").Count(td => td.Text() == "hidden to protect anonymity" && td.ClassName == "cell hidden"));
        Assert.Equal(2 * DimensionCount, page.QuerySelectorAll(".cell.hidden").Length);
        Assert.Contains("so that a smaller group cannot be worked out by subtraction", text);
        Assert.DoesNotContain("12.5", text);
        Assert.DoesNotContain("75.0", text);
        Assert.DoesNotMatch(@"\bn=2\b", text);
        var teamHeaders = Heatmap(teams).Head!.Rows[0].Cells.Select(c => c.Text()).ToList();
        Assert.Contains("Alpha hidden", teamHeaders); // no size for either hidden team
        Assert.Contains("Tiny hidden", teamHeaders);
    }

    [Fact]
    public async Task ASmallTeamAndTheTeamHiddenWithItReadExactlyAlikeSoTheSmallOneCannotBeTold()
    {
        // The reviewer's case: six people, East 5 and West 1. West is under k = 5, East is hidden so that West is not
        // "everyone minus East". Were East labelled differently, the reader would know West is the single person.
        var (client, organization) = await SignUp("alike");
        var id = SeedAssessment(organization, invitations: 6,
        [
            .. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 4)),
            Answer("seller", "West", 1),
        ]);

        var page = Html.Parse(await client.GetPage($"/assessments/{id}/results"));
        var heat = page.Section("By team");
        var table = Heatmap(heat);

        // Each column header is the team's name, then what is said of its size: the same word for both.
        var headers = table.Head!.Rows[0].Cells.Skip(1).SkipLast(1).ToDictionary(c => c.FirstChild!.Text(), c => c.Text()[c.FirstChild!.Text().Length..]);
        Assert.Equal(["East", "West"], headers.Keys);
        Assert.Equal(" hidden", headers["East"]);
        Assert.Equal(headers["East"], headers["West"]);
        Assert.Equal(table.Head.Rows[0].Cells[1].InnerHtml.Replace("East", "West", StringComparison.Ordinal), table.Head.Rows[0].Cells[2].InnerHtml);
        var rows = table.Rows();
        Assert.Equal(DimensionCount, rows.Count);
        foreach (var row in rows)
        {
            var cells = row.Values.Where(c => c.LocalName == "td").ToList();
            Assert.Equal([("hidden to protect anonymity", "cell hidden"), ("hidden to protect anonymity", "cell hidden")], cells[..2].Select(c => (c.Text(), c.ClassName)));
            Assert.Equal(cells[0].OuterHtml, cells[1].OuterHtml);
        }

        var text = Text(heat);
        Assert.DoesNotMatch(@"\bn\s*=\s*[15]\b", text);
        Assert.DoesNotContain("75.0", text); // East's score
        Assert.DoesNotMatch(@"\b0\.0\b", text); // West's
        Assert.Contains("Some hidden groups may have 5 or more answers: they are hidden so that a smaller group cannot be worked out by subtraction.", text);
    }

    [Fact]
    public async Task EachDriverHasFacetAndStatementDetailAndPhaseAndDealSizeLinkToSettings()
    {
        var (client, organization) = await SignUp("detail");
        app.Service(db =>
        {
            var org = db.Organizations.Single(o => o.Id == organization);
            org.Phase = CompanyPhase.Scale;
            org.Acv = AcvBand.From15KTo50K;
            return db.SaveChanges();
        });
        var id = SeedAssessment(organization, invitations: 6, [.. Enumerable.Range(0, 6).Select(i => Answer("seller", "East", 2 + (i % 3)))]);

        var page = Html.Parse(await client.GetPage($"/assessments/{id}/results"));
        var text = page.DocumentElement.Text();

        Assert.Equal(DimensionCount, page.QuerySelectorAll("details.driver-detail").Length);
        var strategy = BuiltInInstrument.Full.Dimensions[0];
        Assert.Equal(strategy.Facets[0].Name, page.Table($"Facets of {strategy.Name}").Rows()[0]["Facet"].Text());
        Assert.StartsWith(strategy.Items.First().Text, page.Table($"Statements of {strategy.Name}").Rows()[0]["Statement"].Text(), StringComparison.Ordinal);
        Assert.Contains("reversed", page.Texts("details.driver-detail td .flag"));
        Assert.Contains("few answers — only 6 people", Text(page.QuerySelectorAll("ul.reliability > li"))); // n < 10 is flagged and explained
        Assert.Contains("the Scale phase", text);
        Assert.Contains("ACV $15K–$50K", text);
        Assert.Equal("/settings", page.QuerySelectorAll("a").Single(a => a.Text() == "Change phase or deal size in Settings").GetAttribute("href"));
    }

    [Fact]
    public async Task CommentsAppearOnlyOnceTheAssessmentHasKRespondentsAndWithoutWhoWroteThem()
    {
        var (client, organization) = await SignUp("comments");
        var id = SeedAssessment(organization, invitations: 8,
            Answer("seller", "East", 3, "Fewer internal meetings"),
            Answer("seller", "West", 4, "Clear lead routing"),
            Answer("manager", "East", 4, "   "),
            Answer("seller", "East", 2, "Faster quotes"));

        var below = await client.GetPage($"/assessments/{id}/results");
        Assert.DoesNotContain("Fewer internal meetings", below);
        Assert.DoesNotContain("Clear lead routing", below);

        AddResponse(id, Answer("leader", "Leadership", 5, "Pay commission monthly"));
        var list = Html.Parse(await client.GetPage($"/assessments/{id}/results")).One("ul.comments");
        var comments = list.Texts("li");
        Assert.Equal(["Clear lead routing", "Faster quotes", "Fewer internal meetings", "Pay commission monthly"], comments.Order());
        Assert.DoesNotContain("Leadership", list.OuterHtml);
        Assert.DoesNotContain("seller", list.OuterHtml);
    }

    [Fact]
    public async Task AVeryLongCommentListShowsTheFirstTwoHundredWithALinkToAllOfThem()
    {
        var (client, organization) = await SignUp("many-comments");
        var id = SeedAssessment(organization, invitations: 0, [.. Enumerable.Range(0, 205).Select(i => Answer("seller", "East", 3, $"Idea number {i}"))]);

        var first = Html.Parse(await client.GetPage($"/assessments/{id}/results"));
        Assert.Equal(200, first.QuerySelectorAll("li").Count(li => IdeaNumber().IsMatch(li.Text())));
        Assert.Equal($"/assessments/{id}/results?comments=all#comments", first.QuerySelectorAll("a").Single(a => a.Text() == "Show all 205 comments").GetAttribute("href"));

        var allHtml = await client.GetPage($"/assessments/{id}/results?comments=all");
        Assert.Equal(205, Html.Parse(allHtml).QuerySelectorAll("li").Count(li => IdeaNumber().IsMatch(li.Text())));
        Assert.DoesNotContain("Show all", allHtml);
    }

    [Fact]
    public async Task TheResultIsComputedOncePerNewResponseAndReusedOnTheNextView()
    {
        var (client, organization) = await SignUp("cache");
        var id = SeedAssessment(organization, invitations: 6, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 4))]);

        await client.GetPage($"/assessments/{id}/results");
        var first = app.Service(db => db.AssessmentResults.AsNoTracking().Single(r => r.AssessmentId == id));
        Assert.Equal(5, first.ResponseCount);
        await client.GetPage($"/assessments/{id}/results");
        var second = app.Service(db => db.AssessmentResults.AsNoTracking().Single(r => r.AssessmentId == id));
        Assert.Equal(first.ComputedAt, second.ComputedAt);

        AddResponse(id, Answer("seller", "East", 2));
        await client.GetPage($"/assessments/{id}/results");
        var third = app.Service(db => db.AssessmentResults.AsNoTracking().Single(r => r.AssessmentId == id));
        Assert.Equal(6, third.ResponseCount);
        Assert.Equal(app.Service(db => db.SurveyResponses.Count(r => r.AssessmentId == id)), third.ResponseCount);
    }

    [Fact]
    public async Task AnotherOrganizationsAssessmentOrAnUnknownOneIsNotFound()
    {
        var (owner, organization) = await SignUp("mine");
        var id = SeedAssessment(organization, invitations: 5, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 4))]);
        await owner.GetPage($"/assessments/{id}/results");

        var (stranger, _) = await SignUp("theirs");
        var page = Html.Parse(await stranger.GetPage($"/assessments/{id}/results", HttpStatusCode.NotFound));
        Assert.Empty(page.QuerySelectorAll("svg"));
        await stranger.GetPage($"/assessments/{Guid.NewGuid()}/results", HttpStatusCode.NotFound);
        await stranger.GetPage("/assessments/not-an-id/results", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AViewerReadsTheResultsAndSomeoneSignedOutIsSentToSignIn()
    {
        var (_, organization) = await SignUp("viewers");
        var id = SeedAssessment(organization, invitations: 5, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 4))]);
        var email = $"viewer-{Guid.NewGuid():N}@example.com";
        await AddViewer(organization, email, "a viewer reads results calmly");
        var viewer = app.Browser();
        var signIn = await viewer.PostForm("/signin", [new("Email", email), new("Password", "a viewer reads results calmly")]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var html = await viewer.GetPage($"/assessments/{id}/results");
        var page = Html.Parse(html);
        Assert.NotEmpty(page.QuerySelectorAll("svg"));
        Assert.DoesNotContain("Change phase or deal size", html); // a viewer cannot change them
        Assert.Contains("An admin can change them in Settings.", page.DocumentElement.Text());

        var anonymous = await app.Browser().GetAsync($"/assessments/{id}/results");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/signin", anonymous.Headers.Location!.ToString());
    }

    // --- seeding ---

    [Fact]
    public async Task WhileAnAssessmentIsOpenItsResultsAndDownloadsShowParticipationOnlyEvenWithEnoughAnswers()
    {
        // Two views a little apart would differ by exactly the latest answers: nothing but counts until it closes.
        var (client, organization) = await SignUp("still open");
        var id = SeedAssessment(organization, invitations: 8, [.. Enumerable.Range(0, 6).Select(i => Answer("seller", "East", value: 1 + i % 5))]);
        app.Service(db => db.Assessments.Where(a => a.Id == id)
            .ExecuteUpdate(s => s.SetProperty(a => a.Status, AssessmentStatus.Open).SetProperty(a => a.ClosedAt, (DateTime?)null)));

        var html = await client.GetPage($"/assessments/{id}/results");
        var page = Html.Parse(html);
        Assert.Contains("Results appear when this assessment closes.", page.DocumentElement.Text());
        Assert.Contains("6 responses from 8 invitations", page.DocumentElement.Text());
        Assert.Empty(page.QuerySelectorAll("svg"));
        Assert.DoesNotContain("Fix first", html);
        foreach (var file in new[] { "wheel.svg", "wheel.png" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/results/{file}")).StatusCode);
        }

        foreach (var file in new[] { "answers.csv", "results.xlsx" })
        {
            var refused = await client.GetAsync($"/assessments/{id}/results/{file}");
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("Nothing to download while the assessment is open", await refused.Content.ReadAsStringAsync());
        }

        using (var pdf = new Poppler(await (await client.GetAsync($"/assessments/{id}/results/report.pdf")).Content.ReadAsByteArrayAsync()))
        {
            var text = pdf.RawText();
            Assert.Equal(1, pdf.PageCount);
            Assert.Contains("Results appear when the assessment closes", text.ReplaceLineEndings(" "));
            Assert.DoesNotContain("Fix first", text);
        }

        // Closing releases them, once.
        app.Service(db => db.Assessments.Where(a => a.Id == id)
            .ExecuteUpdate(s => s.SetProperty(a => a.Status, AssessmentStatus.Closed).SetProperty(a => a.ClosedAt, DateTime.UtcNow)));
        page = Html.Parse(await client.GetPage($"/assessments/{id}/results"));
        Assert.NotEmpty(page.QuerySelectorAll("svg"));
        Assert.Contains("Fix first", page.Texts("h2"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/assessments/{id}/results/answers.csv")).StatusCode);
    }

    private async Task<(HttpClient Client, Guid Organization)> SignUp(string name)
    {
        var organization = $"Results {name} {Guid.NewGuid():N}";
        var client = app.Browser();
        await client.SignUp($"{Guid.NewGuid():N}@example.com", organization);
        return (client, app.Service(db => db.Organizations.Single(o => o.Name == organization).Id));
    }

    private Guid SeedAssessment(Guid organization, int invitations, params SurveyResponse[] responses) => app.SeedClosedAssessment(organization, "Q3 team assessment", invitations, responses);


    private void AddResponse(Guid assessment, SurveyResponse response) => app.Service(db =>
    {
        response.AssessmentId = assessment;
        db.SurveyResponses.Add(response);
        return db.SaveChanges();
    });

    private void SetMinimumGroupSize(Guid organization, int k) => app.Service(db =>
        db.Organizations.Where(o => o.Id == organization).ExecuteUpdate(s => s.SetProperty(o => o.MinimumGroupSize, k)));

    private async Task AddViewer(Guid organization, string email, string password)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = "Board member" };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<Data.AppDbContext>();
        db.Memberships.Add(new Membership { OrganizationId = organization, UserId = user.Id, Role = MemberRole.Viewer });
        await db.SaveChangesAsync();
    }

    /// <summary>The one heatmap table of a breakdown's section.</summary>
    private static IHtmlTableElement Heatmap(IEnumerable<IElement> section) =>
        Assert.Single(section.SelectMany(e => e.QuerySelectorAll("table")).OfType<IHtmlTableElement>());

    /// <summary>What a reader sees of some elements (numbers in SVG geometry and attributes are not text).</summary>
    private static string Text(IEnumerable<IElement> elements) => string.Join(' ', elements.Select(e => e.Text()));

    [GeneratedRegex(@"^Idea number \d+$")]
    private static partial Regex IdeaNumber();
}
