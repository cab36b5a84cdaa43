using System.Net;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Members;

namespace SalesWheel.Web.Tests.Settings;

public sealed class SettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Owner, Guid OrganizationId)> NewOrganization(string? name = null)
    {
        var owner = app.Browser();
        name ??= "Org " + Guid.NewGuid().ToString("N")[..8];
        await owner.SignUp($"owner-{Guid.NewGuid():N}@example.com", name);
        return (owner, app.Service(db => db.Organizations.Single(o => o.Name == name).Id));
    }

    private Organization Load(Guid id) => app.Service(db => db.Organizations.AsNoTracking().Single(o => o.Id == id));

    private static List<KeyValuePair<string, string>> General(string name, string phase, string acv, string k) =>
        [new("Form.Name", name), new("Form.Phase", phase), new("Form.Acv", acv), new("Form.MinimumGroupSize", k)];

    /// <summary>Every cell of the grid as the page shows it, with some cells replaced.</summary>
    private static List<KeyValuePair<string, string>> Grid(RelevanceTable table, params (string Key, string Value)[] changes)
    {
        var cells = RelevanceLevels.ToLevels(table);
        string[] columns = ["pmf", "gtm-fit", "scale", "lt15k", "15k-50k", "gt50k"];
        var fields = cells.SelectMany(d => columns.Select((c, i) => new KeyValuePair<string, string>($"Levels[{d.Key}:{c}]", d.Value[i].ToString()))).ToList();
        foreach (var (key, value) in changes)
        {
            fields.RemoveAll(f => f.Key == $"Levels[{key}]");
            fields.Add(new($"Levels[{key}]", value));
        }

        return fields;
    }

    [Fact]
    public async Task AChangeIsSavedAndTheAuditLogShowsWhoChangedWhatFromOldToNew()
    {
        var (owner, org) = await NewOrganization("Acme Sales");
        var response = await owner.PostForm("/settings", General("Acme Revenue", "scale", "gt50k", "7"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var saved = Load(org);
        Assert.Equal(("Acme Revenue", CompanyPhase.Scale, AcvBand.Over50K, 7), (saved.Name, saved.Phase, saved.Acv, saved.MinimumGroupSize));
        var page = WebUtilityDecode(await owner.GetPage("/settings"));
        Assert.Contains("<option value=\"scale\" selected=\"selected\">", page);
        Assert.Contains("value=\"7\"", page);

        var log = WebUtilityDecode(await owner.GetPage("/settings/audit"));
        Assert.Contains("<td>settings changed</td>", log);
        Assert.Contains("name: \"Acme Sales\" → \"Acme Revenue\"; phase: not set → Scale; ACV band: not set → ACV over $50K; minimum group size: 5 → 7", log);
        Assert.Contains("<td>owner-", log); // who
    }

    [Theory]
    [InlineData("2", "The minimum group size must be at least 3: in smaller groups people could tell who answered what.")]
    [InlineData("five", "Enter a whole number, 3 or more.")]
    [InlineData("", "Enter the minimum group size: a whole number, 3 or more.")]
    public async Task AMinimumGroupSizeBelowThreeOrNotANumberIsRefusedWithTheFieldNamedAndTheFormKept(string k, string message)
    {
        var (owner, org) = await NewOrganization();
        var response = await owner.PostForm("/settings", General("Renamed Meanwhile", "pmf", "lt15k", k));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(message, MemberSteps.FieldError(page, "Form.MinimumGroupSize"));
        Assert.Contains($"name=\"Form.MinimumGroupSize\" value=\"{k}\"", page);
        Assert.Contains("value=\"Renamed Meanwhile\"", page);
        Assert.Contains("<option value=\"pmf\" selected=\"selected\">", page);

        var unchanged = Load(org);
        Assert.Equal((5, (CompanyPhase?)null), (unchanged.MinimumGroupSize, unchanged.Phase));
        Assert.Equal(0, app.Service(db => db.AuditEntries.Count(a => a.OrganizationId == org && a.Action == "settings changed")));
    }

    [Fact]
    public async Task EditingTheRelevanceGridStoresTheLevelsAndResetRestoresTheDefaults()
    {
        var (owner, org) = await NewOrganization();
        Assert.Null(Load(org).RelevanceJson);

        var edit = await owner.PostForm("/settings", Grid(RelevanceTable.Default, ("strategy:pmf", "1"), ("motivation:gt50k", "3")), "/settings?handler=Relevance");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var table = RelevanceLevels.Parse(Load(org).RelevanceJson);
        Assert.Equal(1, table.PhaseLevel("strategy", CompanyPhase.Pmf));
        Assert.Equal(3, table.AcvLevel("motivation", AcvBand.Over50K));
        Assert.Equal(RelevanceTable.Default.PhaseLevel("structure", CompanyPhase.Scale), table.PhaseLevel("structure", CompanyPhase.Scale));
        var page = await owner.GetPage("/settings");
        Assert.Contains("<select id=\"level-strategy-pmf\" name=\"Levels[strategy:pmf]\">", page);
        Assert.Contains("Your organization has changed some of the defaults.", page);

        var reset = await owner.PostForm("/settings", [], "/settings?handler=Reset");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Null(Load(org).RelevanceJson);
        Assert.Contains("These are SalesWheel's defaults.", WebUtilityDecode(await owner.GetPage("/settings")));

        var audit = app.Service(db => db.AuditEntries.Where(a => a.OrganizationId == org).OrderBy(a => a.Id).Select(a => a.Action + ": " + a.Detail).ToList());
        Assert.Contains("relevance levels changed: Strategy · PMF: High → Low; Motivation · > $50K: Medium → High", audit);
        Assert.Contains("relevance levels reset to defaults: Strategy · PMF: Low → High; Motivation · > $50K: High → Medium", audit);
    }

    [Fact]
    public async Task ABadRelevanceCellIsNamedAndTheOtherChoicesAreKept()
    {
        var (owner, org) = await NewOrganization();
        var response = await owner.PostForm("/settings", Grid(RelevanceTable.Default, ("training:scale", "1"), ("enablement:lt15k", "7")), "/settings?handler=Relevance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtilityDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose High, Medium or Low for Enablement under ACV < $15K.", page);
        Assert.Matches("name=\"Levels\\[training:scale\\]\">\\s*<option value=\"3\">High</option>\\s*<option value=\"2\">Medium</option>\\s*<option value=\"1\" selected=\"selected\">Low</option>", page);
        Assert.Null(Load(org).RelevanceJson);
    }

    [Fact]
    public async Task AViewerReadsTheSettingsButEveryChangeIsRefused()
    {
        var (owner, org) = await NewOrganization("Viewed Co");
        var viewer = await MemberSteps.MemberWithRole(app, owner, "Viewer");
        var page = await viewer.GetPage("/settings");
        Assert.Contains("Settings of Viewed Co", page);
        Assert.Contains("<fieldset class=\"plain\" disabled=\"disabled\">", page);

        var token = Html.Antiforgery(page);
        await viewer.AssertRefused(await viewer.PostForm("/settings", token, General("Taken Over", "scale", "gt50k", "3")));
        await viewer.AssertRefused(await viewer.PostForm("/settings?handler=Relevance", token, Grid(RelevanceTable.Default, ("strategy:pmf", "1"))));
        await viewer.AssertRefused(await viewer.PostForm("/settings?handler=Reset", token, []));
        await viewer.AssertRefused(await viewer.GetAsync("/settings/audit"));

        var unchanged = Load(org);
        Assert.Equal(("Viewed Co", 5, (string?)null), (unchanged.Name, unchanged.MinimumGroupSize, unchanged.RelevanceJson));
    }

    [Fact]
    public async Task OnlyAnOwnerReadsTheAuditLog()
    {
        var (owner, _) = await NewOrganization();
        var admin = await MemberSteps.MemberWithRole(app, owner, "Admin");
        await admin.AssertRefused(await admin.GetAsync("/settings/audit"));
        Assert.DoesNotContain("/settings/audit", await admin.GetPage("/settings"));
        Assert.Contains("/settings/audit", await owner.GetPage("/settings"));
        Assert.Contains("/members", await owner.GetPage("/settings"));
    }

    [Fact]
    public async Task TheAuditLogIsNewestFirstFiftyToAPageAndShowsOnlyTheOwnOrganization()
    {
        var (owner, org) = await NewOrganization();
        var (_, other) = await NewOrganization("Other Co");
        app.Service(db =>
        {
            for (var i = 1; i <= 120; i++)
            {
                db.AuditEntries.Add(new AuditEntry { OrganizationId = org, UserName = "someone@example.com", Action = "test entry", Detail = $"entry number {i:000}" });
            }

            db.AuditEntries.Add(new AuditEntry { OrganizationId = other, UserName = "spy@example.com", Action = "test entry", Detail = "of the other organization" });
            return db.SaveChanges();
        });

        var first = await owner.GetPage("/settings/audit");
        Assert.Contains("121 entries · page 1 of 3", first); // 120 + "organization created"
        Assert.True(first.IndexOf("entry number 120", StringComparison.Ordinal) < first.IndexOf("entry number 119", StringComparison.Ordinal));
        Assert.Contains("entry number 071", first);
        Assert.DoesNotContain("entry number 070", first);
        Assert.Contains("href=\"/settings/audit?p=2\"", first);

        var last = await owner.GetPage("/settings/audit?p=3");
        Assert.Contains("entry number 001", last);
        Assert.Contains("organization created", last);
        Assert.DoesNotContain("entry number 021", last);

        Assert.DoesNotContain("of the other organization", first + await owner.GetPage("/settings/audit?p=2") + last);
    }

    private static string WebUtilityDecode(string page) => WebUtility.HtmlDecode(page);
}
