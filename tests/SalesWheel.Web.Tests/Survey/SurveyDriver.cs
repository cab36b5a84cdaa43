using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;

namespace SalesWheel.Web.Tests.Survey;

/// <summary>An organization with one assessment and its invitations, seeded directly; the plain tokens stay here.</summary>
public sealed record SeededSurvey(Guid OrganizationId, Guid AssessmentId, IReadOnlyList<string> Tokens, IReadOnlyList<Guid> InvitationIds, SurveyPlan Plan)
{
    public string Token => Tokens[0];

    public Guid InvitationId => InvitationIds[0];
}

/// <summary>Seeds surveys and answers them as a respondent's browser would (antiforgery included).</summary>
public static class SurveyDriver
{
    public static SeededSurvey Seed(this AppFactory app, int invitations = 1, bool quick = false, AssessmentStatus status = AssessmentStatus.Open,
        DateOnly? closeDate = null, int minimumGroupSize = 5, string role = "Seller", string team = "East")
    {
        var tokens = Enumerable.Range(0, invitations).Select(_ => Tokens.New()).ToList();
        return app.Service(db =>
        {
            var organization = new Organization { Name = "Survey Co " + Guid.NewGuid().ToString("N")[..6], MinimumGroupSize = minimumGroupSize };
            var assessment = new Assessment
            {
                OrganizationId = organization.Id,
                Name = "Spring pulse",
                QuickForm = quick,
                Status = status,
                CloseDate = closeDate,
                OpenedAt = status == AssessmentStatus.Draft ? null : DateTime.UtcNow,
                ClosedAt = status == AssessmentStatus.Closed ? DateTime.UtcNow : null,
            };
            var rows = tokens.Select(t => new Invitation { AssessmentId = assessment.Id, TokenHash = Tokens.Hash(t), Role = role, Team = team }).ToList();
            db.Organizations.Add(organization);
            db.Assessments.Add(assessment);
            db.Invitations.AddRange(rows);
            db.SaveChanges();
            return new SeededSurvey(organization.Id, assessment.Id, tokens, rows.Select(r => r.Id).ToList(), SurveyPlan.For(assessment));
        });
    }

    /// <summary>
    /// A respondent's browser with a known secret (the cookie a browser keeps), so a test can open what it saved;
    /// another call gives another browser.
    /// </summary>
    public static HttpClient Respondent(this AppFactory app, out string secret)
    {
        secret = DraftSeal.NewBrowserSecret();
        var client = app.Browser();
        client.DefaultRequestHeaders.Add("Cookie", $"{SurveyPageModel.BrowserCookie}={secret}");
        return client;
    }

    /// <summary>What the browser with this secret saved for the invitation, opened with its key; null when nothing.</summary>
    public static DraftContent? DraftOf(this AppFactory app, Guid invitationId, string secret) => app.Service(db =>
    {
        var id = DraftSeal.BrowserId(secret, invitationId);
        var row = db.SurveyDrafts.AsNoTracking().SingleOrDefault(d => d.InvitationId == invitationId && d.BrowserId == id);
        return row?.Sealed is { } sealedContent ? DraftSeal.Open(secret, invitationId, sealedContent) : null;
    });

