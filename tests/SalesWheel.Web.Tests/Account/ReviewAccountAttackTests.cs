using System.Net;
using SalesWheel.Web.Tests.Api;

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
        var signedUp = await owner.Follow(await owner.PostForm("/signup", SignUpForm(colleague, "colleague's own secret words", "Real Co")));
        Assert.Equal(HttpStatusCode.OK, signedUp.StatusCode);

        // ...and a squatter who knows it signs up with the same address, the same organization name and a password of
        // their own. Both confirmation emails land in the colleague's mailbox, looking the same.
        var squatter = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await squatter.Follow(await squatter.PostForm("/signup", SignUpForm(colleague, "squatter knows this one", "Real Co")))).StatusCode);

        // The colleague opens the newest one (the squatter's): creating needs the password chosen at that sign-up, so
        // with their own password nothing is created, and the page tells them to ignore a sign-up that was not theirs.
        var link = Html.ConfirmLink(app, colleague);
        var refused = await owner.PostForm(link, [new("Password", "colleague's own secret words")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("That is not the password chosen when signing up with this address", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, app.Service(db => db.Users.Count(u => u.Email == colleague)));

        // The squatter now signs in to the colleague's account and organization with the password they chose.
        var takeover = await app.Browser().PostForm("/signin", [new("Email", colleague), new("Password", "squatter knows this one")]);
        Assert.True(takeover.StatusCode != HttpStatusCode.Redirect,
            $"the squatter signed in to {colleague}'s new account with the squatter's own password (redirect to {takeover.Headers.Location})");
    }

    [Fact]
    public async Task AnApiTokenMadeInAStolenSessionStopsWorkingWhenTheOwnerChangesThePasswordToEndEverySession()
    {
        const string password = "correct horse battery staple";
        var email = $"stolen-{Guid.NewGuid():N}@example.com";
        var owner = app.Browser();
        await owner.SignUp(email, "Stolen Co");

        // Someone who got the password (or a copy of a session) signs in elsewhere and makes an admin API token.
        var thief = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await thief.PostForm("/signin", [new("Email", email), new("Password", password)])).StatusCode);
        var token = await thief.MakeToken("backup", "Admin");
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/people")).StatusCode);

        // The owner notices and changes the password, which the page says signs out every other session.
        var changed = await owner.PostForm("/account/password", [new("CurrentPassword", password), new("NewPassword", "quiet meadow after rain")]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/settings")).StatusCode); // the thief's cookie is refused

        // The thief's token still reads and changes everything (the people list with every email, open, remind...).
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(token).GetAsync("/api/v1/people")).StatusCode);
    }
}
