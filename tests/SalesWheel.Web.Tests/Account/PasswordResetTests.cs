using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Cli;
using SalesWheel.Web.Tests.Members;

namespace SalesWheel.Web.Tests.Account;

/// <summary>Without a mail server: a one-time link an owner makes for a member, and the operator's command line.</summary>
public sealed partial class PasswordResetTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string NewPassword = "violet harbour lights";

    private async Task<(HttpClient Owner, string OwnerEmail)> NewOrganization()
    {
        var owner = app.Browser();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await owner.SignUp(email, "Org " + Guid.NewGuid().ToString("N")[..8]);
        return (owner, email);
    }

    private Guid MembershipIdOf(string email) => app.Service(db =>
        (from m in db.Memberships join u in db.Users on m.UserId equals u.Id where u.NormalizedEmail == email.ToUpperInvariant() select m.Id).Single());

    private static async Task<string> MakeLink(HttpClient owner, Guid membershipId)
    {
        var posted = await owner.PostForm($"/members?handler=ResetLink&id={membershipId}", await owner.Token("/members"), []);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // Post/Redirect/Get
        var response = await owner.GetAsync(posted.Headers.Location);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        var link = ResetLinkPattern().Match(page);
        Assert.True(link.Success, "no reset link on the page");
        return link.Groups[1].Value;
    }

    [Fact]
    public async Task AnOwnersOneTimeLinkLetsAMemberChooseANewPasswordOnceAndEndsTheirSessions()
    {
        var (owner, _) = await NewOrganization();
        var email = $"viewer-{Guid.NewGuid():N}@example.com";
        await owner.Invite(email, "Viewer");
        var viewer = await MemberSteps.Join(app, MemberSteps.JoinLinkFromOutbox(app, email), "Vera Viewer");

        var link = await MakeLink(owner, MembershipIdOf(email));
        Assert.Contains("password reset link made", app.Service(db => db.AuditEntries.Select(a => a.Action).ToList()));

        var member = app.Browser();
        Assert.Contains(email, await member.GetPage(link));
        var common = await member.PostForm(link, [new("Password", "iloveyou")]);
        Assert.Contains("one of the most common", MemberSteps.FieldError(await common.Content.ReadAsStringAsync(), "Password"));
        var set = await member.PostForm(link, [new("Password", NewPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("Your new password is set", await member.GetPage(set.Headers.Location!.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, (await viewer.GetAsync("/settings")).StatusCode); // the old session has ended
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(link)).StatusCode); // the link worked once
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(link["/reset-password/".Length..], StringComparison.Ordinal)); // nor is it in the logs
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().PostForm("/signin", [new("Email", email), new("Password", MemberSteps.Password)])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().PostForm("/signin", [new("Email", email), new("Password", NewPassword)])).StatusCode);
    }

    [Fact]
    public async Task ANewLinkReplacesTheEarlierOneAndAnExpiredLinkSaysSo()
    {
        var (owner, _) = await NewOrganization();
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await owner.Invite(email, "Admin");
        await MemberSteps.Join(app, MemberSteps.JoinLinkFromOutbox(app, email), "Adam Admin");

        var first = await MakeLink(owner, MembershipIdOf(email));
        var second = await MakeLink(owner, MembershipIdOf(email));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(first)).StatusCode);

        var hash = Data.Tokens.Hash(second["/reset-password/".Length..]);
        app.Service(db => db.PasswordResets.Where(r => r.TokenHash == hash)
            .ExecuteUpdate(r => r.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var expired = await app.Browser().GetPage(second, HttpStatusCode.Gone);
        Assert.Contains("This link has expired", expired);
        var post = await app.Browser().PostForm(second, Html.Antiforgery(await app.Browser().GetPage("/signin")), [new("Password", NewPassword)]);
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
    }

    [Fact]
    public async Task OnlyAnOwnerMakesResetLinksAndOnlyForTheirOwnOrganization()
    {
        var (owner, _) = await NewOrganization();
        var (stranger, strangerEmail) = await NewOrganization();
        var adminEmail = $"admin-{Guid.NewGuid():N}@example.com";
        await owner.Invite(adminEmail, "Admin");
        var admin = await MemberSteps.Join(app, MemberSteps.JoinLinkFromOutbox(app, adminEmail), "Adam Admin");
        var ownerOfOther = MembershipIdOf(strangerEmail);

        var fromOtherOrganization = await owner.PostForm($"/members?handler=ResetLink&id={ownerOfOther}", await owner.Token("/members"), []);
        Assert.Equal(HttpStatusCode.NotFound, fromOtherOrganization.StatusCode);
        var byAdmin = await admin.PostForm($"/members?handler=ResetLink&id={MembershipIdOf(adminEmail)}", await admin.Token("/members"), []);
        await admin.AssertRefused(byAdmin);
        Assert.Equal(0, app.Service(db => db.PasswordResets.Count(r => r.UserId == db.Users.Single(u => u.Email == strangerEmail).Id)));
        Assert.DoesNotContain("/reset-password/", await stranger.GetPage("/settings"));
    }

    [Fact]
    public async Task TheOperatorPrintsAOneTimeLinkWithTheCommandLine()
    {
        var (owner, email) = await NewOrganization();

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["users", "reset-password", email.ToUpperInvariant(), "--data", app.DataFolder, .. app.DatabaseArguments, "--base-url", "https://localhost"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        var link = ResetLinkPattern().Match(stdout.ToString());
        Assert.True(link.Success, stdout.ToString());

        var set = await app.Browser().PostForm(link.Groups[1].Value, [new("Password", NewPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.GetAsync("/settings")).StatusCode); // signed out everywhere
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().PostForm("/signin", [new("Email", email), new("Password", NewPassword)])).StatusCode);

        var unknown = new StringWriter();
        Assert.Equal(CliApp.BadInput, CliApp.Run(["users", "reset-password", "nobody@example.com", "--data", app.DataFolder, .. app.DatabaseArguments], new StringWriter(), unknown));
        Assert.Contains("no account signs in with nobody@example.com", unknown.ToString());
    }

    [GeneratedRegex(@"https?://[^/\s""]+(/reset-password/[A-Za-z0-9_-]{22})")]
    private static partial Regex ResetLinkPattern();
}