    /// <summary>Closes the assessment as an admin would, which releases its sealed submissions as responses.</summary>
    public static async Task CloseAndReleaseAsync(this AppFactory app, Guid assessmentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var seal = scope.ServiceProvider.GetRequiredService<SubmissionSeal>();
        await SubmissionRelease.CloseAsync(db, seal, assessmentId, async token =>
            await db.Assessments.Where(a => a.Id == assessmentId && a.Status == AssessmentStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssessmentStatus.Closed).SetProperty(a => a.ClosedAt, DateTime.UtcNow), token) == 1);
    }

    /// <summary>The answer this test pattern gives an item: a scale value, or "dk" for every seventh item.</summary>
    public static string Pattern(int index) => index % 7 == 3 ? QuestionsModel.DontKnow : (index % 5 + 1).ToString();

    /// <summary>The bytes the pattern must be stored as (value − min + 1, 0 for "Don't know").</summary>
    public static byte[] Expected(SurveyPlan plan, Func<int, string?> answerFor)
    {
        var bytes = new byte[plan.ItemCount];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = int.TryParse(answerFor(i), out var v) ? (byte)(v - plan.Instrument.Scale.Min + 1) : (byte)0;
        }

        return bytes;
    }

    /// <summary>Opens the welcome page and returns where its Start (or Continue) link leads.</summary>
    public static async Task<string> Start(this HttpClient client, string token)
    {
        var welcome = await client.GetPage($"/s/{token}");
        var start = System.Text.RegularExpressions.Regex.Match(welcome, "<a class=\"button start\" href=\"([^\"]+)\"");
        Assert.True(start.Success, "the welcome page has no Start link");
        return System.Net.WebUtility.HtmlDecode(start.Groups[1].Value);
    }

    /// <summary>Answers one question page (items with a null answer are left blank) and presses Next or Back.</summary>
    public static Task<HttpResponseMessage> AnswerPage(this HttpClient client, string token, SurveyPlan plan, int number, Func<int, string?> answerFor, string go = "next") =>
        client.PostForm($"/s/{token}/{number}", plan.QuestionPages[number - 1].Items
            .Where(p => answerFor(p.Index) is not null)
            .Select(p => new KeyValuePair<string, string>($"Answers[{p.Item.Id}]", answerFor(p.Index)!))
            .Append(new("go", go)));

    /// <summary>Start, every question page with Next, the comment, and up to the review page (not submitted). Returns the review page.</summary>
    public static async Task<string> AnswerAll(this HttpClient client, string token, SurveyPlan plan, Func<int, string?> answerFor, string? comment)
    {
        await client.Start(token);
        for (var number = 1; number <= plan.QuestionPages.Count; number++)
        {
            var response = await client.AnswerPage(token, plan, number, answerFor);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(plan.PathOf(token, number + 1), response.Headers.Location!.ToString());
        }

        var commented = await client.PostForm($"/s/{token}/comment", [new("Comment", comment ?? ""), new("go", "next")]);
        Assert.Equal(HttpStatusCode.Redirect, commented.StatusCode);
        Assert.Equal($"/s/{token}/review", commented.Headers.Location!.ToString());
        return await client.GetPage($"/s/{token}/review");
    }

    /// <summary>The whole survey, submitted; returns the submit response.</summary>
    public static async Task<HttpResponseMessage> TakeSurvey(this HttpClient client, string token, SurveyPlan plan, Func<int, string?> answerFor, string? comment = null)
    {
        var review = await client.AnswerAll(token, plan, answerFor, comment);
        return await client.PostForm($"/s/{token}/review", Html.Antiforgery(review), []);
    }

    public static int ItemIndex(SurveyPlan plan, string itemId) =>
        plan.QuestionPages.SelectMany(p => p.Items).Single(p => p.Item.Id == itemId).Index;

    public static Item Item(SurveyPlan plan, string itemId) =>
        plan.QuestionPages.SelectMany(p => p.Items).Single(p => p.Item.Id == itemId).Item;
}

/// <summary>Stored responses as the app reads them: role and team opened with the app's submission key.</summary>
public static class StoredResponses
{
    public static List<SurveyResponse> OpenedResponses(this AppFactory app, Guid assessmentId)
    {
        using var scope = app.Services.CreateScope();
        var seal = scope.ServiceProvider.GetRequiredService<SubmissionSeal>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = db.SurveyResponses.AsNoTracking().Where(r => r.AssessmentId == assessmentId).ToList();
        foreach (var row in rows)
        {
            row.Role = seal.OpenAttribute(assessmentId, row.Role);
            row.Team = seal.OpenAttribute(assessmentId, row.Team);
        }

        return rows;
    }
}
