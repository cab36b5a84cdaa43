using Microsoft.EntityFrameworkCore;
using static SalesWheel.Web.Tests.Results.ResultsKit;

namespace SalesWheel.Web.Tests.Results;

/// <summary>What the pages say about results and their history reads true and the same everywhere (issue 11, deliverable 9).</summary>
public sealed class WordingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheOutcomesRowReadsOutcomesNotOutcomesOutcome()
    {
        var (client, organization) = await SignUp("outcomes");
        var id = app.SeedClosedAssessment(organization, "Outcomes wording", 6, [.. Enumerable.Range(0, 6).Select(i => Answer("seller", "East", 2 + (i % 3)))]);

        var page = Html.Parse(await client.GetPage($"/assessments/{id}/results"));

        var rows = page.Texts("th[scope=row]");
        Assert.Contains("Outcomes", rows);
        Assert.DoesNotContain(rows, r => r.Contains("(outcome)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AClosedAssessmentWithoutACloseDateSaysWhenItClosedNotThatItStaysOpen()
    {
        var (client, organization) = await SignUp("closed");
        var id = app.SeedClosedAssessment(organization, "Closed by hand", 6, [.. Enumerable.Range(0, 6).Select(_ => Answer("seller", "East", 4))]);

        var page = Html.Parse(await client.GetPage($"/assessments/{id}"));

        var terms = page.Texts("dl.facts dt");
        Assert.Contains("Closed", terms);
        Assert.DoesNotContain("Close date", terms);
        Assert.DoesNotContain("stays open", page.DocumentElement.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditLogSaysTheQuickChecksPhaseAndDealSizeInWordsNotCodeNames()
    {
        var visitor = app.Browser();
        var answers = Core.Instruments.BuiltInInstrument.Quick.Items
            .Select(i => new KeyValuePair<string, string>($"Answers[{i.Id}]", "4"))
            .Append(new("Phase", "gtm-fit")).Append(new("Acv", "gt50k")).ToList();
        var posted = await visitor.PostForm("/quick", answers);
        var token = posted.Headers.Location!.ToString()["/q/".Length..];
        await visitor.SignUp($"{Guid.NewGuid():N}@example.com", $"Quick wording {Guid.NewGuid():N}", quick: token);

        var audit = Html.Parse(await visitor.GetPage("/settings/audit")).DocumentElement.Text();

        Assert.Contains("company phase GTM Fit, typical deal size ACV over $50K", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("GtmFit", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("Over50K", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenAssessmentsResultsPageSaysOnceThatResultsComeAtTheClose()
    {
        var (client, organization) = await SignUp("open");
        var id = app.SeedClosedAssessment(organization, "Still open", 8, [.. Enumerable.Range(0, 6).Select(i => Answer("seller", "East", 1 + (i % 5)))]);
        app.Service(db => db.Assessments.Where(a => a.Id == id)
            .ExecuteUpdate(s => s.SetProperty(a => a.Status, Data.Entities.AssessmentStatus.Open).SetProperty(a => a.ClosedAt, (DateTime?)null)));

        var text = Html.Parse(await client.GetPage($"/assessments/{id}/results")).DocumentElement.Text();

        Assert.Contains("Open: results appear once it closes.", text, StringComparison.Ordinal);
        Assert.Contains("Results appear when this assessment closes.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("update as answers arrive", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Needed before results show", text, StringComparison.Ordinal); // 6 answers of 5 needed, and still no results
    }

    [Fact]
    public async Task TheLandingPageSpeaksToAVisitorNotToADeveloper()
    {
        var page = Html.Parse(await app.Browser().GetPage("/"));
        var text = page.DocumentElement.Text();

        Assert.Contains("How it works", page.Texts("h2"));
        Assert.Empty(page.QuerySelectorAll("main code"));
        Assert.DoesNotContain("run.sh", text, StringComparison.Ordinal);
        Assert.DoesNotContain("repository", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("saleswheel demo", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheQuickCheckAsksTheLeaderAboutTheTeamNotAboutTheirOwnManager()
    {
        var page = Html.Parse(await app.Browser().GetPage("/quick"));
        var statements = page.Texts("fieldset.item legend");

        Assert.Equal(16, statements.Count);
        Assert.Contains("Each seller gets a one-to-one coaching session with their manager at least every two weeks.", statements);
        Assert.DoesNotContain(statements, s => s.Contains("my manager", StringComparison.Ordinal));
    }

    private async Task<(HttpClient Client, Guid Organization)> SignUp(string name)
    {
        var organization = $"Wording {name} {Guid.NewGuid():N}";
        var client = app.Browser();
        await client.SignUp($"{Guid.NewGuid():N}@example.com", organization);
        return (client, app.Service(db => db.Organizations.Single(o => o.Name == organization).Id));
    }
}
