using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Security;

/// <summary>
/// Attacks an admin could make with what the product hands them (the links when there is no mail server, the
/// settings, the database file), each reproduced as an attack first.
/// </summary>
public sealed class InsiderTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task LoweringTheMinimumGroupSizeAfterClosingNeverShowsAGroupSmallerThanWhatRespondentsWerePromised()
    {
        // Five sellers in East and three in West; respondents were told 5 when it opened. An admin then sets 3.
        var (owner, org) = await app.NewOrganization("Lower K Co");
        app.AddPeople(org, "East", PersonRole.Seller, 5);
        app.AddPeople(org, "West", PersonRole.Seller, 3);
        var api = app.Api(await owner.MakeToken("admin"));
        var id = (await api.Post("/api/v1/assessments", new { name = "Pulse", instrument = "quick" }, HttpStatusCode.Created)).Id();
        var tokens = (await api.Post($"/api/v1/assessments/{id}/open"))["links"]!.AsArray().Select(l => AssessmentKit.TokensIn(l!["link"].Text()).Single()).ToList();
        Assert.Contains(app.EmailsTo(app.Service(db => db.People.First(p => p.OrganizationId == org).Email)), e => e.Contains("groups of at least 5 people", StringComparison.Ordinal));
        var plan = SurveyPlan.For(app.Assessment(id));
        foreach (var token in tokens)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(token, plan, i => (i % 5 + 1).ToString())).StatusCode);
        }

        await api.Post($"/api/v1/assessments/{id}/close");
        await api.Put("/api/v1/organization", new { name = "Lower K Co", minimumGroupSize = 3 });

        var results = await api.Get($"/api/v1/assessments/{id}/results");
        Assert.Equal(5, results["minimumGroupSize"]!.GetValue<int>());
        var teams = results["report"]!["breakdowns"]!.AsArray().Single(b => b!["by"].Text() == "team")!["groups"]!.AsArray();
        Assert.All(teams, g => Assert.True(g!["suppressed"]!.GetValue<bool>() || g["n"]!.GetValue<int>() >= 5));
        Assert.True(teams.Single(g => g!["value"].Text() == "West")!["suppressed"]!.GetValue<bool>());
        var page = await owner.GetPage($"/assessments/{id}/results");
        Assert.Contains("fewer than 5", page);
        Assert.DoesNotContain("fewer than 3", page);

        // A later assessment takes the new setting.
        var later = (await api.Post("/api/v1/assessments", new { name = "Later", instrument = "quick" }, HttpStatusCode.Created)).Id();
        await api.Post($"/api/v1/assessments/{later}/open");
        Assert.Equal(3, app.Assessment(later).MinimumGroupSize);
    }

    [Fact]
    public async Task ALinkOpenedWhileSignedInToTheOrganizationIsCountedForEveryMemberToSee()
    {
        var (owner, org) = await app.NewOrganization("Padding Co");
        app.AddPeople(org, "East", PersonRole.Seller, 5);
        var id = await owner.CreateAssessment("Padding check");
        var opened = await owner.ActAndRead(id, "Open");
        var tokens = AssessmentKit.TokensIn(opened);
        Assert.Equal(5, tokens.Count);

        // The admin holds the links (no mail server) and opens two of them in their own, signed-in browser.
        await owner.GetPage($"/s/{tokens[0]}");
        await owner.GetPage($"/s/{tokens[1]}");
        await owner.GetPage($"/s/{tokens[1]}/1");
        await app.Browser().GetPage($"/s/{tokens[2]}"); // a respondent, not signed in: not counted

        var viewer = await app.NewViewer(org);
        var page = await viewer.GetPage($"/assessments/{id}");
        Assert.Matches("Personal links opened in a browser signed in to SalesWheel as a member of Padding Co: <strong>2</strong>", page);
        Assert.Matches("Personal links passed on by an admin instead of emailed by SalesWheel: <strong>5</strong>", page);
        Assert.Matches("added to the people list, or whose email address was changed, within a day before the assessment opened: <strong>5</strong>", page);
        var participation = await app.Api(await owner.MakeToken("reader")).Get($"/api/v1/assessments/{id}/participation");
        Assert.Equal(2, participation["openedBySignedInMembers"]!.GetValue<int>());

        // The respondent is told the link came from the admin.
        Assert.Contains("This link came from your organization's admin", await app.Browser().GetPage($"/s/{tokens[3]}"));
    }

    [Fact]
    [Trait("Provider", "Sqlite")] // reads the SQLite file and its write-ahead log byte by byte
    public async Task TheDatabaseFileAndItsLogHoldNoDraftTextAndNothingTiesAResponseToAnInvitation()
    {
        var survey = app.Seed(invitations: 6, quick: true);
        var secrets = new List<string>();
        for (var r = 0; r < survey.Tokens.Count; r++)
        {
            var client = app.Respondent(out var secret);
            secrets.Add(secret);
            var review = await client.AnswerAll(survey.Tokens[r], survey.Plan, i => ((i + r) % 5 + 1).ToString(), $"draftmarker{r}x our pipeline reviews are theatre");
            if (r < 5)
            {
                Assert.Equal(HttpStatusCode.Redirect, (await client.PostForm($"/s/{survey.Tokens[r]}/review", Html.Antiforgery(review), [])).StatusCode);
            }
        }

        // Open: five submitted, one still a draft. Neither the comments nor any answer pattern is readable in the files.
        var (database, log) = Files();
        Assert.True(database.Length + log.Length > 0);
        for (var r = 0; r < 6; r++)
        {
            Assert.DoesNotContain($"draftmarker{r}x", Text(database) + Text(log));
        }

        await app.CloseAndReleaseAsync(survey.AssessmentId);

        // Closed: the five comments are now responses (that is what results show), the sixth draft is gone for good, the
        // log is empty, and no response row holds an invitation id, a token hash or a browser id.
        (database, log) = Files();
        Assert.Empty(log);
        var text = Text(database);
        for (var r = 0; r < 5; r++)
        {
            Assert.Contains($"draftmarker{r}x", text);
        }

        Assert.DoesNotContain("draftmarker5x", text);
        var responses = app.Service(db => db.SurveyResponses.AsNoTracking().Where(r => r.AssessmentId == survey.AssessmentId).ToList());
        Assert.Equal(5, responses.Count);
        var linking = survey.InvitationIds.Select(i => i.ToString()).Concat(survey.Tokens.Select(Data.Tokens.Hash)).Concat(secrets.Select((secret, r) => Data.DraftSeal.BrowserId(secret, survey.InvitationIds[r]))).ToList();
        Assert.All(responses, r => Assert.DoesNotContain(linking, value =>
            (r.Id.ToString() + r.Role + r.Team + r.Comment).Contains(value, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(0, app.Service(db => db.SealedSubmissions.Count()));
        Assert.Equal(0, app.Service(db => db.SurveyDrafts.Count(d => survey.InvitationIds.Contains(d.InvitationId))));

        (byte[] Database, byte[] Log) Files()
        {
            var path = Path.Combine(app.DataFolder, "saleswheel.db");
            return (ReadShared(path), File.Exists(path + "-wal") ? ReadShared(path + "-wal") : []);
        }

        static byte[] ReadShared(string path)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        static string Text(byte[] bytes) => Encoding.Latin1.GetString(bytes);
    }
}
