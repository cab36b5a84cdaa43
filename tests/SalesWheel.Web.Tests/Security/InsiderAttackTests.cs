using System.Net;
using System.Text.RegularExpressions;
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
    // The open link lets anyone pick any team. An admin (in private windows, so nothing is counted as signed in) answers
    // four times as the one-person team "Solo": Solo reaches k = 5 answers and is shown, and the admin, who knows their
    // own four answers, subtracts them from Solo's published means and reads the fifth, real person's answers.
    [Fact]
    public async Task AnOpenLinkNeverPublishesATeamWithFewerPeopleThanTheMinimumHoweverManyBrowsersClaimIt()
    {
        var (id, token, plan, owner) = await OpenLinkWithASoloTeam("Padded Solo Co");
        await Answer(token, plan, "Solo", "1"); // the one real person of Solo
        for (var b = 0; b < 5; b++)
        {
            await Answer(token, plan, "East", "3");
        }

        for (var b = 0; b < 4; b++)
        {
            await Answer(token, plan, "Solo", "5"); // the admin, in four private windows
        }

        Assert.Equal(HttpStatusCode.Redirect, (await owner.Act(id, "Close")).StatusCode);
        var results = await app.Api(await owner.MakeToken("attack")).Get($"/api/v1/assessments/{id}/results");
        var teams = results["report"]!["breakdowns"]!.AsArray().Single(b => b!["by"].Text() == "team")!["groups"]!.AsArray();
        var solo = teams.SingleOrDefault(g => g!["value"].Text() == "Solo");
        Assert.True(solo is null || solo["suppressed"]!.GetValue<bool>(),
            $"Solo has 1 person but is published with n={solo?["n"]}: minus the admin's own four answers, its means are the one real person's answers. Teams: {teams.ToJsonString()}");
    }

    // Same padding, seen from the participation page: the issue promises "responses above the headcount flagged". Solo
    // (1 person) has 5 answers, but it sits in the merged "smaller groups" row with Pair and Trio (6 people, 5 answers),
    // and the overall row has 12 people and 8 answers, so nothing is flagged anywhere.
    [Fact]
    public async Task MoreOpenLinkAnswersThanPeopleInAGroupAreFlaggedEvenWhenTheGroupIsMergedIntoSmallerGroups()
    {
        var (id, token, plan, owner) = await OpenLinkWithASoloTeam("Hidden Padding Co");
        await Answer(token, plan, "Solo", "1");
        for (var b = 0; b < 3; b++)
        {
            await Answer(token, plan, "East", "3");
        }

        for (var b = 0; b < 4; b++)
        {
            await Answer(token, plan, "Solo", "5");
        }

        var detail = await owner.GetPage($"/assessments/{id}");
        Assert.Contains("More answers than people", detail);
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
            .SqlQuery<long>($"SELECT length(\"Sealed\") AS \"Value\" FROM \"SealedSubmissions\" WHERE \"AssessmentId\" = {survey.AssessmentId} ORDER BY rowid")
            .ToList());
        var receiptOrder = app.Service(db => db.Database
            .SqlQuery<string>($"SELECT \"InvitationId\" AS \"Value\" FROM \"SurveyDrafts\" WHERE \"Submitted\" = 1 ORDER BY rowid")
            .ToList()).Select(Guid.Parse).Where(survey.InvitationIds.Contains).ToList();
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

    // A draft saved before drafts were sealed (an assessment open while the InsiderProofLinks migration runs) is given to
    // whichever browser opens the link first. The admin holds the links (no mail server), opens it in any browser and
    // reads the respondent's saved comment and answers.
    [Fact]
    public async Task ADraftSavedBeforeTheUpgradeIsNotShownToWhoeverOpensTheLinkFirst()
    {
        var survey = app.Seed(invitations: 1, quick: true);
        app.Service(db =>
        {
            db.SurveyDrafts.Add(new SurveyDraft
            {
                InvitationId = survey.InvitationId, BrowserId = "", Answers = Enumerable.Repeat((byte)2, survey.Plan.ItemCount).ToArray(),
                Comment = "my manager never coaches me", Page = 2,
            });
            return db.SaveChanges();
        });

        var admin = app.Browser();
        var welcome = await admin.GetPage($"/s/{survey.Token}");
        var comment = await admin.GetPage($"/s/{survey.Token}/comment");
        Assert.DoesNotContain("my manager never coaches me", comment);
        Assert.DoesNotContain("Welcome back", welcome);
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
        var token = Assert.Single(OpenLinks().Matches(opened).Select(m => m.Groups[1].Value).Distinct());
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

    [GeneratedRegex("/o/([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])")]
    private static partial Regex OpenLinks();
}
