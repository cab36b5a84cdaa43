using System.Net;
using System.Text;
using SalesWheel.Web.Tests.Members;

namespace SalesWheel.Web.Tests.People;

/// <summary>The people list: search, filters in the query string, bulk remove with a confirmation, CSV export of what is shown.</summary>
public sealed class PeopleListTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Team = """
        name,email,role,team,region
        Ana Lima,ana@example.com,AE,EMEA,North
        Ben Okafor,ben@example.com,manager,EMEA,South
        Cleo Park,cleo@example.com,seller,APAC,North
        Dan Wu,dan@example.com,AE,APAC,South
        Eve Stone,eve@example.com,leader,,North
        """;

    private async Task<(HttpClient Owner, Guid OrganizationId, Guid Region)> OrganizationWithTeam()
    {
        var owner = app.Browser();
        var name = "Org " + Guid.NewGuid().ToString("N")[..8];
        await owner.SignUp($"owner-{Guid.NewGuid():N}@example.com", name);
        await owner.PostForm("/settings/people", [new("RoleName", "AE"), new("RoleFamily", "Seller")], "/settings/people?handler=AddRole");
        await owner.PostForm("/settings/people", [new("AttributeName", "Region")], "/settings/people?handler=AddAttribute");
        var token = Html.Antiforgery(await owner.GetPage("/people/import"));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.PostForm("/people/import?handler=Confirm", token, [new("CsvText", Team), new("FileName", "team.csv")])).StatusCode);
        var org = app.Service(db => db.Organizations.Single(o => o.Name == name).Id);
        return (owner, org, app.Service(db => db.AttributeDefinitions.Single(a => a.OrganizationId == org).Id));
    }

    private static async Task<List<string>> Names(HttpClient client, string query)
    {
        var page = Html.Parse(await client.GetPage("/people" + query));
        return page.One("table[data-people]").QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[1].Text()).ToList();
    }

    private Guid IdOf(Guid organizationId, string email) => app.Service(db => db.People.Single(p => p.OrganizationId == organizationId && p.Email == email).Id);

    [Fact]
    public async Task TheListIsSearchedByNameOrEmailAndFilteredByTeamRoleAndAttributeFromTheQueryString()
    {
        var (owner, _, region) = await OrganizationWithTeam();

        Assert.Equal(["Ana Lima"], await Names(owner, "?q=ANA"));
        Assert.Equal(["Dan Wu"], await Names(owner, "?q=dan@"));
        Assert.Equal(["Ana Lima", "Ben Okafor"], await Names(owner, "?team=EMEA"));
        Assert.Equal(["Eve Stone"], await Names(owner, "?team=-"));
        Assert.Equal(["Ana Lima", "Dan Wu"], await Names(owner, "?role=ae"));
        Assert.Equal(["Ana Lima", "Cleo Park", "Dan Wu"], await Names(owner, "?role=Seller")); // the family holds its own roles
        Assert.Equal(["Ana Lima", "Cleo Park", "Eve Stone"], await Names(owner, $"?at={region}:North"));
        Assert.Equal(["Cleo Park"], await Names(owner, $"?team=APAC&at={region}:North"));
        var page = Html.Parse(await owner.GetPage($"/people?team=APAC&at={region}:North"));
        Assert.Equal("1", page.One("[data-shown]").GetAttribute("data-shown"));
        Assert.Contains("Showing 1 of 5 people.", page.One("[data-shown]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheExportIsTheFilteredListAsAFileTheImportReadsBackUnchanged()
    {
        var (owner, _, _) = await OrganizationWithTeam();
        var link = Html.Parse(await owner.GetPage("/people?team=EMEA")).One("a[href^='/people/export.csv']").GetAttribute("href")!;

        var response = await owner.GetAsync(link);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["name,email,role,team,Region", "Ana Lima,ana@example.com,AE,EMEA,North", "Ben Okafor,ben@example.com,manager,EMEA,South"],
            text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
        var token = Html.Antiforgery(await owner.GetPage("/people/import"));
        var preview = Html.Parse(await (await owner.PostForm("/people/import?handler=Remap", token, [new("CsvText", text), new("FileName", "people.csv")])).Content.ReadAsStringAsync());
        Assert.Contains("2 unchanged", preview.One("ul.import-counts").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeveralPeopleAreRemovedAfterAConfirmationPageThatCountsThem()
    {
        var (owner, org, _) = await OrganizationWithTeam();
        var ids = new[] { IdOf(org, "ana@example.com"), IdOf(org, "ben@example.com") };

        var confirm = Html.Parse(await owner.GetPage($"/people/remove?Ids={ids[0]}&Ids={ids[1]}"));
        Assert.Equal("2", confirm.One("h1").GetAttribute("data-count"));
        Assert.Equal(5, app.Service(db => db.People.Count(p => p.OrganizationId == org))); // the confirmation page changes nothing

        var removed = await owner.PostForm($"/people/remove?Ids={ids[0]}&Ids={ids[1]}", [new("Ids", ids[0].ToString()), new("Ids", ids[1].ToString())], "/people/remove");

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(["cleo@example.com", "dan@example.com", "eve@example.com"], app.Service(db => db.People.Where(p => p.OrganizationId == org).Select(p => p.Email).OrderBy(e => e).ToList()));
        Assert.Equal(2, app.Service(db => db.AuditEntries.Count(a => a.OrganizationId == org && a.Action == "person removed")));
        Assert.Contains("2 people were removed.", await owner.GetPage("/people"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOrganizationsPeopleAreNotFoundForBulkRemoveAndAViewerMayNotRemove()
    {
        var (owner, _, _) = await OrganizationWithTeam();
        var (_, theirOrg, _) = await OrganizationWithTeam();
        var theirs = IdOf(theirOrg, "ana@example.com");

        await owner.GetPage($"/people/remove?Ids={theirs}", HttpStatusCode.NotFound);
        var token = Html.Antiforgery(await owner.GetPage("/people/add"));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostForm("/people/remove", token, [new("Ids", theirs.ToString())])).StatusCode);
        Assert.True(app.Service(db => db.People.Any(p => p.Id == theirs)));

        var viewer = await MemberSteps.MemberWithRole(app, owner, "Viewer");
        var list = await viewer.GetPage("/people");
        Assert.DoesNotContain("/people/remove", list, StringComparison.Ordinal);
        await viewer.AssertRefused(await viewer.GetAsync($"/people/remove?Ids={theirs}"));
    }
}
