using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Members;

namespace SalesWheel.Web.Tests.People;

public sealed class PeopleTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<KeyValuePair<string, string>> Fields(string name, string email, string role, string team = "") =>
        [new("Form.Name", name), new("Form.Email", email), new("Form.Role", role), new("Form.Team", team)];

    private async Task<(HttpClient Owner, Guid OrganizationId)> NewOrganization()
    {
        var owner = app.Browser();
        var name = "Org " + Guid.NewGuid().ToString("N")[..8];
        await owner.SignUp($"owner-{Guid.NewGuid():N}@example.com", name);
        return (owner, app.Service(db => db.Organizations.Single(o => o.Name == name).Id));
    }

    private List<Person> PeopleOf(Guid organizationId) => app.Service(db => db.People.AsNoTracking().Where(p => p.OrganizationId == organizationId).ToList());

    /// <summary>The list of people: the table with a Name and an Email column.</summary>
    private static IHtmlTableElement PeopleList(IDocument page) => Assert.Single(page.QuerySelectorAll("table").OfType<IHtmlTableElement>(),
        t => t.Head?.Rows[0].Cells.Select(c => c.Text()).ToList() is { } headers && headers.Contains("Name") && headers.Contains("Email"));

    /// <summary>What the form field shows, as typed.</summary>
    private static string? Typed(IDocument form, string field) => form.One($"input[name='{field}']").GetAttribute("value");

    [Fact]
    public async Task AnAdminAddsEditsAndRemovesAPersonAndEachChangeIsAudited()
    {
        var (owner, org) = await NewOrganization();

        var added = await owner.PostForm("/people/add", Fields("  Ana Lima ", " Ana.Lima@Example.com ", "OpsEnablement", "  EMEA  "));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var person = Assert.Single(PeopleOf(org));
        Assert.Equal(("Ana Lima", "ana.lima@example.com", PersonRole.OpsEnablement, "EMEA"), (person.Name, person.Email, person.Role, person.Team));
        var list = Html.Parse(await owner.GetPage("/people"));
        Assert.Contains("Ana Lima was added.", list.DocumentElement.Text());
        Assert.Equal("ops & enablement", Assert.Single(PeopleList(list).Rows(), r => r["Name"].Text() == "Ana Lima")["Role"].Text());

        var edited = await owner.PostForm($"/people/{person.Id}/edit", Fields("Ana Lima-Costa", "ana.lima@example.com", "Manager", ""));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        person = Assert.Single(PeopleOf(org));
        Assert.Equal(("Ana Lima-Costa", PersonRole.Manager, ""), (person.Name, person.Role, person.Team));

        var confirm = await owner.GetPage($"/people/{person.Id}/remove");
        Assert.Contains("Remove Ana Lima-Costa?", confirm);
        Assert.Single(PeopleOf(org)); // the confirmation page alone removes nothing
        var removed = await owner.PostForm($"/people/{person.Id}/remove", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(PeopleOf(org));

        var audit = app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == org).OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToList());
        Assert.Contains("person added: Ana Lima <ana.lima@example.com>, ops & enablement, team EMEA", audit);
        Assert.Contains("person changed: Ana Lima-Costa <ana.lima@example.com>: name: Ana Lima → Ana Lima-Costa; role: ops & enablement → manager; team: EMEA → (none)", audit);
        Assert.Contains(audit, a => a.StartsWith("person removed: Ana Lima-Costa", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADuplicateEmailIsRefusedWithTheFieldNamedAndWhatWasTypedKept()
    {
        var (owner, org) = await NewOrganization();
        await owner.PostForm("/people/add", Fields("Ben Okafor", "ben@example.com", "Seller", "Mid-market"));

        var response = await owner.PostForm("/people/add", Fields("Benjamin O.", "BEN@example.com", "Leader", "Enterprise"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("ben@example.com is already on the list, as Ben Okafor. Each email can be on the list once.", MemberSteps.FieldError(page, "Form.Email"));
        var form = Html.Parse(page);
        Assert.Equal("Benjamin O.", Typed(form, "Form.Name"));
        Assert.Equal("BEN@example.com", Typed(form, "Form.Email"));
        Assert.Equal("Enterprise", Typed(form, "Form.Team"));
        Assert.Equal("Leader", form.One("select[name='Form.Role']").QuerySelectorAll("option").OfType<IHtmlOptionElement>().Single(o => o.IsSelected).Value);
        Assert.Single(PeopleOf(org));

        // Editing someone else onto a taken address is refused the same way.
        await owner.PostForm("/people/add", Fields("Cleo Park", "cleo@example.com", "Seller"));
        var cleo = PeopleOf(org).Single(p => p.Name == "Cleo Park");
        var edit = await owner.PostForm($"/people/{cleo.Id}/edit", Fields("Cleo Park", "ben@example.com", "Seller"));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.StartsWith("ben@example.com is already on the list, as Ben Okafor.", MemberSteps.FieldError(await edit.Content.ReadAsStringAsync(), "Form.Email"));
        Assert.Equal("cleo@example.com", PeopleOf(org).Single(p => p.Id == cleo.Id).Email);
    }

    [Fact]
    public async Task AMissingNameABadEmailAndAnUnknownRoleAreEachNamedNextToTheirField()
    {
        var (owner, org) = await NewOrganization();
        var response = await owner.PostForm("/people/add", Fields("", "not-an-email", "Intern", "APAC"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal("Enter the person's name.", MemberSteps.FieldError(page, "Form.Name"));
        Assert.Equal("Enter an email address like name@company.com.", MemberSteps.FieldError(page, "Form.Email"));
        Assert.Equal("Choose one of the roles listed: leader, manager, seller or ops & enablement.", MemberSteps.FieldError(page, "Form.Role"));
        Assert.Equal("", MemberSteps.FieldError(page, "Form.Team"));
        var form = Html.Parse(page);
        Assert.Equal("not-an-email", Typed(form, "Form.Email"));
        Assert.Equal("APAC", Typed(form, "Form.Team"));
        Assert.Empty(PeopleOf(org));
    }

    [Fact]
    public async Task TheListCountsPeopleByRoleAndByTeam()
    {
        var (owner, _) = await NewOrganization();
        await owner.PostForm("/people/add", Fields("S1", "s1@example.com", "Seller", "EMEA"));
        await owner.PostForm("/people/add", Fields("S2", "s2@example.com", "Seller", "EMEA"));
        await owner.PostForm("/people/add", Fields("M1", "m1@example.com", "Manager", "EMEA"));
        await owner.PostForm("/people/add", Fields("L1", "l1@example.com", "Leader", ""));

        var page = Html.Parse(await owner.GetPage("/people"));
        var byRole = page.Table("4 people by role").Pairs();
        Assert.Equal("2", byRole["seller"]);
        Assert.Equal("1", byRole["manager"]);
        Assert.Equal("0", byRole["ops & enablement"]);
        var byTeam = page.Table("By team").Pairs();
        Assert.Equal("3", byTeam["EMEA"]);
        Assert.Equal("1", byTeam["(no team)"]);
    }

    [Fact]
    public async Task AViewerSeesTheListButEveryChangeIsRefused()
    {
        var (owner, org) = await NewOrganization();
        await owner.PostForm("/people/add", Fields("Dana Reyes", "dana@example.com", "Seller", "EMEA"));
        var dana = Assert.Single(PeopleOf(org));
        var viewer = await MemberSteps.MemberWithRole(app, owner, "Viewer");

        var list = await viewer.GetPage("/people");
        Assert.Contains("Dana Reyes", list);
        Assert.DoesNotContain("/people/add", list);
        Assert.DoesNotContain("/remove", list);
        await viewer.AssertRefused(await viewer.GetAsync("/people/add"));

        var token = await viewer.Token();
        await viewer.AssertRefused(await viewer.PostForm("/people/add", token, Fields("Eve", "eve@example.com", "Seller")));
        await viewer.AssertRefused(await viewer.PostForm($"/people/{dana.Id}/edit", token, Fields("Hacked", "dana@example.com", "Leader")));
        await viewer.AssertRefused(await viewer.PostForm($"/people/{dana.Id}/remove", token, []));
        await viewer.AssertRefused(await viewer.PostForm("/people/import?handler=Confirm", token, [new("CsvText", "name,email,role\nEve,eve@example.com,seller\n")]));

        var after = Assert.Single(PeopleOf(org));
        Assert.Equal(("Dana Reyes", PersonRole.Seller), (after.Name, after.Role));
    }

    [Fact]
    public async Task AnotherOrganizationsPersonIsNotFoundOnEveryRoute()
    {
        var (ownerA, _) = await NewOrganization();
        var (ownerB, orgB) = await NewOrganization();
        await ownerB.PostForm("/people/add", Fields("Secret Person", "secret@example.com", "Leader", "Board"));
        var theirs = Assert.Single(PeopleOf(orgB));

        await ownerA.GetPage($"/people/{theirs.Id}/edit", HttpStatusCode.NotFound);
        await ownerA.GetPage($"/people/{theirs.Id}/remove", HttpStatusCode.NotFound);
        var token = await ownerA.Token("/people/add");
        Assert.Equal(HttpStatusCode.NotFound, (await ownerA.PostForm($"/people/{theirs.Id}/edit", token, Fields("Mine now", "mine@example.com", "Seller"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ownerA.PostForm($"/people/{theirs.Id}/remove", token, [])).StatusCode);
        Assert.DoesNotContain("Secret Person", await ownerA.GetPage("/people"));

        var after = Assert.Single(PeopleOf(orgB));
        Assert.Equal(("Secret Person", "secret@example.com"), (after.Name, after.Email));
    }

    [Fact]
    public async Task SignedOutVisitorsAreSentToSignIn()
    {
        var response = await app.Browser().GetAsync("/people");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin", response.Headers.Location!.ToString());
    }
}
