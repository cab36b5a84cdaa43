using System.Net;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Tests.Exports;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Results;

/// <summary>An organization's own attribute (Region) as a breakdown of results: the same hiding as role and team, on the page and in the files.</summary>
public sealed class AttributeBreakdownTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Owner, Guid OrganizationId, Guid Region)> OrganizationWithRegion(string name)
    {
        var (owner, org) = await app.NewOrganization(name);
        var added = await owner.PostForm("/settings/people", [new("AttributeName", "Region")], "/settings/people?handler=AddAttribute");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return (owner, org, app.Service(db => db.AttributeDefinitions.Single(a => a.OrganizationId == org).Id));
    }

    /// <summary>A closed assessment: per region, that many people invited (all sellers of East) who all answered.</summary>
    private Guid Seed(Guid organizationId, Guid region, params (string Region, int People)[] groups) =>
        Seed(organizationId, region, [.. groups.Select(g => ("East", g.Region, g.People))]);

    /// <summary>A closed assessment: per team and region, that many sellers invited who all answered.</summary>
    private Guid Seed(Guid organizationId, Guid region, (string Team, string Region, int People)[] cells) => app.Service(db =>
    {
        var assessment = new Assessment { OrganizationId = organizationId, Name = "By region", Status = AssessmentStatus.Closed, OpenedAt = DateTime.UtcNow.AddDays(-7), ClosedAt = DateTime.UtcNow };
        db.Assessments.Add(assessment);
        var value = 1;
        foreach (var (team, name, people) in cells)
        {
            var values = AttributeValues.Write([new(region, name)]);
            for (var i = 0; i < people; i++)
            {
                db.Invitations.Add(new Invitation
                {
                    AssessmentId = assessment.Id,
                    TokenHash = Tokens.Hash(Tokens.New()),
                    Role = "seller",
                    Team = team,
                    AttributesJson = values,
                    State = InvitationState.Submitted,
                });
                var response = ResultsKit.Answer("seller", team, value % 5 + 1);
                response.AssessmentId = assessment.Id;
                response.Attributes = values; // stored in the clear, as responses released before sealing read
                db.SurveyResponses.Add(response);
                value++;
            }
        }

        db.SaveChanges();
        return assessment.Id;
    });

    /// <summary>The heatmap's column headings under "By <paramref name="by"/>": group name → "n=6" or "hidden".</summary>
    private static Dictionary<string, string> Columns(string page, string by)
    {
        var table = Assert.Single(Html.Parse(page).Section("By " + by).SelectMany(e => e.QuerySelectorAll("table.heat")));
        return table.QuerySelectorAll("thead th").Skip(1).SkipLast(1)
            .ToDictionary(th => th.ChildNodes[0].TextContent.Trim(), th => th.QuerySelector("span")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnAttributeGroupBelowTheMinimumIsHiddenAndSoIsTheGroupThatWouldGiveItAway()
    {
        var (owner, org, region) = await OrganizationWithRegion("Regions");
        var id = Seed(org, region, ("North", 6), ("South", 7), ("West", 2));

        var columns = Columns(await owner.GetPage($"/assessments/{id}/results"), "Region");

        Assert.Equal("hidden", columns["West"]); // 2 < k = 5
        Assert.Equal("hidden", columns["North"]); // else 15 − North − South would be West's 2 (the smaller shown group goes)
        Assert.Equal("n=7", columns["South"]);
        // The attack: the total minus every shown group must not leave a block of 1 to k − 1 people.
        var shown = columns.Values.Where(v => v.StartsWith("n=", StringComparison.Ordinal)).Sum(v => int.Parse(v[2..], System.Globalization.CultureInfo.InvariantCulture));
        var hiddenBlock = 15 - shown;
        Assert.False(hiddenBlock is > 0 and < 5, $"the hidden block holds {hiddenBlock} people");
    }

    [Fact]
    public async Task NoSignedCombinationOfTheTeamAndRegionGroupsShownIsolatesFewerThanTheMinimum()
    {
        // East = 5 North + 1 South; West = 6 South. Each group alone has 5 or more, but East − North is one person.
        var (owner, org, region) = await OrganizationWithRegion("Across breakdowns");
        (string Team, string Region, int People)[] cells = [("East", "North", 5), ("East", "South", 1), ("West", "South", 6)];
        var id = Seed(org, region, cells);

        var page = await owner.GetPage($"/assessments/{id}/results");
        var published = new List<int[]> { cells.Select(_ => 1).ToArray() }; // the total: which cells each published number sums
        foreach (var (by, pick) in new (string, Func<(string Team, string Region, int People), string>)[] { ("team", c => c.Team), ("Region", c => c.Region) })
        {
            foreach (var group in Columns(page, by).Where(c => c.Value != "hidden").Select(c => c.Key))
            {
                published.Add([.. cells.Select(c => pick(c) == group ? 1 : 0)]);
            }
        }

        // The attacker: every sum of published sets with signs −1, 0, +1 that is itself a set of cells.
        foreach (var signs in Signs(published.Count))
        {
            var sum = cells.Select((_, c) => published.Select((set, p) => signs[p] * set[c]).Sum()).ToArray();
            if (sum.All(x => x is 0 or 1) && sum.Any(x => x == 1))
            {
                var people = cells.Where((_, c) => sum[c] == 1).Sum(c => c.People);
                Assert.False(people < 5, $"published groups combine to {people} people ({string.Join(", ", cells.Where((_, c) => sum[c] == 1))})");
            }
        }

        static IEnumerable<int[]> Signs(int count) => count == 0
            ? [Array.Empty<int>()]
            : Signs(count - 1).SelectMany(rest => new[] { -1, 0, 1 }.Select(sign => rest.Append(sign).ToArray()));
    }

    [Fact]
    public async Task TheWorkbookAndTheAnswersFileCarryTheAttributeBreakdownWithTheSameHiding()
    {
        var (owner, org, region) = await OrganizationWithRegion("Region files");
        var id = Seed(org, region, ("North", 6), ("South", 7), ("West", 2));

        var book = Workbook.Read(await (await owner.GetAsync($"/assessments/{id}/results/results.xlsx")).Content.ReadAsByteArrayAsync());
        var answers = await (await owner.GetAsync($"/assessments/{id}/results/answers.csv")).Content.ReadAsStringAsync();

        foreach (var hidden in new[] { "West", "North" })
        {
            var row = book.Row("Breakdowns", "Region", hidden);
            Assert.Null(row[2]); // no size in the n column
            Assert.Equal("hidden to protect anonymity", row[^1]);
        }

        Assert.Equal(7.0, book.Row("Breakdowns", "Region", "South")[2]);
        Assert.Contains("Region", answers.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("West", answers, StringComparison.Ordinal); // two people: never a value of their own in the rows
    }

    [Fact]
    public async Task WithoutAttributesResultsBreakDownByRoleAndTeamOnly()
    {
        var (owner, org) = await app.NewOrganization("No attributes");
        var id = app.SeedClosedAssessment(org, "Plain", 6, [.. Enumerable.Range(0, 6).Select(i => ResultsKit.Answer("seller", "East", i % 5 + 1))]);

        var headings = Html.Parse(await owner.GetPage($"/assessments/{id}/results")).Texts("h3").Where(h => h.StartsWith("By ", StringComparison.Ordinal));

        Assert.Equal(["By role", "By team"], headings);
    }

    [Fact]
    public async Task AnotherOrganizationsAttributeIsNotFound()
    {
        var (owner, _) = await app.NewOrganization("Mine");
        var (_, _, theirs) = await OrganizationWithRegion("Theirs");

        await owner.GetPage($"/settings/people/attributes/{theirs}/remove", HttpStatusCode.NotFound);
        var token = Html.Antiforgery(await owner.GetPage("/settings/people"));
        var remove = await owner.PostForm($"/settings/people/attributes/{theirs}/remove", token, []);
        var rename = await owner.PostForm($"/settings/people?handler=RenameAttribute&id={theirs}", token, [new("AttributeName", "Mine now")]);

        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
        Assert.Equal("Region", app.Service(db => db.AttributeDefinitions.Single(a => a.Id == theirs).Name));
    }

    [Fact]
    public async Task APersonsAttributeValueIsKeptFromTheFormAndTheImportAndShownOnTheList()
    {
        var (owner, org, region) = await OrganizationWithRegion("Values");

        await owner.PostForm("/people/add", [new("Form.Name", "Ana"), new("Form.Email", "ana@example.com"), new("Form.Role", "seller"), new($"Form.Attributes[{region}]", " North ")]);
        var token = Html.Antiforgery(await owner.GetPage("/people/import"));
        var imported = await owner.PostForm("/people/import?handler=Confirm", token, [new("CsvText", "name,email,role,REGION\nBen,ben@example.com,manager,South\nAna,ana@example.com,seller,West\n"), new("FileName", "hr.csv")]);

        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var values = app.Service(db => db.People.Where(p => p.OrganizationId == org).ToDictionary(p => p.Email, p => AttributeValues.Of(p.AttributesJson, region)));
        Assert.Equal("South", values["ben@example.com"]);
        Assert.Equal("West", values["ana@example.com"]);
        var list = Html.Parse(await owner.GetPage("/people")).QuerySelector("table:not(.compact)")!;
        Assert.Contains("Region", list.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
    }
}
