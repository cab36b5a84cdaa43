using System.Net;
using System.Text.RegularExpressions;

namespace SalesWheel.Web.Tests.Account;

public sealed partial class AccountTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "correct horse battery staple";

    private static List<KeyValuePair<string, string>> SignUpForm(string email, string password, string organization = "Acme") =>
    [
        new("Form.Name", "Ada"), new("Form.Email", email), new("Form.Organization", organization), new("Form.Password", password), new("Form.Quick", ""),
    ];

    [Theory]
    [InlineData("short7!", "Use 8 to 128 characters.")]
    [InlineData("password123", "one of the most common")]
    [InlineData("Qwertyuiop", "one of the most common")]
    [InlineData("mandarin", "one of the most common")] // from the second half of the top 10,000
    [InlineData("Wishbone", "one of the most common")]
    [InlineData("lalalala", "one of the most common")]
    public async Task WeakPasswordsAreRefusedNextToTheFieldAndTheRestIsKept(string password, string message)
    {
        var response = await app.Browser().PostForm("/signup", SignUpForm($"weak-{Guid.NewGuid():N}@example.com", password, "Kept Org Name"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, WebUtility.HtmlDecode(page));
        Assert.Contains("value=\"Kept Org Name\"", page);
        Assert.Contains("data-valmsg-for=\"Form.Password\"", page);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    public async Task ALongPassphraseWithoutDigitsOrSymbolsIsAcceptedUpTo128Characters(int length)
    {
        var passphrase = ("lantern river autumn marble " + new string('x', 200))[..length]; // lowercase only
        var email = $"long-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(email, "Long Co", password: passphrase);

        var signIn = await app.Browser().PostForm("/signin", [new("Email", email), new("Password", passphrase)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task TheSessionCookieIsSecureHttpOnlyAndSameSite()
    {
        var email = $"cookie-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(email, "Cookie Co");
        var response = await app.Browser().PostForm("/signin", [new("Email", email), new("Password", Password)]);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("saleswheel.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignOutIsNotPossibleByGetAndWorksByPost()
    {
        var client = app.Browser();
        await client.SignUp($"out-{Guid.NewGuid():N}@example.com", "Out Co");
        await client.GetAsync("/signout");
        Assert.Contains(">Sign out</button>", await client.GetPage("/")); // a GET changes nothing

        var page = await client.GetPage("/");
        await client.PostForm("/signout", Html.Antiforgery(page), []);
        Assert.Contains(">Sign in</a>", await client.GetPage("/"));
    }

    [Fact]
    public async Task ASessionCookieCopiedBeforeSignOutIsRefusedAfterwards()
    {
        var email = $"copied-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(email, "Copied Co");
        var browser = app.Browser();
        var signIn = await browser.PostForm("/signin", [new("Email", email), new("Password", Password)]);
        var copy = AuthCookie(signIn);
        Assert.Equal(HttpStatusCode.OK, (await WithCookie(copy, "/settings")).StatusCode); // the copy works while signed in

        await browser.PostForm("/signout", Html.Antiforgery(await browser.GetPage("/settings")), []);

        var replayed = await WithCookie(copy, "/settings");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/signin", replayed.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task ChangingThePasswordAsksTheCurrentOneAndEndsEveryOtherSession()
    {
        var email = $"change-{Guid.NewGuid():N}@example.com";
        var here = app.Browser();
        await here.SignUp(email, "Change Co");
        var elsewhere = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.PostForm("/signin", [new("Email", email), new("Password", Password)])).StatusCode);

        var wrong = await here.PostForm("/account/password", [new("CurrentPassword", "not my password at all"), new("NewPassword", "quiet meadow after rain")]);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("That is not your current password.", Members.MemberSteps.FieldError(await wrong.Content.ReadAsStringAsync(), "CurrentPassword"));
        var common = await here.PostForm("/account/password", [new("CurrentPassword", Password), new("NewPassword", "sunshine1")]);
        Assert.Contains("one of the most common", Members.MemberSteps.FieldError(await common.Content.ReadAsStringAsync(), "NewPassword"));

        var changed = await here.PostForm("/account/password", [new("CurrentPassword", Password), new("NewPassword", "quiet meadow after rain")]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Every other session of your account was signed out, and the API tokens you had made were revoked.", await here.GetPage("/account/password"));
        await here.GetPage("/settings"); // this browser stays signed in

        var other = await elsewhere.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode); // the other browser was signed out
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().PostForm("/signin", [new("Email", email), new("Password", Password)])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().PostForm("/signin", [new("Email", email), new("Password", "quiet meadow after rain")])).StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordNeedsASession()
    {
        var response = await app.Browser().GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task SigningUpCreatesNothingUntilTheEmailedLinkIsFollowed()
    {
        var email = $"pending-{Guid.NewGuid():N}@example.com";
        var browser = app.Browser();
        var response = await browser.Follow(await browser.PostForm("/signup", SignUpForm(email, Password, "Pending Co")));

        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Check your email", page);
        Assert.Contains("saved in its outbox folder", page); // no mail server here: said honestly
        Assert.Equal(0, app.Service(db => db.Users.Count(u => u.Email == email)));
        Assert.Equal(0, app.Service(db => db.Organizations.Count(o => o.Name == "Pending Co")));
        var signIn = await app.Browser().PostForm("/signin", [new("Email", email), new("Password", Password)]);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode); // no account to sign in to yet
    }

    [Fact]
    public async Task SomeoneWhoSignsUpWithAColleaguesAddressCannotHoldItAndTheColleagueStillSignsUp()
    {
        var colleague = $"colleague-{Guid.NewGuid():N}@example.com";
        // The squatter signs up with the colleague's address (they cannot read the colleague's mailbox).
        await app.Browser().PostForm("/signup", SignUpForm(colleague, "squatters own password", "Squatter Co"));
        var squattersLink = Html.ConfirmLink(app, colleague); // in the colleague's mailbox, not the squatter's

        // The colleague signs up for real and confirms from their mailbox: nothing stood in the way.
        var owner = app.Browser();
        await owner.SignUp(colleague, "Real Co");
        Assert.Contains("Real Co", await owner.GetPage("/settings"));

        // The squatter's link, had they got it, now leads nowhere and creates nothing.
        var late = app.Browser();
        var stale = await late.PostForm(squattersLink, Html.Antiforgery(await late.GetPage("/signin")), []);
        Assert.Equal(HttpStatusCode.NotFound, stale.StatusCode);
        Assert.Equal(0, app.Service(db => db.Organizations.Count(o => o.Name == "Squatter Co")));
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().PostForm("/signin", [new("Email", colleague), new("Password", "squatters own password")])).StatusCode);
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(squattersLink["/signup/confirm/".Length..], StringComparison.Ordinal)); // links stay out of logs
    }

    [Fact]
    public async Task SignUpAnswersTheSameWhetherOrNotTheAddressHasAnAccount()
    {
        var taken = $"taken-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(taken, "Taken Co");
        var free = $"free-{Guid.NewGuid():N}@example.com";

        var (takenBrowser, freeBrowser) = (app.Browser(), app.Browser());
        var forTaken = await (await takenBrowser.Follow(await takenBrowser.PostForm("/signup", SignUpForm(taken, "another good passphrase", "Other Co")))).Content.ReadAsStringAsync();
        var forFree = await (await freeBrowser.Follow(await freeBrowser.PostForm("/signup", SignUpForm(free, "another good passphrase", "Other Co")))).Content.ReadAsStringAsync();
        Assert.Contains(taken, forTaken); // the pages compared are the "check your email" pages

        Assert.Equal(Comparable(forFree).Replace(free, "ADDRESS", StringComparison.Ordinal), Comparable(forTaken).Replace(taken, "ADDRESS", StringComparison.Ordinal));
        Assert.Contains("already has an account", app.Mailbox(taken)[^1]); // only the owner of the mailbox learns it
    }

    [Fact]
    public async Task SignInRefusesAnUnknownAddressAndAWrongPasswordWithTheSamePage()
    {
        var email = $"known-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(email, "Known Co");

        var wrongPassword = await app.Browser().PostForm("/signin", [new("Email", email), new("Password", "not the password")]);
        var unknown = await app.Browser().PostForm("/signin", [new("Email", "nobody-" + email), new("Password", "not the password")]);

        Assert.Equal(wrongPassword.StatusCode, unknown.StatusCode);
        Assert.Equal(Comparable(await wrongPassword.Content.ReadAsStringAsync()).Replace(email, "ADDRESS", StringComparison.Ordinal),
            Comparable(await unknown.Content.ReadAsStringAsync()).Replace("nobody-" + email, "ADDRESS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAMailServerForgotPasswordSaysWhoCanMakeALinkAndTellsNothingAboutTheAddress()
    {
        var email = $"forgot-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(email, "Forgot Co");
        var before = app.Mailbox(email).Count;

        var client = app.Browser();
        var token = Html.Antiforgery(await client.GetPage("/signin"));
        var known = await (await client.PostForm("/forgot-password", token, [new("Email", email)])).Content.ReadAsStringAsync();
        var unknown = await (await client.PostForm("/forgot-password", token, [new("Email", "nobody-" + email)])).Content.ReadAsStringAsync();

        Assert.Contains("owner of your organization", known);
        Assert.Contains("saleswheel users reset-password", known);
        Assert.Equal(Comparable(known), Comparable(unknown));
        Assert.Equal(before, app.Mailbox(email).Count); // nothing written to the outbox for the admin to read
    }

    internal static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("saleswheel.auth=", StringComparison.Ordinal));

    /// <summary>A GET from a different client that sends only the copied cookie (as an attacker replaying it would).</summary>
    private async Task<HttpResponseMessage> WithCookie(string cookie, string path)
    {
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    /// <summary>The page without what differs on every request (antiforgery tokens).</summary>
    internal static string Comparable(string page) => AntiforgeryValue().Replace(page, "value=\"TOKEN\"");

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex AntiforgeryValue();
}
