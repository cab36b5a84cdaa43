using System.Net;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Tests.People;

public sealed class CustomRolesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Owner, Guid OrganizationId)> NewOrganization()
    {
        var owner = app.Browser();
        var name = "Org " + Guid.NewGuid().ToString("N")[..8];
        await owner.SignUp($"owner-{Guid.NewGuid():N}@example.com", name);
        return (owner, app.Service(db => db.Organizations.Single(o => o.Name == name).Id));
    }

    private static async Task AddRole(HttpClient owner, string name, string family)
    {
        var response = await owner.PostForm("/settings/people", [new("RoleName", name), new("RoleFamily", family)], "/settings/people?handler=AddRole");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Guid RoleId(Guid organizationId, string name) =>
        app.Service(db => db.OrganizationRoles.Single(r => r.OrganizationId == organizationId && r.Name == name).Id);

    private Person PersonOf(Guid organizationId, string email) =>
        app.Service(db => db.People.AsNoTracking().Single(p => p.OrganizationId == organizationId && p.Email == email));

    [Fact]
    public async Task APersonGivenAnOwnRoleInAnyCaseCountsInItsFamilyAndTheListShowsTheOwnRole()
    {
        var (owner, org) = await NewOrganization();
        await AddRole(owner, "AE", "Seller");

        var added = await owner.PostForm("/people/add", [new("Form.Name", "Ana Lima"), new("Form.Email", "ana@example.com"), new("Form.Role", "ae"), new("Form.Team", "EMEA")]);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var ana = PersonOf(org, "ana@example.com");
        Assert.Equal(PersonRole.Seller, ana.Role);
        Assert.Equal(RoleId(org, "AE"), ana.RoleId);
        var row = Assert.Single(Html.Parse(await owner.GetPage("/people")).QuerySelectorAll("tbody tr"), r => r.Text().Contains("Ana Lima", StringComparison.Ordinal));
        Assert.Contains("AE (seller)", row.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrganizationWithoutOwnRolesRefusesAnUnknownRoleAndListsTheFamilies()
    {
        var (owner, _) = await NewOrganization();

        var page = await (await owner.PostForm("/people/add", [new("Form.Name", "Ana"), new("Form.Email", "ana@example.com"), new("Form.Role", "AE")])).Content.ReadAsStringAsync();

        Assert.Contains("Choose one of the roles listed: leader, manager, seller or ops &amp; enablement.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovingARoleToAnotherFamilyMovesItsPeopleAndRemovingItKeepsThemInTheFamily()
    {
        var (owner, org) = await NewOrganization();
        await AddRole(owner, "Sales Manager", "Seller");
        await owner.PostForm("/people/add", [new("Form.Name", "Ben"), new("Form.Email", "ben@example.com"), new("Form.Role", "Sales Manager")]);
        var id = RoleId(org, "Sales Manager");

        var changed = await owner.PostForm("/settings/people", [new("RoleName", "Sales Manager"), new("RoleFamily", "Manager")], $"/settings/people?handler=ChangeRole&id={id}");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(PersonRole.Manager, PersonOf(org, "ben@example.com").Role);

        var confirm = await owner.GetPage($"/settings/people/roles/{id}/remove");
        Assert.Equal("1", Html.Parse(confirm).One("[data-holders]").GetAttribute("data-holders"));
        var removed = await owner.PostForm($"/settings/people/roles/{id}/remove", []);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var ben = PersonOf(org, "ben@example.com");
        Assert.Null(ben.RoleId);
        Assert.Equal(PersonRole.Manager, ben.Role);
    }

    [Fact]
    public async Task AnOwnRoleCannotTakeAFamilysNameOrAnotherRolesName()
    {
        var (owner, _) = await NewOrganization();
        await AddRole(owner, "SDR", "Seller");

        var family = await (await owner.PostForm("/settings/people", [new("RoleName", "manager"), new("RoleFamily", "Manager")], "/settings/people?handler=AddRole")).Content.ReadAsStringAsync();
        var twice = await (await owner.PostForm("/settings/people", [new("RoleName", "sdr"), new("RoleFamily", "Seller")], "/settings/people?handler=AddRole")).Content.ReadAsStringAsync();

        Assert.Contains("is already a role family", string.Join(" ", Html.Parse(family).Texts(".field-error")), StringComparison.Ordinal);
        Assert.Contains("There is already a role called SDR.", string.Join(" ", Html.Parse(twice).Texts(".field-error")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOrganizationsRoleIsNotFound()
    {
        var (owner, _) = await NewOrganization();
        var (other, otherOrg) = await NewOrganization();
        await AddRole(other, "CSM", "OpsEnablement");
        var id = RoleId(otherOrg, "CSM");

        await owner.GetPage($"/settings/people/roles/{id}/remove", HttpStatusCode.NotFound);
        var remove = await owner.PostForm(Html.Antiforgery(await owner.GetPage("/settings/people")) is var token ? $"/settings/people/roles/{id}/remove" : "", token, []);
        var change = await owner.PostForm($"/settings/people?handler=ChangeRole&id={id}", token, [new("RoleName", "Mine"), new("RoleFamily", "Seller")]);

        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        Assert.Equal("CSM", app.Service(db => db.OrganizationRoles.Single(r => r.Id == id).Name));
    }
}
