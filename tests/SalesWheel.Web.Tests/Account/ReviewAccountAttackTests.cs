using System.Net;

namespace SalesWheel.Web.Tests.Account;

/// <summary>Attacks on accounts by an outside reviewer of issue 8.</summary>
public sealed class ReviewAccountAttackTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<KeyValuePair<string, string>> SignUpForm(string email, string password, string organization) =>
    [
        new("Form.Name", "Ada"), new("Form.Email", email), new("Form.Organization", organization), new("Form.Password", password), new("Form.Quick", ""),
    ];

    [Fact]
    public async Task ASquattersSignUpConfirmedByTheRealOwnerDoesNotGiveTheSquatterThePasswordOfTheOwnersAccount()
    {
        var colleague = $"colleague-{Guid.NewGuid():N}@example.com";

        // The colleague signs up with their own password...
        var owner = app.Browser();
        var signedUp = await owner.PostForm("/signup", SignUpForm(colleague, "colleague's own secret words", "Real Co"));
        Assert.Equal(HttpStatusCode.OK, signedUp.StatusCode);

        // ...and a squatter who knows it signs up with the same address, the same organization name and a password of
        // their own. Both confirmation emails land in the colleague's mailbox, looking the same.
        var squatter = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await squatter.PostForm("/signup", SignUpForm(colleague, "squatter knows this one", "Real Co"))).StatusCode);

        // The colleague opens the newest one (the squatter's) and creates "their" organization; nothing on the page
        // asks for their password.
        var link = Html.ConfirmLink(app, colleague);
        var created = await owner.PostForm(link, []);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/assessments", created.Headers.Location?.ToString());
        Assert.Contains("Real Co", await owner.GetPage("/settings"));

        // The squatter now signs in to the colleague's account and organization with the password they chose.
        var takeover = await app.Browser().PostForm("/signin", [new("Email", colleague), new("Password", "squatter knows this one")]);
        Assert.True(takeover.StatusCode != HttpStatusCode.Redirect,
            $"the squatter signed in to {colleague}'s new account with the squatter's own password (redirect to {takeover.Headers.Location})");
    }
}
