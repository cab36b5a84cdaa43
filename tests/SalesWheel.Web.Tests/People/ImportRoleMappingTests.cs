using System.Net;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Tests.People;

/// <summary>The import preview lists the roles of the file; unknown ones can be mapped, or the good rows imported alone.</summary>
public sealed class ImportRoleMappingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string HrExport = """
        name,email,role,team
        Ana Lima,ana@example.com,Account Executive,EMEA
        Ben Okafor,ben@example.com,account executive,EMEA
        Cleo Park,cleo@example.com,SDR,EMEA
        Dan Wu,dan@example.com,VP Sales,
        """;

    private async Task<(HttpClient Owner, Guid OrganizationId)> OrganizationWithRoles()
    {
        var owner = app.Browser();
        var name = "Org " + Guid.NewGuid().ToString("N")[..8];
        await owner.SignUp($"owner-{Guid.NewGuid():N}@example.com", name);
        foreach (var (role, family) in new[] { ("AE", "Seller"), ("SDR", "Seller"), ("VP Sales", "Leader") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await owner.PostForm("/settings/people", [new("RoleName", role), new("RoleFamily", family)], "/settings/people?handler=AddRole")).StatusCode);
        }

        return (owner, app.Service(db => db.Organizations.Single(o => o.Name == name).Id));
    }

    private static async Task<string> Post(HttpClient owner, string handler, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = Html.Antiforgery(await owner.GetPage("/people/import"));
        var response = await owner.PostForm($"/people/import?handler={handler}", token, fields);
        return response.StatusCode == HttpStatusCode.Redirect ? response.Headers.Location!.ToString() : await response.Content.ReadAsStringAsync();
    }

    /// <summary>Each role value of the file → what it reads as: its role, the role chosen for it in the select, or "unknown".</summary>
    private static Dictionary<string, string> RoleValues(string page) =>
        Html.Parse(page).Table("Roles in the file").Rows().ToDictionary(r => r["Role in the file"].Text(), r => r["Reads as"].QuerySelector("select") is { } select
            ? select.QuerySelector("option[selected]")?.Text() ?? "unknown"
            : r["Reads as"].Text());

    private List<Person> PeopleOf(Guid organizationId) =>
        app.Service(db => db.People.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.Email).ToList());

    [Fact]
    public async Task ThePreviewListsEachRoleOfTheFileAndAMappedRoleImportsAsTheOwnRoleInItsFamily()
    {
        var (owner, org) = await OrganizationWithRoles();

        var first = await Post(owner, "Remap", [new("CsvText", HrExport), new("FileName", "hr.csv")]);
        var values = RoleValues(first);
        Assert.Equal("unknown", values["Account Executive"]); // first spelling, both rows
        Assert.Equal("SDR (seller)", values["SDR"]);
        Assert.Equal("VP Sales (leader)", values["VP Sales"]);
        Assert.Contains("Nothing was imported.", first, StringComparison.Ordinal);
        Assert.Empty(PeopleOf(org));

        var mapped = await Post(owner, "Remap", [new("CsvText", HrExport), new("FileName", "hr.csv"), new("MapFrom", "Account Executive"), new("MapTo", "AE")]);
        Assert.Equal("AE (seller)", RoleValues(mapped)["Account Executive"]);
        Assert.DoesNotContain("Nothing was imported.", mapped, StringComparison.Ordinal);
        Assert.Empty(PeopleOf(org)); // a preview stores nothing

        var done = await Post(owner, "Confirm", [new("CsvText", HrExport), new("FileName", "hr.csv"), new("MapFrom", "Account Executive"), new("MapTo", "AE")]);

        Assert.Equal("/people", done);
        var ae = app.Service(db => db.OrganizationRoles.Single(r => r.OrganizationId == org && r.Name == "AE").Id);
        var people = PeopleOf(org).ToDictionary(p => p.Email);
        Assert.Equal((PersonRole.Seller, (Guid?)ae), (people["ana@example.com"].Role, people["ana@example.com"].RoleId));
        Assert.Equal((PersonRole.Seller, (Guid?)ae), (people["ben@example.com"].Role, people["ben@example.com"].RoleId));
        Assert.Equal(PersonRole.Leader, people["dan@example.com"].Role);
        Assert.Contains("roles mapped: Account Executive → AE", app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == org && a.Action == "people imported").Select(a => a.Detail).Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyTheGoodRowsAreImportedWhenTheAdminChoosesAndEveryBadRowIsNamed()
    {
        var (owner, org) = await OrganizationWithRoles();

        var preview = await Post(owner, "Remap", [new("CsvText", HrExport), new("FileName", "hr.csv")]);
        var offer = Html.Parse(preview).One("form.import-good-rows").Text();
        Assert.Contains("leave out the 2 bad rows listed above (lines 2, 3)", offer, StringComparison.Ordinal);

        var done = await Post(owner, "GoodRows", [new("CsvText", HrExport), new("FileName", "hr.csv")]);

        Assert.Equal("/people", done);
        Assert.Equal(["cleo@example.com", "dan@example.com"], PeopleOf(org).Select(p => p.Email));
        Assert.Contains("2 bad rows left out (lines 2, 3)", app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == org && a.Action == "people imported").Select(a => a.Detail).Single()), StringComparison.Ordinal);
        Assert.Contains("2 bad rows left out", Html.Parse(await owner.GetPage("/people")).One(".notice").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatCannotBeReadIsNeverImportedEvenWithOnlyGoodRows()
    {
        var (owner, org) = await OrganizationWithRoles();

        var page = await Post(owner, "GoodRows", [new("CsvText", "full name,mail\nAna,ana@example.com\n"), new("FileName", "bad.csv")]);

        Assert.Contains("Nothing was imported.", page, StringComparison.Ordinal);
        Assert.Empty(PeopleOf(org));
    }
}
