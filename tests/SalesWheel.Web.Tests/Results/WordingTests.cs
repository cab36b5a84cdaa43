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

        Assert.Contains("company phase: GTM Fit; deal size: ACV over $50K", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("GtmFit", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("Over50K", audit, StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, Guid Organization)> SignUp(string name)
    {
        var organization = $"Wording {name} {Guid.NewGuid():N}";
        var client = app.Browser();
        await client.SignUp($"{Guid.NewGuid():N}@example.com", organization);
        return (client, app.Service(db => db.Organizations.Single(o => o.Name == organization).Id));
    }
}
