using System.Net;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Results;

/// <summary>
/// An HR export with the organization's own titles goes through import (an unknown title mapped), people, a real
/// assessment (links, answers, sealing, close) and lands in results by role family and by the organization's attribute.
/// </summary>
public sealed class OwnRolesRolloutTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string HrExport()
    {
        var rows = new List<string> { "name,email,role,team,region" };
        rows.AddRange(Enumerable.Range(1, 6).Select(i => $"AE {i},ae{i}@example.com,Account Executive,EMEA,{(i <= 4 ? "North" : "South")}"));
        rows.AddRange(Enumerable.Range(1, 5).Select(i => $"SDR {i},sdr{i}@example.com,SDR,EMEA,{(i <= 2 ? "North" : "South")}"));
        return string.Join('\n', rows) + "\n";
    }

    private static Dictionary<string, string> Columns(string page, string by)
    {
        var table = Assert.Single(Html.Parse(page).Section("By " + by).SelectMany(e => e.QuerySelectorAll("table.heat")));
        return table.QuerySelectorAll("thead th").Skip(1).SkipLast(1)
            .ToDictionary(th => th.ChildNodes[0].TextContent.Trim(), th => th.QuerySelector("span")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnHrExportWithOwnTitlesEndsInResultsByRoleFamilyAndByRegion()
    {
        var (owner, org) = await app.NewOrganization("Rollout Co");
        await owner.PostForm("/settings/people", [new("RoleName", "AE"), new("RoleFamily", "Seller")], "/settings/people?handler=AddRole");
        await owner.PostForm("/settings/people", [new("RoleName", "SDR"), new("RoleFamily", "Seller")], "/settings/people?handler=AddRole");
        await owner.PostForm("/settings/people", [new("AttributeName", "Region")], "/settings/people?handler=AddAttribute");
        var token = Html.Antiforgery(await owner.GetPage("/people/import"));
        var imported = await owner.PostForm("/people/import?handler=Confirm", token,
            [new("CsvText", HrExport()), new("FileName", "hr-export.csv"), new("MapFrom", "Account Executive"), new("MapTo", "AE")]);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);

        var id = await owner.CreateAssessment("Q3 pulse", instrument: "quick");
        var tokens = AssessmentKit.TokensIn(await owner.ActAndRead(id, "Open"));
        Assert.Equal(11, tokens.Count);
        var plan = SurveyPlan.For(app.Assessment(id));
        foreach (var link in tokens)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(link, plan, i => (i % 5 + 1).ToString())).StatusCode);
        }

        await app.CloseAndReleaseAsync(id);

        var page = await owner.GetPage($"/assessments/{id}/results");
        Assert.Equal(new Dictionary<string, string> { ["seller"] = "n=11" }, Columns(page, "role")); // by family: no "AE" or "SDR" group
        Assert.Equal(new Dictionary<string, string> { ["North"] = "n=6", ["South"] = "n=5" }, Columns(page, "Region"));
        // The values rode sealed from the invitation to the response: nothing in the clear, all of one length.
        var stored = app.Service(db => db.SurveyResponses.Where(r => r.AssessmentId == id).Select(r => r.Attributes).ToList());
        Assert.Equal(11, stored.Count);
        Assert.All(stored, s => Assert.StartsWith("\u0001", s, StringComparison.Ordinal));
        Assert.Single(stored.Select(s => s.Length).Distinct());
        Assert.DoesNotContain(stored, s => s.Contains("North", StringComparison.Ordinal));
    }
}
