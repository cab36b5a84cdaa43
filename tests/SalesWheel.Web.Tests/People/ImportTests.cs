using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Tests.People;

public sealed partial class ImportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Owner, Guid OrganizationId)> NewOrganization()
    {
        var owner = app.Browser();
        var name = "Org " + Guid.NewGuid().ToString("N")[..8];
        await owner.SignUp($"owner-{Guid.NewGuid():N}@example.com", name);
        return (owner, app.Service(db => db.Organizations.Single(o => o.Name == name).Id));
    }

    private List<Person> PeopleOf(Guid organizationId) =>
        app.Service(db => db.People.AsNoTracking().Where(p => p.OrganizationId == organizationId).OrderBy(p => p.Email).ToList());

    /// <summary>Uploads a file as a browser does (multipart), and returns the preview page.</summary>
    private static async Task<string> Upload(HttpClient client, byte[] file, string fileName = "team.csv")
    {
        var token = Html.Antiforgery(await client.GetPage("/people/import"));
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "Upload", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var response = await client.PostAsync("/people/import?handler=Preview", form);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, page);
        return page;
    }

    /// <summary>The page as a person reads it (entities decoded: Razor writes → and accented letters as entities).</summary>
    private static string Text(string page) => Html.Parse(page).DocumentElement.Text();

    /// <summary>The preview's count before <paramref name="what"/> ("to add", "to update", "unchanged").</summary>
    private static string Count(string page, string what) =>
        Assert.Single(Html.Parse(page).QuerySelectorAll("ul.import-counts > li"), li => li.Text().StartsWith(li.One("strong").Text() + " " + what, StringComparison.Ordinal))
            .One("strong").Text();

    /// <summary>The rows of the preview's table under the heading <paramref name="heading"/> ("To add", "To update").</summary>
    private static List<Dictionary<string, IHtmlTableCellElement>> Preview(string page, string heading) =>
        Assert.Single(Html.Parse(page).Section(heading).SelectMany(e => e.QuerySelectorAll("table")).OfType<IHtmlTableElement>()).Rows();

    private static Task<string> Upload(HttpClient client, string text, bool bom = false) =>
        Upload(client, (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray());

    private static string CarriedText(string page) => Html.Parse(page).One("form input[name='CsvText']").GetAttribute("value") ?? "";

    [Fact]
    public async Task AFileWithBadRowsNamesEveryBadRowWithItsLineAndReasonAndImportsNothing()
    {
        var (owner, org) = await NewOrganization();
        await owner.PostForm("/people/add", [new("Form.Name", "Kept As Is"), new("Form.Email", "kept@example.com"), new("Form.Role", "Seller"), new("Form.Team", "EMEA")]);
        const string file = """
            name,email,role,team
            Ana Lima,ana@example.com,seller,EMEA
            ,nobody@example.com,seller,EMEA
            Ben Okafor,,manager,EMEA
            Cleo Park,cleo@,leader,
            Dan Wu,ana@example.com,seller,APAC
            Eve Stone,eve@example.com,sales rep,APAC

            Finn Hale,finn@example.com,,APAC
            Kept Changed,kept@example.com,leader,APAC
            """;

        var page = await Upload(owner, file);
        var items = Html.Parse(page).Texts("li");

        Assert.Contains("Nothing was imported.", page);
        Assert.Contains("Line 3: missing name", items);
        Assert.Contains("Line 4: missing email", items);
        Assert.Contains("Line 5: \"cleo@\" is not a valid email address", items);
        Assert.Contains("Line 6: duplicate email: ana@example.com is also on line 2", items);
        Assert.Contains("Line 7: unknown role \"sales rep\" (use leader, manager, seller or ops & enablement)", items);
        Assert.Contains("Line 9: missing role (use leader, manager, seller or ops & enablement)", items);
        Assert.Equal(6, items.Count(ProblemLine().IsMatch)); // exactly the six bad rows, nothing else
        Assert.DoesNotContain("handler=Confirm", page);

        var kept = Assert.Single(PeopleOf(org));
        Assert.Equal(("Kept As Is", PersonRole.Seller, "EMEA"), (kept.Name, kept.Role, kept.Team));

        // A forged confirm with the same bad text is checked again and changes nothing either.
        var forged = await owner.PostForm("/people/import?handler=Confirm", Html.Antiforgery(page), [new("CsvText", file), new("FileName", "team.csv")]);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Nothing was imported.", await forged.Content.ReadAsStringAsync());
        Assert.Single(PeopleOf(org));
        Assert.Equal(0, app.Service(db => db.AuditEntries.Count(a => a.OrganizationId == org && a.Action == "people imported")));
    }

    [Fact]
    public async Task AQuoteThatNeverClosesIsNamedWithTheLinesItSwallowsAndNothingIsImported()
    {
        var (owner, org) = await NewOrganization();
        const string file = "name,email,role\n\"Unclosed,a@example.com,seller\nBea,b@example.com,seller\nCal,c@example.com,manager\n";

        var text = Text(await Upload(owner, file));

        Assert.Contains("Nothing was imported.", text);
        Assert.Contains("Line 2: a quote (\") opens a value that does not close on this line, so lines 2 to 4 read as one row: close the quote or remove it", text);
        Assert.DoesNotContain("missing email", text);
        Assert.Empty(PeopleOf(org));
    }

    [Fact]
    public async Task ACleanFileIsPreviewedThenImportedOnConfirmAddingAndUpdatingBySameEmail()
    {
        var (owner, org) = await NewOrganization();
        await owner.PostForm("/people/add", [new("Form.Name", "Gia Moretti"), new("Form.Email", "gia@example.com"), new("Form.Role", "Seller"), new("Form.Team", "EMEA")]);
        await owner.PostForm("/people/add", [new("Form.Name", "Hal Jordan"), new("Form.Email", "hal@example.com"), new("Form.Role", "Manager"), new("Form.Team", "APAC")]);
        // Semicolons, a UTF-8 BOM, columns in another order, an extra column, any capitals, role aliases.
        const string file = "Email;Name;Role;Team;Phone\r\n"
            + "ANA@example.com;Ana Lima;Seller;EMEA;123\r\n"
            + "ivo@example.com;Ivo Šimić;ops & enablement;;\r\n"
            + "gia@example.com;Gia Moretti;LEADER;EMEA;\r\n"
            + "hal@example.com;Hal Jordan;manager;APAC;\r\n"
            + "joy@example.com;\"Joy; the closer\";Enablement; Partners \r\n";

        var preview = await Upload(owner, file, bom: true);
        Assert.Equal("3", Count(preview, "to add"));
        Assert.Equal("1", Count(preview, "to update"));
        Assert.Equal("1", Count(preview, "unchanged"));
        Assert.Equal("role: seller → leader", Assert.Single(Preview(preview, "To update"), r => r["Email"].Text() == "gia@example.com")["Changes"].Text());
        Assert.Contains("Ivo Šimić", Preview(preview, "To add").Select(r => r["Name"].Text()));
        Assert.Contains("Columns ignored: Phone.", Text(preview));
        Assert.Equal(2, PeopleOf(org).Count); // a preview changes nothing

        var confirm = await owner.PostForm("/people/import?handler=Confirm", Html.Antiforgery(preview), [new("CsvText", CarriedText(preview)), new("FileName", "team.csv")]);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Contains("Import done: 3 added, 1 updated, 1 unchanged.", await owner.GetPage("/people"));

        var people = PeopleOf(org).ToDictionary(p => p.Email);
        Assert.Equal(5, people.Count);
        Assert.Equal(("Ana Lima", PersonRole.Seller, "EMEA"), (people["ana@example.com"].Name, people["ana@example.com"].Role, people["ana@example.com"].Team));
        Assert.Equal(("Ivo Šimić", PersonRole.OpsEnablement, ""), (people["ivo@example.com"].Name, people["ivo@example.com"].Role, people["ivo@example.com"].Team));
        Assert.Equal(("Joy; the closer", PersonRole.OpsEnablement, "Partners"), (people["joy@example.com"].Name, people["joy@example.com"].Role, people["joy@example.com"].Team));
        Assert.Equal(PersonRole.Leader, people["gia@example.com"].Role);
        var audit = app.Service(db => db.AuditEntries.Single(a => a.OrganizationId == org && a.Action == "people imported").Detail);
        Assert.Equal("3 added, 1 updated, 1 unchanged, from team.csv", audit);
    }

    [Fact]
    public async Task ATabSeparatedFileWorksAndAFileWithoutTheColumnsIsRefusedAtTheHeader()
    {
        var (owner, org) = await NewOrganization();
        var tabs = await Upload(owner, "name\temail\trole\nKim Lee\tkim@example.com\tops\n");
        Assert.Equal("1", Count(tabs, "to add"));

        var noHeader = await Upload(owner, "Kim Lee,kim@example.com,seller\n");
        Assert.Contains("Line 1: the header has no \"name\" column; the header has no \"email\" column; the header has no \"role\" column.", Text(noHeader));
        Assert.DoesNotContain("handler=Confirm", noHeader);

        var notUtf8 = await Upload(owner, [.. Encoding.ASCII.GetBytes("name,email,role\nJos"), 0xE9, .. Encoding.ASCII.GetBytes(",jose@example.com,seller\n")]);
        Assert.Contains("is not UTF-8 text", notUtf8);
        Assert.Empty(PeopleOf(org));
    }

    [Theory]
    [InlineData("utf-16LE")]
    [InlineData("utf-16BE")]
    public async Task AFileSavedAsUtf16WithAByteOrderMarkIsReadAsWritten(string encodingName)
    {
        var (owner, org) = await NewOrganization();
        var encoding = Encoding.GetEncoding(encodingName);

        var preview = await Upload(owner, [.. encoding.GetPreamble(), .. encoding.GetBytes("name\temail\trole\r\nIvo Šimić\tivo@example.com\tseller\r\n")]);

        Assert.Equal("1", Count(preview, "to add"));
        Assert.Contains("Ivo Šimić", Preview(preview, "To add").Select(r => r["Name"].Text()));
        var confirm = await owner.PostForm("/people/import?handler=Confirm", Html.Antiforgery(preview), [new("CsvText", CarriedText(preview)), new("FileName", "team.csv")]);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("Ivo Šimić", Assert.Single(PeopleOf(org)).Name);
    }

    [Fact]
    public async Task ASepFirstLineNamesTheDelimiterAndLinesAreCountedFromTheTopOfTheFile()
    {
        var (owner, org) = await NewOrganization();

        var preview = await Upload(owner, "sep=;\nname;email;role\nAna Lima;ana@example.com;seller\nBen Okafor;ben@example.com;pilot\n");

        Assert.Equal("1", Count(preview, "to add"));
        Assert.Contains("Line 4: unknown role \"pilot\"", Text(preview));
        Assert.DoesNotContain("handler=Confirm", preview);

        var clean = await Upload(owner, "sep=;\nname;email;role\nAna Lima;ana@example.com;seller\n");
        var confirm = await owner.PostForm("/people/import?handler=Confirm", Html.Antiforgery(clean), [new("CsvText", CarriedText(clean)), new("FileName", "team.csv")]);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("ana@example.com", Assert.Single(PeopleOf(org)).Email);
    }

    [GeneratedRegex("^Line \\d+: ")]
    private static partial Regex ProblemLine();
}
