using System.Net;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.TwoNodes.Tests;

/// <summary>Whatever node a request reaches, it is served as if there were one: nothing a request needs is on a node.</summary>
[Collection(SharedNodes.Name)]
public sealed class StatelessNodesTests(TwoNodesBehindNginx nodes)
{
    [TwoNodesFact]
    public async Task ASignInMadeOnNodeAIsAcceptedOnNodeBWhereAStrangerIsSentToSignIn()
    {
        var (_, email, password) = await nodes.NewOwnerAsync("Signed In On A Co");
        var owner = new Browser();

        await owner.SignInAsync(nodes.OnA, email, password);

        var onB = await owner.GetAsync(nodes.OnB, "/assessments");
        Assert.True(onB.Status == HttpStatusCode.OK, $"node B answered {(int)onB.Status} to node A's session");
        Assert.Contains("Sign out", onB.Body);
        var form = await owner.GetAsync(nodes.OnB, "/assessments/new"); // and a form of B's, posted to B
        var made = await owner.PostAsync(nodes.OnB, "/assessments/new", form.Body, [new("Form.Name", "Made on B"), new("Form.Instrument", "quick"), new("Form.CloseDate", "")]);
        Assert.True(made.Status == HttpStatusCode.Redirect, $"node B answered {(int)made.Status} to a form posted with node A's session");
        Assert.Contains("Made on B", (await owner.GetAsync(nodes.OnA, made.Location!)).Body);
        var stranger = await new Browser().GetAsync(nodes.OnB, "/assessments");
        Assert.Equal(HttpStatusCode.Redirect, stranger.Status);
        Assert.Contains("/signin", stranger.Location);
    }

    [TwoNodesFact]
    public async Task AStrangerThroughNginxIsSentToTheSignInPageAtNginxsAddressPortIncluded()
    {
        var stranger = await new Browser().GetAsync(nodes.Through, "/assessments");

        Assert.Equal(HttpStatusCode.Redirect, stranger.Status);
        var signIn = new Uri(nodes.Proxy.Url, stranger.Location);
        Assert.Equal(nodes.Proxy.Url.Authority, signIn.Authority);
        Assert.Equal("/signin", signIn.AbsolutePath);
    }

