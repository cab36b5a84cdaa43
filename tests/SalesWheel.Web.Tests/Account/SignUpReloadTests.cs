using System.Net;

namespace SalesWheel.Web.Tests.Account;

/// <summary>Signing up is safe to repeat: the accepted form redirects, so reloading "check your email" sends nothing again.</summary>
public sealed class SignUpReloadTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ReloadingCheckYourEmailSendsNoSecondEmailAndStoresNoSecondSignUp()
    {
        var email = $"reload-{Guid.NewGuid():N}@example.com";
        var browser = app.Browser();
        var posted = await browser.PostForm("/signup",
        [
            new("Form.Name", "Rae"), new("Form.Email", email), new("Form.Organization", "Reload Co"), new("Form.Password", "a calm and steady reload"), new("Form.Quick", ""),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/signup", posted.Headers.Location!.ToString());

        Assert.Contains(email, Html.Parse(await browser.GetPage("/signup")).One("h1 + p").Text());
        await browser.GetPage("/signup"); // the reload

        Assert.Single(app.Mailbox(email));
        Assert.Equal(1, app.Service(db => db.PendingSignUps.Count(s => s.Email == email)));
    }
}
