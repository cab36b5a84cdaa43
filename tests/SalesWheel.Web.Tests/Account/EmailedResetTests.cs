using System.Net;
using System.Text.RegularExpressions;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Account;

/// <summary>Forgot password with a mail server: a one-time link by email, and answers that tell nothing about the address.</summary>
public sealed partial class EmailedResetTests(SmtpAppFixture fixture) : IClassFixture<SmtpAppFixture>
{
    private const string Password = "correct horse battery staple";
    private const string NewPassword = "copper kettle on the stove";

    private AppFactory App => fixture.App;

    private async Task<string> Forgot(string email)
    {
        var client = App.Browser();
        var posted = await client.PostForm("/forgot-password", [new("Email", email)]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // Post/Redirect/Get: a reload sends no second link
        return await client.GetPage(posted.Headers.Location!.ToString());
    }

    [Fact]
    public async Task AForgottenPasswordIsResetFromAOneTimeEmailedLinkThatEndsEverySession()
    {
        var email = $"forgetful-{Guid.NewGuid():N}@example.com";
        var signedIn = App.Browser();
        await signedIn.SignUp(email, "Forgetful Co");

        Assert.Contains("We sent an email to", await Forgot(email));
        var link = ResetLink().Match(fixture.Sink.TextsTo(email)[fixture.Sink.TextsTo(email).Count - 1]);
        Assert.True(link.Success, fixture.Sink.TextsTo(email)[fixture.Sink.TextsTo(email).Count - 1]);
        Assert.Contains("works once, for one hour", fixture.Sink.TextsTo(email)[fixture.Sink.TextsTo(email).Count - 1]);

        var set = await App.Browser().PostForm(link.Groups[1].Value, [new("Password", NewPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await signedIn.GetAsync("/settings")).StatusCode); // the session from before has ended
        Assert.Equal(HttpStatusCode.NotFound, (await App.Browser().GetAsync(link.Groups[1].Value)).StatusCode); // used once
        Assert.Equal(HttpStatusCode.OK, (await App.Browser().PostForm("/signin", [new("Email", email), new("Password", Password)])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await App.Browser().PostForm("/signin", [new("Email", email), new("Password", NewPassword)])).StatusCode);
        Assert.Contains("was just changed", fixture.Sink.TextsTo(email)[fixture.Sink.TextsTo(email).Count - 1]); // told, in case it was not them
    }

    [Fact]
    public async Task ChangingThePasswordIsToldToTheAddress()
    {
        var email = $"changer-{Guid.NewGuid():N}@example.com";
        var client = App.Browser();
        await client.SignUp(email, "Changer Co");

        var changed = await client.PostForm("/account/password", [new("CurrentPassword", Password), new("NewPassword", NewPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("The password of your SalesWheel account", fixture.Sink.TextsTo(email)[fixture.Sink.TextsTo(email).Count - 1]);
    }

    [Fact]
    public async Task ForgotPasswordAnswersTheSameForAnAddressWithoutAnAccount()
    {
        var email = $"someone-{Guid.NewGuid():N}@example.com";
        await App.Browser().SignUp(email, "Someone Co");
        var nobody = "nobody-" + email;

        var known = AccountTests.Comparable(await Forgot(email)).Replace(email, "ADDRESS", StringComparison.Ordinal);
        var unknown = AccountTests.Comparable(await Forgot(nobody)).Replace(nobody, "ADDRESS", StringComparison.Ordinal);

        Assert.Equal(known, unknown);
        // Each address gets one email either way; only the mailbox's owner learns whether there is an account.
        Assert.Contains("this address has no account", fixture.Sink.TextsTo(nobody).Single());
        Assert.DoesNotMatch(ResetLink(), fixture.Sink.TextsTo(nobody).Single());
    }

    [Fact]
    public async Task ReloadingThePageAfterForgotPasswordSendsNoSecondLinkAndTheEmailedOneKeepsWorking()
    {
        var email = $"reloader-{Guid.NewGuid():N}@example.com";
        await App.Browser().SignUp(email, "Reloader Co");
        var client = App.Browser();
        var posted = await client.PostForm("/forgot-password", [new("Email", email)]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Contains("We sent an email to", await client.GetPage("/forgot-password"));
        var sent = fixture.Sink.TextsTo(email).Count;

        await client.GetPage("/forgot-password"); // the reload: a GET

        Assert.Equal(sent, fixture.Sink.TextsTo(email).Count);
        var link = ResetLink().Match(fixture.Sink.TextsTo(email)[^1]);
        Assert.True(link.Success);
        Assert.Equal(HttpStatusCode.OK, (await App.Browser().GetAsync(link.Groups[1].Value)).StatusCode);
    }

    [GeneratedRegex(@"https?://[^/\s]+(/reset-password/[A-Za-z0-9_-]{22})\b")]
    private static partial Regex ResetLink();
}
