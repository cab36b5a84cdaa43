using System.Net;
using System.Text.RegularExpressions;
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

        Assert.Contains("3 responses from 7 invitations", page);
        Assert.Contains("Results need at least 5 people to have answered", page);
        Assert.DoesNotContain("<svg", page);
        Assert.DoesNotContain("Fix first", page);
        Assert.DoesNotContain("16.7", Text(page)); // the three answers' score, (1 + 2 + 2) / 3 on 1..5
        Assert.DoesNotContain("Territories are handed out", page);
        Assert.DoesNotContain("class=\"heat\"", page);
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
        Assert.DoesNotContain("16.7", Text(hidden));
        Assert.DoesNotContain("More coaching on live deals", hidden);

        SetMinimumGroupSize(organization, 3);
        var shown = await client.GetPage($"/assessments/{id}/results");
        Assert.Contains("16.7", Text(shown));
        Assert.Contains("<li>More coaching on live deals</li>", shown);
        Assert.Contains("<svg", shown);
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

        var page = await client.GetPage($"/assessments/{id}/results");
        var text = Text(page);

        Assert.Matches("<div class=\"wheel\"><svg", page);
        Assert.Contains("Fix first", page);
        Assert.Contains("<ol class=\"priorities\">", page);
        Assert.Contains("All 8 ranked drivers", page);
        Assert.Contains("<td class=\"cell strong\">100.0</td>", page); // Beta
        Assert.Contains("<td class=\"cell risk\">50.0</td>", page); // Gamma
        Assert.Contains("<td class=\"num gap-high\">50.0</td>", page);
        Assert.Contains("The Beta team sees Strategy at 100, the Gamma team at 50.", page);
        Assert.Contains("Leaders see Strategy at 100, sellers at 55.", page);

        // Tiny is below k, and Alpha is hidden too so that Tiny cannot be recovered by subtraction: both read the same.
        Assert.Equal(2 * DimensionCount, Regex.Matches(page, "<td class=\"cell hidden\">hidden \\(fewer than 5 answers\\)</td>").Count);
        Assert.Equal(2 * DimensionCount, Regex.Matches(page, "class=\"cell hidden\"").Count);
        Assert.Contains("so that a smaller group cannot be worked out by subtraction", page);
        Assert.DoesNotContain("12.5", text);
        Assert.DoesNotContain("75.0", text);
        Assert.DoesNotMatch(@"\bn=2\b", text);
        Assert.Contains("Alpha<br /><span class=\"small\">hidden</span>", page); // no size for either hidden team
        Assert.Contains("Tiny<br /><span class=\"small\">hidden</span>", page);
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

        var page = await client.GetPage($"/assessments/{id}/results");
        var heat = TeamHeatmap(page);

        var headers = Regex.Matches(heat, "<th scope=\"col\" class=\"num\">(East|West)(.*?)</th>").ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal("<br /><span class=\"small\">hidden</span>", headers["East"]);
        Assert.Equal(headers["East"], headers["West"]);
        var rows = Regex.Matches(heat, "<tr>\\s*<th scope=\"row\">.*?</tr>", RegexOptions.Singleline);
        Assert.Equal(DimensionCount, rows.Count);
        foreach (var row in rows.Cast<Match>())
        {
            var cells = Regex.Matches(row.Value, "<td[^>]*>.*?</td>").Select(m => m.Value).ToList();
            Assert.Equal(["<td class=\"cell hidden\">hidden (fewer than 5 answers)</td>", "<td class=\"cell hidden\">hidden (fewer than 5 answers)</td>"], cells[..2]);
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

        var page = await client.GetPage($"/assessments/{id}/results");

        Assert.Equal(DimensionCount, Regex.Matches(page, "<details class=\"driver-detail\">").Count);
        var strategy = BuiltInInstrument.Full.Dimensions[0];
        Assert.Contains($"<th scope=\"row\">{strategy.Facets[0].Name}</th>", page);
        Assert.Contains(WebUtility.HtmlEncode(strategy.Items.First().Text), page);
        Assert.Contains("<span class=\"flag\">reversed</span>", page);
        Assert.Contains("few answers — only 6 people", page); // n < 10 is flagged and explained
        Assert.Contains("the Scale phase", page);
        Assert.Contains("ACV $15K–$50K", page);
        Assert.Contains("<a href=\"/settings\">Change phase or deal size in Settings</a>", page);
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
        var atK = await client.GetPage($"/assessments/{id}/results");
        var list = CommentList().Match(atK);
        Assert.True(list.Success, "no comment list");
        var comments = Regex.Matches(list.Value, "<li>(.*?)</li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Clear lead routing", "Faster quotes", "Fewer internal meetings", "Pay commission monthly"], comments.Order());
        Assert.DoesNotContain("Leadership", list.Value);
        Assert.DoesNotContain("seller", list.Value);
    }

    [Fact]
    public async Task AVeryLongCommentListShowsTheFirstTwoHundredWithALinkToAllOfThem()
    {
        var (client, organization) = await SignUp("many-comments");
        var id = SeedAssessment(organization, invitations: 0, [.. Enumerable.Range(0, 205).Select(i => Answer("seller", "East", 3, $"Idea number {i}"))]);

        var first = await client.GetPage($"/assessments/{id}/results");
        Assert.Equal(200, Regex.Matches(first, "<li>Idea number \\d+</li>").Count);
        Assert.Contains($"<a href=\"/assessments/{id}/results?comments=all#comments\">Show all 205 comments</a>", first);

        var all = await client.GetPage($"/assessments/{id}/results?comments=all");
        Assert.Equal(205, Regex.Matches(all, "<li>Idea number \\d+</li>").Count);
        Assert.DoesNotContain("Show all", all);
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
        var page = await stranger.GetPage($"/assessments/{id}/results", HttpStatusCode.NotFound);
        Assert.DoesNotContain("<svg", page);
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

        var page = await viewer.GetPage($"/assessments/{id}/results");
        Assert.Contains("<svg", page);
        Assert.DoesNotContain("Change phase or deal size", page); // a viewer cannot change them
        Assert.Contains("An admin can change them in Settings.", page);

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

        var page = await client.GetPage($"/assessments/{id}/results");
        Assert.Contains("Results appear when this assessment closes.", page);
        Assert.Contains("6 responses from 8 invitations", page);
        Assert.DoesNotContain("<svg", page);
        Assert.DoesNotContain("Fix first", page);
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
        page = await client.GetPage($"/assessments/{id}/results");
        Assert.Contains("<svg", page);
        Assert.Contains("Fix first", page);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/assessments/{id}/results/answers.csv")).StatusCode);
    }

    private async Task<(HttpClient Client, Guid Organization)> SignUp(string name)
    {
        var organization = $"Results {name} {Guid.NewGuid():N}";
        var client = app.Browser();
        await client.SignUp($"{Guid.NewGuid():N}@example.com", organization);
        return (client, app.Service(db => db.Organizations.Single(o => o.Name == organization).Id));
    }

    /// <summary>A response whose every recoded answer is <paramref name="value"/> (reverse-keyed items stored the other way round).</summary>
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

    /// <summary>The team heatmap and the sentences under it, up to the next heading.</summary>
    private static string TeamHeatmap(string page)
    {
        var start = page.IndexOf("<h3>By team</h3>", StringComparison.Ordinal);
        Assert.True(start >= 0, "no team heatmap on the page");
        var end = page.IndexOf("<h2", start, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }

    /// <summary>What a reader sees: the page without its tags (numbers in SVG geometry and attributes are not text).</summary>
    private static string Text(string html) => WebUtility.HtmlDecode(Tags().Replace(html, " "));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex("<ul class=\"comments\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex CommentList();
}
