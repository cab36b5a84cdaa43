using System.Net;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Tests.Members;

public sealed class MembersTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Owner, Guid OrganizationId, string OwnerEmail)> NewOrganization(string? name = null)
    {
        var owner = app.Browser();
        name ??= "Org " + Guid.NewGuid().ToString("N")[..8];
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await owner.SignUp(email, name);
        return (owner, app.Service(db => db.Organizations.Single(o => o.Name == name).Id), email);
    }

    private static string Unique(string who) => $"{who}-{Guid.NewGuid():N}@example.com";

    private (MemberRole Role, Guid OrganizationId)? MembershipOf(string email) => app.Service(db =>
        (from m in db.Memberships
         join u in db.Users on m.UserId equals u.Id
         where u.NormalizedEmail == email.ToUpperInvariant()
         select new { m.Role, m.OrganizationId }).AsEnumerable().Select(x => ((MemberRole, Guid)?)(x.Role, x.OrganizationId)).FirstOrDefault());

    private Guid MembershipIdOf(string email) => app.Service(db =>
        (from m in db.Memberships join u in db.Users on m.UserId equals u.Id where u.NormalizedEmail == email.ToUpperInvariant() select m.Id).Single());

    [Fact]
    public async Task AnInvitedAdminJoinsFromTheEmailedLinkAndSeesTheOrganizationWithThatRole()
    {
        var (owner, org, _) = await NewOrganization("Northwind Sales");
        var email = Unique("admin");
        await owner.Invite(email, "Admin");

        var invite = app.Service(db => db.MemberInvites.AsNoTracking().Single(i => i.Email == email));
        Assert.Equal((org, MemberRole.Admin), (invite.OrganizationId, invite.Role));
        Assert.InRange(invite.ExpiresAt - DateTime.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));
        Assert.Contains(email, await owner.GetPage("/members")); // listed as pending

        var link = MemberSteps.JoinLinkFromOutbox(app, email);
        Assert.Equal(64, invite.TokenHash.Length);
        Assert.DoesNotContain(link["/join/".Length..], invite.TokenHash); // only the hash is stored
        var form = await app.Browser().GetPage(link);
        Assert.Contains("Join Northwind Sales", form);
        Assert.Contains("You were invited as <strong>admin</strong>", form);

        var admin = await MemberSteps.Join(app, link, "Ada Admin");
        Assert.Equal((MemberRole.Admin, org), MembershipOf(email));
        var settings = await admin.GetPage("/settings");
        Assert.Contains("Settings of Northwind Sales", settings);
        Assert.Contains("Save settings", settings); // an admin may change them
        Assert.DoesNotContain("/settings/audit", settings); // the audit log is for owners
        Assert.NotNull(app.Service(db => db.MemberInvites.Single(i => i.Email == email).AcceptedAt));
        Assert.Contains(app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == org).Select(a => a.Action).ToList()), a => a == "member joined");

        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(link["/join/".Length..], StringComparison.Ordinal)); // logs never hold the token

        var again = await app.Browser().GetPage(link, HttpStatusCode.Gone);
        Assert.Contains("This invitation has already been used", again);
    }

    [Fact]
    public async Task AnInvitedViewerCanReadButNotChange()
    {
        var (owner, org, _) = await NewOrganization();
        var viewer = await MemberSteps.MemberWithRole(app, owner, "Viewer");
        var settings = await viewer.GetPage("/settings");
        Assert.Contains("You are a viewer", settings);
        Assert.DoesNotContain("Save settings", settings);
        await viewer.AssertRefused(await viewer.GetAsync("/members"));
        await viewer.AssertRefused(await viewer.PostForm("/members?handler=Invite", await viewer.Token(), [new("Invite.Email", Unique("x")), new("Invite.Role", "Admin")]));
        Assert.Equal(0, app.Service(db => db.MemberInvites.Count(i => i.OrganizationId == org && i.AcceptedAt == null)));
    }

    [Theory]
    [InlineData("/join/not-a-token")]
    [InlineData("/join/AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AMalformedOrUnknownJoinLinkIsNotFound(string url)
    {
        await app.Browser().GetPage(url, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnExpiredInvitationSaysSoAndCreatesNoAccount()
    {
        var (owner, _, _) = await NewOrganization();
        var email = Unique("late");
        await owner.Invite(email, "Viewer");
        var link = MemberSteps.JoinLinkFromOutbox(app, email);
        app.Service(db => db.MemberInvites.Where(i => i.Email == email).ExecuteUpdate(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        var page = await app.Browser().GetPage(link, HttpStatusCode.Gone);
        Assert.Contains("This invitation has expired", page);
        var late = app.Browser();
        var post = await late.PostForm(link, Html.Antiforgery(await late.GetPage("/signin")), [new("Form.Name", "Late"), new("Form.Password", MemberSteps.Password)]);
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Null(MembershipOf(email));
    }

    /// <summary>Issue 11 (several organizations per user): an existing account joins by signing in, never with a new password.</summary>
    [Fact]
    public async Task AnAddressThatAlreadyHasAnAccountIsToldPlainlyToSignInToAccept()
    {
        var (ownerA, _, _) = await NewOrganization();
        var (_, orgB, ownerBEmail) = await NewOrganization();
        await ownerA.Invite(ownerBEmail, "Admin");

        var page = await app.Browser().GetPage(MemberSteps.JoinLinkFromOutbox(app, ownerBEmail));
        Assert.Contains($"{ownerBEmail} already has a SalesWheel account", page);
        Assert.Contains($"sign in as {ownerBEmail}", Html.Parse(page).One("[data-sign-in-first]").Text());
        Assert.DoesNotContain("Form.Password", page);
        Assert.Equal((MemberRole.Owner, orgB), MembershipOf(ownerBEmail)); // nothing joined by opening the link
    }

    [Fact]
    public async Task AShortPasswordIsNamedAndTheNameIsKept()
    {
        var (owner, _, _) = await NewOrganization();
        var email = Unique("short");
        await owner.Invite(email, "Viewer");
        var link = MemberSteps.JoinLinkFromOutbox(app, email);

        var response = await app.Browser().PostForm(link, [new("Form.Name", "Sam Short"), new("Form.Password", "abc")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("Use 8 to 128 characters.", MemberSteps.FieldError(page, "Form.Password"));
        Assert.Contains("value=\"Sam Short\"", page);
        Assert.Null(MembershipOf(email));
    }

    [Fact]
    public async Task TheLastOwnerCannotDemoteOrRemoveThemselves()
    {
        var (owner, org, ownerEmail) = await NewOrganization();
        var self = MembershipIdOf(ownerEmail);

        var demote = await owner.PostForm("/members", [new("role", "Admin")], $"/members?handler=Role&id={self}");
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        var refused = await demote.Content.ReadAsStringAsync();
        Assert.Contains("An organization needs at least one owner. Make someone else an owner first.", refused);
        Assert.Equal("", MemberSteps.FieldError(refused, "Invite.Email")); // the invitation form was not posted and shows no error
        var remove = await owner.PostForm($"/members/{self}/remove", await owner.Token("/members"), []);
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        Assert.Contains("An organization needs at least one owner.", await remove.Content.ReadAsStringAsync());
        Assert.Equal((MemberRole.Owner, org), MembershipOf(ownerEmail));

        // With a second owner, the first may step down.
        var email = Unique("second");
        await owner.Invite(email, "Admin");
        await MemberSteps.Join(app, MemberSteps.JoinLinkFromOutbox(app, email), "Second");
        await owner.PostForm("/members", [new("role", "Owner")], $"/members?handler=Role&id={MembershipIdOf(email)}");
        var stepDown = await owner.PostForm("/members", [new("role", "Admin")], $"/members?handler=Role&id={self}");
        Assert.Equal(HttpStatusCode.Redirect, stepDown.StatusCode);
        Assert.Equal(MemberRole.Admin, MembershipOf(ownerEmail)?.Role);
        Assert.Equal(MemberRole.Owner, MembershipOf(email)?.Role);
    }

    [Fact]
    public async Task AnOwnerChangesARoleRevokesAnInvitationAndRemovesAMember()
    {
        var (owner, org, _) = await NewOrganization();
        var email = Unique("member");
        await owner.Invite(email, "Viewer");
        var member = await MemberSteps.Join(app, MemberSteps.JoinLinkFromOutbox(app, email), "Mo Member");
        var id = MembershipIdOf(email);

        await owner.PostForm("/members", [new("role", "Admin")], $"/members?handler=Role&id={id}");
        Assert.Equal(MemberRole.Admin, MembershipOf(email)?.Role);
        Assert.Contains("Save settings", await member.GetPage("/settings")); // the new role applies at once

        var pending = Unique("pending");
        await owner.Invite(pending, "Admin");
        var pendingLink = MemberSteps.JoinLinkFromOutbox(app, pending);
        var inviteId = app.Service(db => db.MemberInvites.Single(i => i.Email == pending).Id);
        var revoked = await owner.PostForm("/members", [], $"/members?handler=Revoke&id={inviteId}");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        await app.Browser().GetPage(pendingLink, HttpStatusCode.NotFound);

        Assert.Contains("Remove Mo Member?", await owner.GetPage($"/members/{id}/remove"));
        var removed = await owner.PostForm($"/members/{id}/remove", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(MembershipOf(email));
        var after = await member.GetAsync("/settings"); // the removed member's session no longer opens anything
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/signin", after.Headers.Location!.ToString());

        var audit = app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == org).Select(a => a.Action + ": " + a.Detail).ToList());
        Assert.Contains($"member role changed: {email}: viewer → admin", audit);
        Assert.Contains($"invitation revoked: {pending} as admin", audit);
        Assert.Contains($"member removed: {email} (admin)", audit);
    }

    [Fact]
    public async Task AnAdminSeesMembersButOnlyAnOwnerChangesThem()
    {
        var (owner, org, ownerEmail) = await NewOrganization();
        var admin = await MemberSteps.MemberWithRole(app, owner, "Admin");
        var page = await admin.GetPage("/members");
        Assert.Contains(ownerEmail, page);
        Assert.Contains("Only an owner can invite, change roles or remove members.", page);
        Assert.DoesNotContain("handler=Invite", page);

        var token = await admin.Token();
        var ownerId = MembershipIdOf(ownerEmail);
        await admin.AssertRefused(await admin.PostForm($"/members?handler=Role&id={ownerId}", token, [new("role", "Viewer")]));
        await admin.AssertRefused(await admin.PostForm("/members?handler=Invite", token, [new("Invite.Email", Unique("x")), new("Invite.Role", "Admin")]));
        await admin.AssertRefused(await admin.PostForm($"/members/{ownerId}/remove", token, []));
        Assert.Equal((MemberRole.Owner, org), MembershipOf(ownerEmail));
    }

    [Fact]
    public async Task InvitingABadOrExistingAddressNamesTheFieldAndKeepsWhatWasTyped()
    {
        var (owner, _, ownerEmail) = await NewOrganization();
        var bad = await owner.PostForm("/members", [new("Invite.Email", "someone at example"), new("Invite.Role", "Admin")], "/members?handler=Invite");
        var page = await bad.Content.ReadAsStringAsync();
        Assert.Equal("Enter an email address like name@company.com.", MemberSteps.FieldError(page, "Invite.Email"));
        Assert.Contains("value=\"someone at example\"", page);

        var member = await owner.PostForm("/members", [new("Invite.Email", ownerEmail.ToUpperInvariant()), new("Invite.Role", "Viewer")], "/members?handler=Invite");
        Assert.StartsWith($"{ownerEmail} is already a member of", MemberSteps.FieldError(await member.Content.ReadAsStringAsync(), "Invite.Email"));
        Assert.Equal(0, app.Service(db => db.MemberInvites.Count(i => i.Email == ownerEmail)));
    }

    [Fact]
    public async Task AnotherOrganizationsMembersAndInvitationsAreNotFound()
    {
        var (ownerA, _, _) = await NewOrganization();
        var (ownerB, orgB, ownerBEmail) = await NewOrganization();
        var theirMember = MembershipIdOf(ownerBEmail);
        var theirPending = Unique("theirs");
        await ownerB.Invite(theirPending, "Admin");
        var theirInvite = app.Service(db => db.MemberInvites.Single(i => i.Email == theirPending).Id);

        var token = await ownerA.Token("/members");
        Assert.Equal(HttpStatusCode.NotFound, (await ownerA.PostForm($"/members?handler=Role&id={theirMember}", token, [new("role", "Viewer")])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerA.PostForm($"/members?handler=Revoke&id={theirInvite}", token, [])).StatusCode);
        await ownerA.GetPage($"/members/{theirMember}/remove", HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerA.PostForm($"/members/{theirMember}/remove", token, [])).StatusCode);
        var list = await ownerA.GetPage("/members");
        Assert.DoesNotContain(ownerBEmail, list);
        Assert.DoesNotContain(theirPending, list);

        Assert.Equal((MemberRole.Owner, orgB), MembershipOf(ownerBEmail));
        Assert.Equal(1, app.Service(db => db.MemberInvites.Count(i => i.Id == theirInvite)));
    }
}
