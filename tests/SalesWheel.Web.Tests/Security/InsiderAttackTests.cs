using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Security;

/// <summary>
/// A reviewer's attacks on issue 8 items 2-4 (an insider admin, someone with the database file, a lost key), each
/// written as the attack itself: the test fails while the attack works.
/// </summary>
public sealed partial class InsiderAttackTests(AppFactory app) : IClassFixture<AppFactory>
{
    // The open link lets anyone pick a team. An admin (in private windows, so nothing is counted as signed in) would answer
    // four times as the one-person team "Solo": Solo would reach k = 5 answers and show, and minus the admin's own four
    // answers its means would be the one real person's. Teams of fewer than k people are therefore never offered: their
    // people answer as "another team".
    [Fact]
    public async Task AnOpenLinkNeverOffersOrAcceptsATeamWithFewerPeopleThanTheMinimum()
    {
        var (id, token, plan, owner) = await OpenLinkWithASoloTeam("Padded Solo Co");
        var welcome = await app.Browser().GetPage($"/o/{token}");
        Assert.Contains("<option value=\"East\">", welcome);
        Assert.All(new[] { "Solo", "Pair", "Trio" }, team => Assert.DoesNotContain($"<option value=\"{team}\"", welcome));

        var refused = await app.Browser().PostForm($"/o/{token}", [new("Team", "Solo"), new("Role", "seller")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("&quot;Solo&quot; is not one of the teams of this survey", await refused.Content.ReadAsStringAsync());

        await Answer(token, plan, OpenLinkModel.NotGiven, "1"); // the one real person of Solo
        for (var b = 0; b < 5; b++)
        {
            await Answer(token, plan, "East", "3");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await owner.Act(id, "Close")).StatusCode);
        var results = await app.Api(await owner.MakeToken("attack")).Get($"/api/v1/assessments/{id}/results");
        var teams = results["report"]!["breakdowns"]!.AsArray().Single(b => b!["by"].Text() == "team")!["groups"]!.AsArray();
        Assert.DoesNotContain(teams, g => g!["value"].Text() == "Solo");
        Assert.All(teams, g => Assert.True(g!["suppressed"]!.GetValue<bool>() || g["n"]!.GetValue<int>() >= 5));
    }

    // Padding a team that is shown (East, six people) past its headcount is flagged on the participation page, also when
    // the padding goes to "another team", which is merged with the small teams.
    [Fact]
    public async Task MoreOpenLinkAnswersThanPeopleInAGroupAreFlaggedEvenWhenTheGroupIsMergedIntoSmallerGroups()
    {
        var (id, token, plan, owner) = await OpenLinkWithASoloTeam("Hidden Padding Co");
        for (var b = 0; b < 7; b++)
        {
            await Answer(token, plan, OpenLinkModel.NotGiven, "5"); // six people in small teams, seven answers
        }

        var detail = await owner.GetPage($"/assessments/{id}");
        Assert.Contains("More answers than people", detail);

        var (id2, token2, plan2, owner2) = await OpenLinkWithASoloTeam("Shown Padding Co");
        for (var b = 0; b < 7; b++)
        {
            await Answer(token2, plan2, "East", "5"); // East has six people
        }

        Assert.Contains("East (more answers than people)", await owner2.GetPage($"/assessments/{id2}"));
    }

    // An admin holding the links (no mail server) wants to know whether Ada has started. In a private window (not
    // signed in, so not counted) they open Ada's link and save page 1 with nothing on it, then look at participation:
    // "Started" stays the same when Ada had started (or submitted) and goes up by one when she had not. Nothing of Ada's
    // is touched, so she never notices.
    [Fact]
    public async Task SavingAPageThroughSomeoneElsesLinkInAnotherBrowserDoesNotTellWhetherTheyHadStarted()
    {
        var (owner, org) = await app.NewOrganization("Progress Probe Co");
        app.AddPeople(org, "East", PersonRole.Seller, 6);
        var id = await owner.CreateAssessment("Probe", instrument: "quick");
        var tokens = AssessmentKit.TokensIn(await owner.ActAndRead(id, "Open"));
        Assert.Equal(6, tokens.Count);
        var plan = SurveyPlan.For(app.Assessment(id));
        var api = app.Api(await owner.MakeToken("probe"));

        // Ada (tokens[0]) has answered the first page in her own browser; Bo (tokens[1]) has not opened his link.
        var ada = app.Browser();
        await ada.Start(tokens[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await ada.AnswerPage(tokens[0], plan, 1, _ => "4")).StatusCode);

        var probeAda = await Probe(tokens[0]);
        var probeBo = await Probe(tokens[1]);
        Assert.True(probeAda == probeBo,
            $"the admin's probe moved \"Started\" by {probeAda} for someone who had started and by {probeBo} for someone who had not");

        async Task<int> Probe(string token)
        {
            var before = (await api.Get($"/api/v1/assessments/{id}/participation"))["overall"]!["started"]!.GetValue<int>();
            var admin = app.Browser(); // a private window: not signed in
            await admin.Start(token);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.AnswerPage(token, plan, 1, _ => null)).StatusCode);
            var after = (await api.Get($"/api/v1/assessments/{id}/participation"))["overall"]!["started"]!.GetValue<int>();
            return after - before;
        }
    }

    // Someone with a copy of the database taken while the assessment is open (a nightly backup) cannot read the sealed
    // submissions, but the sealed rows and the submit receipts are both stored in submit order, and a sealed row is
    // exactly as long as its plain content: its length gives the comment's length. After close, comments are shown
    // word for word on the results page, so each comment's length names the invitation, and so the person, who wrote it.
    [Fact]
    public async Task ABackupTakenBeforeCloseCannotNameTheAuthorOfAPublishedComment()
    {
        var survey = app.Seed(invitations: 6, quick: true);
        string?[] comments = [null, "ok", "Pipeline reviews are theatre.", "Forecast calls run long", "More coaching please, less reporting.", "Fine"];
        for (var r = 0; r < survey.Tokens.Count; r++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(survey.Tokens[r], survey.Plan, _ => "3", comments[r])).StatusCode);
        }

        // The backup: what the database file holds now (no key needed).
        var sealedLengths = app.Service(db => db.Database
            .SqlQueryRaw<long>(TestDatabase.InInsertionOrder("SELECT length(\"Sealed\") AS \"Value\" FROM \"SealedSubmissions\" WHERE \"AssessmentId\" = {0}"), survey.AssessmentId)
            .ToList());
        var receiptOrder = app.Service(db => db.Database
            .SqlQueryRaw<Guid>(TestDatabase.InInsertionOrder("SELECT \"InvitationId\" AS \"Value\" FROM \"SurveyDrafts\" WHERE \"Submitted\""))
            .ToList()).Where(survey.InvitationIds.Contains).ToList();
        Assert.Equal(6, sealedLengths.Count);
        Assert.Equal(6, receiptOrder.Count);

        await app.CloseAndReleaseAsync(survey.AssessmentId);
        var published = app.Service(db => db.SurveyResponses.AsNoTracking()
            .Where(r => r.AssessmentId == survey.AssessmentId && r.Comment != null).Select(r => r.Comment!).ToList());
        Assert.Equal(5, published.Count);

        // The attack: the shortest sealed row has no comment; every other is longer by its comment's length.
        var shortest = sealedLengths.Min();
        var named = new List<string>();
        foreach (var comment in published)
        {
            var candidates = Enumerable.Range(0, 6).Where(i => sealedLengths[i] - shortest == comment.Length).Select(i => receiptOrder[i]).ToList();
            var author = survey.InvitationIds[Array.IndexOf(comments, comment)];
            if (candidates.Count == 1 && candidates[0] == author)
            {
                named.Add(comment);
            }
        }

        Assert.True(named.Count == 0, $"a backup taken before close names the author of {named.Count} of 5 published comments: {string.Join(" | ", named)}");
    }

    // The submission key is lost or replaced (a restore without the keys folder makes a fresh key without a word). At
    // close the sealed submissions cannot be opened: the assessment closes anyway, its results leave out every answer
    // that respondents were told had been received, and the admin is told "The assessment is closed."
    [Fact]
    public async Task AnAssessmentDoesNotCloseSilentlyWithoutAnswersItsKeyCannotOpen()
    {
        var survey = app.Seed(invitations: 2, quick: true);
        foreach (var token in survey.Tokens)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(token, survey.Plan, _ => "4")).StatusCode);
        }

        var freshKeyFile = Path.Combine(app.DataFolder, "restored-without-keys", "submission.key");
        var replaced = SubmissionSeal.FromConfiguredKeyOrFile(null, freshKeyFile); // what start-up does when the file is gone
        Assert.True(File.Exists(freshKeyFile), "a missing key file is silently replaced by a new key");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (closed, outcome) = await SubmissionRelease.CloseAsync(db, replaced, survey.AssessmentId, async t =>
            await db.Assessments.Where(a => a.Id == survey.AssessmentId && a.Status == AssessmentStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssessmentStatus.Closed).SetProperty(a => a.ClosedAt, DateTime.UtcNow), t) == 1);
        Assert.Equal(2, outcome.Unreadable);
        Assert.False(closed, "closed with 2 acknowledged answers that nobody can read: results are computed without them");
    }

    // Someone with the database file: a browser's drafts and receipts are all stored under one id (a hash of its one
    // secret), whatever the survey. Ada answers her personal link for one assessment and, from the same browser, the
    // anonymous open link of another: both rows carry the same BrowserId, so the "anonymous" open-link invitation (with the
    // team and role chosen, and its place in the submit order) is Ada's.
    [Fact]
    public async Task TheDatabaseDoesNotTieABrowsersOpenLinkAnswerToThePersonalLinkItAnsweredElsewhere()
    {
        var (owner, org) = await app.NewOrganization("Same Browser Co");
        app.AddPeople(org, "East", PersonRole.Seller, 5);
        var personal = await owner.CreateAssessment("Personal pulse", instrument: "quick");
        var tokens = AssessmentKit.TokensIn(await owner.ActAndRead(personal, "Open"));
        var open = await owner.CreateAssessment("Open pulse", instrument: "quick");
        var openToken = Assert.Single(AssessmentKit.OpenLinksIn(await owner.ActAndRead(open, "OpenWithLink")));

        var ada = app.Browser(); // one browser, one cookie jar
        Assert.Equal(HttpStatusCode.Redirect, (await ada.TakeSurvey(tokens[0], SurveyPlan.For(app.Assessment(personal)), _ => "4")).StatusCode);
        var go = await ada.PostForm($"/o/{openToken}", [new("Team", OpenLinkModel.NotGiven), new("Role", OpenLinkModel.NotGiven)]);
        Assert.Equal(HttpStatusCode.Redirect, (await ada.TakeSurvey(go.Headers.Location!.ToString()[3..25], SurveyPlan.For(app.Assessment(open)), _ => "2")).StatusCode);

        var invitations = app.Invitations(personal).Concat(app.Invitations(open)).ToDictionary(i => i.Id);
        var rows = app.Service(db => db.SurveyDrafts.AsNoTracking().Where(d => invitations.Keys.Contains(d.InvitationId)).Select(d => new { d.InvitationId, d.BrowserId }).ToList());
        var shared = rows.GroupBy(r => r.BrowserId).Where(g => g.Select(r => r.InvitationId).Distinct().Count() > 1).ToList();
        Assert.True(shared.Count == 0, "one BrowserId is stored with " + string.Join(", ", shared.SelectMany(g => g).Select(r => $"{invitations[r.InvitationId].Kind} invitation of {(invitations[r.InvitationId].Name is { Length: > 0 } n ? n : "nobody")}")));
    }

    // Someone with the database file after close: each response is stored with its role and team in the clear, and each
    // invitation with the name, role and team of its person. A team's only manager (most teams have exactly one) has a
    // role and team no other response has, so her answers are read straight from the responses table.
    [Fact]
    public async Task AfterCloseTheDatabaseDoesNotTieAResponseToAPersonThroughARareRoleAndTeam()
    {
        var (owner, org) = await app.NewOrganization("Only Manager Co");
        app.AddPeople(org, "East", PersonRole.Seller, 5);
        app.AddPeople(org, "East", PersonRole.Manager, 1, "Mia");
        var id = await owner.CreateAssessment("Pulse", instrument: "quick");
        var opened = await owner.ActAndRead(id, "Open");
        var tokens = AssessmentKit.TokensIn(opened);
        Assert.Equal(6, tokens.Count);
        var plan = SurveyPlan.For(app.Assessment(id));
        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(token, plan, _ => "3")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await owner.Act(id, "Close")).StatusCode);

        // The attack, on the tables as a copy of the file holds them.
        var people = app.Invitations(id).Where(i => i.State == InvitationState.Submitted).ToList();
        var responses = app.Service(db => db.SurveyResponses.AsNoTracking().Where(r => r.AssessmentId == id).Select(r => new { r.Role, r.Team }).ToList());
        var identified = people.Where(p => people.Count(q => q.Role == p.Role && q.Team == p.Team) == 1
            && responses.Count(r => r.Role == p.Role && r.Team == p.Team) == 1).Select(p => p.Name).ToList();
        Assert.True(identified.Count == 0, $"the responses table names the answers of: {string.Join(", ", identified)}");
    }

    // Held: a garbled, oversized or missing respondent cookie neither breaks a survey page nor opens someone's draft.
    [Theory]
    [InlineData("not-a-secret")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%00")]
    [InlineData("")]
    public async Task AGarbledRespondentCookieGivesAFreshSurveyAndANewCookie(string cookie)
    {
        var survey = app.Seed(invitations: 1, quick: true);
        var owner = app.Respondent(out _);
        await owner.Start(survey.Token);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.AnswerPage(survey.Token, survey.Plan, 1, _ => "4")).StatusCode);

        var other = app.Browser();
        other.DefaultRequestHeaders.Add("Cookie", $"{SurveyPageModel.BrowserCookie}={cookie}");
        var response = await other.GetAsync($"/s/{survey.Token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SurveyPageModel.BrowserCookie + "=", StringComparison.Ordinal));
        Assert.DoesNotContain("Welcome back", await response.Content.ReadAsStringAsync());
    }

    // Held: a close racing many submits neither loses nor doubles an answer that a respondent was told was received.
    [Fact]
    public async Task ACloseRacingSubmitsKeepsExactlyTheAnswersThatWereAcknowledged()
    {
        var survey = app.Seed(invitations: 12, quick: true);
        var ready = new List<(HttpClient Client, string Token, string Antiforgery)>();
        foreach (var token in survey.Tokens)
        {
            var client = app.Browser();
            ready.Add((client, token, Html.Antiforgery(await client.AnswerAll(token, survey.Plan, _ => "3", null))));
        }

        var submits = ready.Select(r => r.Client.PostForm($"/s/{r.Token}/review", r.Antiforgery, [])).ToList();
        var close = app.CloseAndReleaseAsync(survey.AssessmentId);
        await Task.WhenAll(submits.Cast<Task>().Append(close));
        var acknowledged = submits.Count(s => s.Result.StatusCode == HttpStatusCode.Redirect);
        Assert.All(submits, s => Assert.Contains(s.Result.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Gone }));
        Assert.Equal(acknowledged, app.Service(db => db.SurveyResponses.Count(r => r.AssessmentId == survey.AssessmentId)));
        Assert.Equal(0, app.Service(db => db.SealedSubmissions.Count(s => s.AssessmentId == survey.AssessmentId)));
    }

    // --- helpers ---

    // East has 6 sellers; Solo 1, Pair 2 and Trio 3 (all below k = 5). Opened with the anonymous open link.
    private async Task<(Guid Id, string Token, SurveyPlan Plan, HttpClient Owner)> OpenLinkWithASoloTeam(string name)
    {
        var (owner, org) = await app.NewOrganization(name);
        app.AddPeople(org, "East", PersonRole.Seller, 6);
        app.AddPeople(org, "Solo", PersonRole.Seller, 1);
        app.AddPeople(org, "Pair", PersonRole.Seller, 2);
        app.AddPeople(org, "Trio", PersonRole.Seller, 3);
        var id = await owner.CreateAssessment("Open pulse", instrument: "quick");
        var opened = await owner.ActAndRead(id, "OpenWithLink");
        var token = Assert.Single(AssessmentKit.OpenLinksIn(opened));
        return (id, token, SurveyPlan.For(app.Assessment(id)), owner);
    }

    private async Task Answer(string openToken, SurveyPlan plan, string team, string value)
    {
        var browser = app.Browser(); // a fresh browser (or a private window): a new respondent secret
        var go = await browser.PostForm($"/o/{openToken}", [new("Team", team), new("Role", "seller")]);
        Assert.Equal(HttpStatusCode.Redirect, go.StatusCode);
        var own = go.Headers.Location!.ToString()[3..25];
        Assert.Equal(HttpStatusCode.Redirect, (await browser.TakeSurvey(own, plan, _ => value)).StatusCode);
    }
}
