using System.Net;

namespace SalesWheel.Web.Tests.Account;

public sealed class AccountTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<KeyValuePair<string, string>> SignUpForm(string email, string password, string organization = "Acme") =>
    [
        new("Form.Name", "Ada"), new("Form.Email", email), new("Form.Organization", organization), new("Form.Password", password), new("Form.Quick", ""),
    ];

    [Theory]
    [InlineData("short7!", "Use 8 to 128 characters.")]
    [InlineData("password123", "one of the most common")]
    [InlineData("Qwertyuiop", "one of the most common")]
    public async Task WeakPasswordsAreRefusedNextToTheFieldAndTheRestIsKept(string password, string message)
    {
        var response = await app.Browser().PostForm("/signup", SignUpForm($"weak-{Guid.NewGuid():N}@example.com", password, "Kept Org Name"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, WebUtility.HtmlDecode(page));
        Assert.Contains("value=\"Kept Org Name\"", page);
        Assert.Contains("data-valmsg-for=\"Form.Password\"", page);
    }

    [Fact]
    public async Task ALongPassphraseWithoutDigitsOrSymbolsIsAccepted()
    {
        var passphrase = "lantern river autumn marble " + new string('x', 36); // 64 characters, lowercase only
        var response = await app.Browser().PostForm("/signup", SignUpForm($"long-{Guid.NewGuid():N}@example.com", passphrase));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task TheSessionCookieIsSecureHttpOnlyAndSameSite()
    {
        var response = await app.Browser().PostForm("/signup", SignUpForm($"cookie-{Guid.NewGuid():N}@example.com", "correct horse battery staple"));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("saleswheel.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        var email = $"lock-{Guid.NewGuid():N}@example.com";
        await app.Browser().SignUp(email, "Lock Co");
        var client = app.Browser();
        for (var i = 0; i < 5; i++)
        {
            await client.PostForm("/signin", [new("Email", email), new("Password", "wrong password " + i)]);
        }

        var response = await client.PostForm("/signin", [new("Email", email), new("Password", "correct horse battery staple")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked for 15 minutes", await response.Content.ReadAsStringAsync());
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
}