    [TwoNodesFact]
    public async Task ASurveyStartedOnNodeAFinishesOnNodeBAndIsCountedOnce()
    {
        var (_, email, password) = await nodes.NewOwnerAsync("Walks Across Co");
        var owner = new Browser();
        await owner.SignInAsync(nodes.Through, email, password);
        var (assessment, linksPage) = await TwoNodesBehindNginx.OpenAssessmentAsync(owner, nodes.Through, "Across both nodes");
        var token = TwoNodesBehindNginx.TokensIn((await owner.GetAsync(nodes.Through, linksPage)).Body)[0];
        var respondent = new Respondent(token);

        await respondent.StepAsync(nodes.OnA); // the welcome page: Start
        await respondent.StepAsync(nodes.OnA); // the first question page, answered and saved on A
        await respondent.StepAsync(nodes.OnA); // the next one
        await respondent.FinishAsync(nodes.OnB); // the rest, the review and the thank-you on B

        Assert.True(respondent.Acknowledged);
        Assert.Contains("Every statement has an answer.", respondent.Review); // B had the pages answered on A
        Assert.Contains("Your answers are in", await respondent.LinkPageAsync(nodes.OnA));
        // Another browser with the same link, on A this time: its submit is refused, nothing stored.
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => new Respondent(token).FinishAsync(nodes.OnA));
        Assert.Contains("answered 409", again.Message);
        Assert.Equal((0, 1), await nodes.StoredAnswersAsync(assessment));
        await using var db = nodes.Database();
        var hash = Tokens.Hash(token);
        Assert.Equal(InvitationState.Submitted, (await db.Invitations.SingleAsync(i => i.TokenHash == hash)).State);
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.AssessmentId == assessment && i.State == InvitationState.Submitted));
    }

    [TwoNodesFact]
    public async Task LinksMadeOnNodeAAreShownAndDownloadedFromNodeB()
    {
        var (_, email, password) = await nodes.NewOwnerAsync("Links Across Co");
        var owner = new Browser();
        await owner.SignInAsync(nodes.OnA, email, password);

        var (assessment, linksPage) = await TwoNodesBehindNginx.OpenAssessmentAsync(owner, nodes.OnA, "Opened on A");

        var shownOnB = await owner.GetAsync(nodes.OnB, linksPage); // the GET after Open's redirect reaches the other node
        Assert.Equal(HttpStatusCode.OK, shownOnB.Status);
        var tokens = TwoNodesBehindNginx.TokensIn(shownOnB.Body);
        Assert.Equal(3, tokens.Count);
        var csv = await owner.GetAsync(nodes.OnB, $"/assessments/{assessment}/links.csv");
        Assert.Equal(HttpStatusCode.OK, csv.Status);
        Assert.StartsWith("name,email,team,role,link", csv.Body.TrimStart('\uFEFF'));
        Assert.Equal(tokens.Order(), TwoNodesBehindNginx.TokensIn(csv.Body).Order());
        Assert.All(tokens, token => Assert.Contains($"{nodes.Proxy.Url.ToString().TrimEnd('/')}/s/{token}", csv.Body)); // links point at nginx
    }

    [TwoNodesFact]
    public async Task TheCloseDateJobRunningOnBothNodesClosesAnOverdueAssessmentOnceWithOneAuditEntry()
    {
        var (organization, email, password) = await nodes.NewOwnerAsync("Due On Both Co");
        var owner = new Browser();
        await owner.SignInAsync(nodes.Through, email, password);
        var (assessment, linksPage) = await TwoNodesBehindNginx.OpenAssessmentAsync(owner, nodes.Through, "Due");
        foreach (var token in TwoNodesBehindNginx.TokensIn((await owner.GetAsync(nodes.Through, linksPage)).Body).Take(2))
        {
            await new Respondent(token).FinishAsync(nodes.Through);
        }

        var (passesOnA, passesOnB) = (Passes(nodes.A).Count, Passes(nodes.B).Count);
        List<string> Closings() => [.. Passes(nodes.A).Skip(passesOnA).Concat(Passes(nodes.B).Skip(passesOnB)).Where(line => !line.Contains("checked: 0 ", StringComparison.Ordinal))];
        await using (var db = nodes.Database())
        {
            var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
            await db.Assessments.Where(a => a.Id == assessment).ExecuteUpdateAsync(s => s.SetProperty(a => a.CloseDate, yesterday));
        }

        // A pass on one node closes it; then two more passes on each node (a pass already running when the first one
        // closed it included) must close nothing: the close-date job runs on both, and closes once.
        await Until(() => Closings().Count > 0, "a node's close-date job to close the assessment");
        var (seenOnA, seenOnB) = (Passes(nodes.A).Count, Passes(nodes.B).Count);
        await Until(() => Passes(nodes.A).Count >= seenOnA + 2 && Passes(nodes.B).Count >= seenOnB + 2, "both nodes to run the close-date job twice more");
        Assert.True(Closings().Count == 1, $"closed by {Closings().Count} passes:\n{string.Join('\n', Closings())}");
        await using var check = nodes.Database();
        Assert.Equal(AssessmentStatus.Closed, (await check.Assessments.SingleAsync(a => a.Id == assessment)).Status);
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.OrganizationId == organization && e.Action == "assessment closed"));
        Assert.Equal((2, 0), await nodes.StoredAnswersAsync(assessment)); // both answers released once, none left sealed
    }

    private static List<string> Passes(WebNode node) => [.. node.Output.Where(line => line.Contains("Close dates checked:", StringComparison.Ordinal))];

    private static async Task Until(Func<bool> done, string what)
    {
        for (var wait = 0; wait < 600 && !done(); wait++)
        {
            await Task.Delay(100);
        }

        Assert.True(done(), $"waited a minute for {what}");
    }
}
