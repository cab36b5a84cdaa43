using System.Net;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Members;

public sealed class SeveralOrganizationsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Owner, Guid Organization, string Email)> NewOrganization(string name)
    {
        var owner = app.Browser();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await owner.SignUp(email, name, password: MemberSteps.Password);
        return (owner, app.OrganizationOf(email), email);
    }

    private List<(Guid Organization, MemberRole Role)> MembershipsOf(string email) => app.Service(db =>
        (from m in db.Memberships join u in db.Users on m.UserId equals u.Id where u.Email == email select new { m.OrganizationId, m.Role })
        .AsEnumerable().Select(x => (x.OrganizationId, x.Role)).OrderByDescending(x => x.Role).ToList());

    /// <summary>The consultant: owner of B, then invited to A as admin and accepting while signed in.</summary>
    private async Task<(HttpClient Consultant, Guid A, Guid B, HttpClient OwnerA, string Email)> MemberOfTwo(string a, string b)
    {
        var (ownerA, organizationA, _) = await NewOrganization(a);
        var (consultant, organizationB, email) = await NewOrganization(b);
        await ownerA.Invite(email, "Admin");
        var join = MemberSteps.JoinLinkFromOutbox(app, email);
        var accepted = await consultant.PostForm(join, [], join + "?handler=Accept");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/assessments", accepted.Headers.Location?.ToString());
        return (consultant, organizationA, organizationB, ownerA, email);
    }

    private static async Task SwitchTo(HttpClient client, Guid organization)
    {
        var response = await client.PostForm("/organizations", [new("organizationId", organization.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/assessments", response.Headers.Location?.ToString());
    }

    private static async Task<List<string>> ListedAssessments(HttpClient client) =>
        Html.Parse(await client.GetPage("/assessments")).Texts("table.assessments tbody th");

    [Fact]
    public async Task AnInvitedExistingUserAcceptsWhileSignedInAndThenBelongsToBothWithTheNewOneCurrent()
    {
        var (consultant, a, b, ownerA, email) = await MemberOfTwo("Client A", "Consulting B");

        Assert.Equal([(b, MemberRole.Owner), (a, MemberRole.Admin)], MembershipsOf(email));
        var settings = Html.Parse(await consultant.GetPage("/settings"));
        Assert.Equal("Client A", settings.One("#switch-organization option[selected]").Text());
        Assert.Equal(["Client A", "Consulting B"], settings.Texts("#switch-organization option"));
        Assert.Contains(email, Html.Parse(await ownerA.GetPage("/members")).Body!.Text());
        Assert.Contains(app.Service(db => db.AuditEntries.AsNoTracking().Where(e => e.OrganizationId == a).Select(e => e.Action).ToList()), action => action == "member joined");

        var join = MemberSteps.JoinLinkFromOutbox(app, email);
        var again = await consultant.PostForm(join + "?handler=Accept", await consultant.Token(), []);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode); // the link worked once
        Assert.Equal(2, MembershipsOf(email).Count);
    }

    [Fact]
    public async Task SigningInFromTheInvitationAndAcceptingWorksAndNobodyElseCanAcceptForTheAccount()
    {
        var (ownerA, a, _) = await NewOrganization("Signed Out A");
        var (_, b, email) = await NewOrganization("Signed Out B");
        await ownerA.Invite(email, "Viewer");
        var join = MemberSteps.JoinLinkFromOutbox(app, email);

        var anonymous = app.Browser();
        var refused = await anonymous.PostForm(join + "?handler=Accept", Html.Antiforgery(await anonymous.GetPage("/signin")), []);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var (other, _, _) = await NewOrganization("Someone Else");
        var otherPage = Html.Parse(await other.GetPage(join));
        Assert.Contains("sign out first", otherPage.One("[data-sign-in-first]").Text());
        await other.PostForm(join, [], join + "?handler=Accept");
        Assert.Equal([(b, MemberRole.Owner)], MembershipsOf(email));

        var signInLink = Html.Parse(await anonymous.GetPage(join)).One("[data-sign-in-first] a").GetAttribute("href")!;
        var signedIn = await anonymous.PostForm(signInLink, [new("Email", email), new("Password", MemberSteps.Password)]);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(join, signedIn.Headers.Location?.ToString());
        var accepted = await anonymous.PostForm(join, [], join + "?handler=Accept");

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal([(b, MemberRole.Owner), (a, MemberRole.Viewer)], MembershipsOf(email));
    }

    [Fact]
    public async Task AMemberOfTwoSeesOnlyTheCurrentOrganizationsDataAndTheOthersIdsAreNotFound()
    {
        var (consultant, a, b, _, _) = await MemberOfTwo("Isolated A", "Isolated B");
        await SwitchTo(consultant, b);
        var inB = await consultant.CreateAssessment("Only in B");
        var personB = app.AddPeople(b, "East", PersonRole.Seller, 1).Single();
        await SwitchTo(consultant, a);
        var inA = await consultant.CreateAssessment("Only in A");
        var personA = app.AddPeople(a, "West", PersonRole.Seller, 1).Single();

        Assert.Equal(["Only in A"], await ListedAssessments(consultant));
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync($"/assessments/{inA}")).StatusCode);
        foreach (var url in new[] { $"/assessments/{inB}", $"/assessments/{inB}/results", $"/assessments/{inB}/edit", $"/assessments/{inB}/delete", $"/people/{personB.Id}/edit" })
        {
            Assert.True(HttpStatusCode.NotFound == (await consultant.GetAsync(url)).StatusCode, $"{url} while in A");
        }

        Assert.DoesNotContain(personB.Name, await consultant.GetPage("/people"));
        Assert.Contains(personA.Name, await consultant.GetPage("/people"));
        var deleteB = await consultant.PostForm($"/assessments/{inA}/delete", [], $"/assessments/{inB}/delete");
        Assert.Equal(HttpStatusCode.NotFound, deleteB.StatusCode);

        await SwitchTo(consultant, b);

        Assert.Equal(["Only in B"], await ListedAssessments(consultant));
        Assert.Equal(HttpStatusCode.NotFound, (await consultant.GetAsync($"/assessments/{inA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await consultant.GetAsync($"/assessments/{inB}")).StatusCode);
        Assert.Equal(2, app.Service(db => db.Assessments.Count(x => x.Id == inA || x.Id == inB)));
    }

    [Fact]
    public async Task SwitchingToAnOrganizationYouDoNotBelongToIsNotFoundAndChangesNothing()
    {
        var (consultant, a, _, _, _) = await MemberOfTwo("Own A", "Own B");
        var (_, stranger, _) = await NewOrganization("Not Yours");

        var response = await consultant.PostForm("/organizations", [new("organizationId", stranger.ToString())]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Own A", Html.Parse(await consultant.GetPage("/settings")).One("#switch-organization option[selected]").Text());
        var organizations = Html.Parse(await consultant.GetPage("/organizations")).Texts("table.organizations tbody th");
        Assert.Equal(["Own A", "Own B"], organizations);
        Assert.Equal(a, app.Service(db => db.Organizations.Single(o => o.Name == "Own A").Id));
    }

    [Fact]
    public async Task RemovedFromOneOrganizationAMemberKeepsTheirAccountAndTheOtherOrganization()
    {
        var (consultant, a, b, ownerA, email) = await MemberOfTwo("Removing A", "Keeping B");
        var membershipInA = app.Service(db => db.Memberships.Single(m => m.OrganizationId == a && db.Users.Any(u => u.Id == m.UserId && u.Email == email)).Id);

        var removed = await ownerA.PostForm($"/members/{membershipInA}/remove", []);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal([(b, MemberRole.Owner)], MembershipsOf(email));
        Assert.Equal(["Keeping B"], Html.Parse(await consultant.GetPage("/organizations")).Texts("table.organizations tbody th"));
        Assert.Null(Html.Parse(await consultant.GetPage("/settings")).QuerySelector("#switch-organization")); // one organization: no switcher
    }
}
