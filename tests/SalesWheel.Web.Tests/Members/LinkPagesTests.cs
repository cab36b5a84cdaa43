using System.Net;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Members;

/// <summary>
/// Invitations, password links and API tokens are safe to repeat and to misclick: the secret made by a POST is read on
/// the GET page it redirects to (a reload makes nothing again), only by whoever made it; revoking asks first.
/// </summary>
public sealed class LinkPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ReloadingThePageAfterAnInvitationShowsTheSameJoinLinkAndInvitesNobodyAgain()
    {
        var (owner, org) = await app.NewOrganization("Invite Reload Co");
        var email = $"new-{Guid.NewGuid():N}@example.com";

        var posted = await owner.PostForm("/members", [new("Invite.Email", email), new("Invite.Role", "Viewer")], "/members?handler=Invite");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var first = Html.Parse(await owner.GetPage(posted.Headers.Location!.ToString()));
        var again = Html.Parse(await owner.GetPage(posted.Headers.Location!.ToString()));

        var link = first.One("#invite-link").GetAttribute("value");
        Assert.Matches("/join/[A-Za-z0-9_-]{22}$", link);
        Assert.Equal(link, again.One("#invite-link").GetAttribute("value"));
        Assert.Equal(1, app.Service(db => db.MemberInvites.Count(i => i.OrganizationId == org && i.Email == email)));
        Assert.Single(app.EmailsTo(email));
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action.StartsWith("member invited"))));

        var (stranger, _) = await app.NewOrganization("Invite Stranger Co");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(posted.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task RevokingAnInvitationAsksFirstAndChangesNothingUntilConfirmed()
    {
        var (owner, org) = await app.NewOrganization("Invite Revoke Co");
        var email = $"maybe-{Guid.NewGuid():N}@example.com";
        await owner.Invite(email, "Admin");
        var id = app.Service(db => db.MemberInvites.Single(i => i.Email == email).Id);
        var list = Html.Parse(await owner.GetPage("/members"));
        Assert.Empty(list.QuerySelectorAll("form[action*='handler=Revoke']")); // one click cannot revoke

        var page = Html.Parse(await owner.GetPage($"/members/invitations/{id}/revoke"));

        Assert.Equal($"Revoke the invitation to {email}?", page.One("h1").Text());
        Assert.Contains("stops working at once", page.One("[data-consequence]").Text());
        Assert.Equal($"/members?handler=Revoke&id={id}", page.One("section.confirm form").GetAttribute("action"));
        Assert.Equal(1, app.Service(db => db.MemberInvites.Count(i => i.Id == id)));
        var (stranger, _) = await app.NewOrganization("Revoke Stranger Co");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/members/invitations/{id}/revoke")).StatusCode);

        var revoked = await owner.PostForm($"/members?handler=Revoke&id={id}", Html.Antiforgery(page.DocumentElement.OuterHtml), []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(0, app.Service(db => db.MemberInvites.Count(i => i.Id == id)));
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "invitation revoked")));
    }

    [Fact]
    public async Task ReloadingThePageAfterMakingATokenShowsTheSameSecretAndMakesNoSecondToken()
    {
        var (owner, org) = await app.NewOrganization("Token Reload Co");

        var posted = await owner.PostForm("/settings/api-tokens", [new("Form.Name", "dashboard"), new("Form.Role", "Viewer")]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var first = await owner.GetAsync(posted.Headers.Location);
        var again = await owner.GetAsync(posted.Headers.Location);

        Assert.True(again.Headers.CacheControl?.NoStore);
        var secret = Html.Parse(await first.Content.ReadAsStringAsync()).One("#new-token").GetAttribute("value");
        Assert.Equal(secret, Html.Parse(await again.Content.ReadAsStringAsync()).One("#new-token").GetAttribute("value"));
        Assert.Equal(1, app.Service(db => db.ApiTokens.Count(t => t.OrganizationId == org)));
        Assert.Equal(1, app.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "API token created")));

        var otherAdmin = await app.NewViewer(org);
        app.Service(db =>
        {
            db.Memberships.Where(m => m.OrganizationId == org && m.Role == MemberRole.Viewer).ToList().ForEach(m => m.Role = MemberRole.Admin);
            return db.SaveChanges();
        });
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(posted.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task RevokingATokenAsksFirstAndTheTokenWorksUntilConfirmed()
    {
        var (owner, org) = await app.NewOrganization("Token Revoke Co");
        var secret = await owner.MakeToken("script");
        var id = app.Service(db => db.ApiTokens.Single(t => t.OrganizationId == org).Id);
        Assert.Empty(Html.Parse(await owner.GetPage("/settings/api-tokens")).QuerySelectorAll("form[action*='handler=Revoke']"));

        var page = Html.Parse(await owner.GetPage($"/settings/api-tokens/{id}/revoke"));

        Assert.Equal("Revoke the token \u201cscript\u201d?", page.One("h1").Text());
        Assert.Equal($"/settings/api-tokens?handler=Revoke&id={id}", page.One("section.confirm form").GetAttribute("action"));
        await app.Api(secret).Get("/api/v1/organization");
        var (stranger, _) = await app.NewOrganization("Token Stranger Co");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/settings/api-tokens/{id}/revoke")).StatusCode);

        var revoked = await owner.PostForm($"/settings/api-tokens?handler=Revoke&id={id}", Html.Antiforgery(page.DocumentElement.OuterHtml), []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(secret).GetAsync("/api/v1/organization")).StatusCode);
    }
}
