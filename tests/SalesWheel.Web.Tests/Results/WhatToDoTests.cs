using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Results;

/// <summary>What to do under each top priority, ties as ties, and why the lowest score is not first: on the results page, the quick check result and in the API.</summary>
public sealed class WhatToDoTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string CoachingReason = "Sales Management and Coaching is Enablement's lowest facet at 0.0.";

    [Fact]
    public async Task EachTopPriorityShowsItsActionsWithReasonsTiesShareARankAndTheLowestScoreSaysWhyItIsNotFirst()
    {
        var (client, id) = await SeededAssessment("page");

        var page = Html.Parse(await client.GetPage($"/assessments/{id}/results"));

        var fixFirst = page.Section("Fix first");
        Assert.Contains(
            "Structure is your lowest score but ranks 2nd: for a GTM Fit company selling $15K–$50K deals its relevance is medium.",
            fixFirst.Where(e => e.Matches("p.priority-why")).Select(e => e.Text()));
        var top = fixFirst.Single(e => e.Matches("ol.priorities"));
        var priorities = top.Children.Where(e => e.Matches("li.priority")).ToList();
        // Strategy, Talent Management and Capabilities tie at the third place: all three shown, with the same number.
        Assert.Equal(
            [("enablement", "1"), ("structure", "2"), ("strategy", "3"), ("talent-management", "3"), ("capabilities", "3")],
            priorities.Select(p => (p.GetAttribute("data-driver"), p.GetAttribute("value"))));
        Assert.All(priorities.Skip(2), p => Assert.Contains("(tied: joint 3rd)", p.Text()));

        var enablement = priorities[0];
        var actions = enablement.QuerySelectorAll("li.action").ToList();
        Assert.Equal(3, actions.Count);
        Assert.Equal(["enablement.coaching.recorded-call-comments", "enablement.coaching.deal-strategy-sessions"], actions.Take(2).Select(a => a.GetAttribute("data-action-id")));
        Assert.Equal("Why this one: " + CoachingReason, actions[0].One(".action-reason").Text());
        Assert.Matches("^Owner: .+ · effort: (days|weeks|a quarter)$", actions[0].One(".action-meta").Text());
        Assert.False(string.IsNullOrWhiteSpace(actions[0].One(".action-what").Text()));
        Assert.Contains("joint second-lowest facet at 50.0.", actions[2].One(".action-reason").Text());
        Assert.All(priorities.Skip(1), p => Assert.All(p.QuerySelectorAll("li.action"), a => Assert.StartsWith(p.GetAttribute("data-driver") + ".", a.GetAttribute("data-action-id"), StringComparison.Ordinal)));
        Assert.All(priorities, p => Assert.InRange(p.QuerySelectorAll("li.action").Length, 2, 3));

        // The figure: a bar (against the highest priority) and the number in words.
        var meter = enablement.One("meter");
        Assert.Equal(meter.GetAttribute("max"), meter.GetAttribute("value"));
        Assert.NotNull(meter.GetAttribute("aria-label"));
        Assert.Matches(@"Priority \d+\.\d: a score 6\d\.\d points below 100, counted 1\.67 times because this driver matters more than average", enablement.One(".priority-figure").Text());
        Assert.True(double.Parse(priorities[1].One("meter").GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture)
            < double.Parse(meter.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture));

        // The full list repeats the ranks without the actions.
        var all = page.One("details.all-priorities");
        Assert.Empty(all.QuerySelectorAll("li.action"));
        Assert.Equal(8, all.QuerySelectorAll("li.priority").Length);
    }

    [Fact]
    public async Task AnAdminAddsAnAdvisedActionToThePlanInOneClickAndAViewerIsNotOffered()
    {
        var (owner, id) = await SeededAssessment("plan");
        var organization = app.Assessment(id).OrganizationId;

        var page = Html.Parse(await owner.GetPage($"/assessments/{id}/results"));
        var first = page.Section("Fix first").Single(e => e.Matches("ol.priorities")).QuerySelectorAll("li.action")[0];
        var link = first.One("a.add-to-plan").GetAttribute("href")!;
        Assert.Equal($"/plan/new?driver=enablement&facet=coaching&action={first.GetAttribute("data-action-id")}&assessment={id}", link);

        var form = Html.Parse(await owner.GetPage(link));
        Assert.Equal(first.One(".action-title").Text(), Plan.PlanKit.Typed(form, "Form.Title"));
        Assert.Equal(("enablement", "coaching", id.ToString()),
            (Plan.PlanKit.Typed(form, "Form.Driver"), Plan.PlanKit.Typed(form, "Form.Facet"), Plan.PlanKit.Typed(form, "Form.Assessment")));

        var viewer = await app.NewViewer(organization);
        var seenByViewer = Html.Parse(await viewer.GetPage($"/assessments/{id}/results"));
        Assert.NotEmpty(seenByViewer.QuerySelectorAll("li.action"));
        Assert.Empty(seenByViewer.QuerySelectorAll("a.add-to-plan"));
    }

    [Fact]
    public async Task TheApiGivesEachTopPriorityItsActionsAndNoneToTheOthers()
    {
        var (client, id) = await SeededAssessment("api");
        var api = app.Api(await client.MakeToken("advice", "Viewer"));

        var results = await api.Get($"/api/v1/assessments/{id}/results");

        var priorities = results["report"]!["priorities"]!.AsArray();
        var actions = priorities.ToDictionary(p => p!["dimension"].Text(), p => p!["actions"]!.AsArray());
        Assert.Equal("enablement", priorities[0]!["dimension"].Text());
        var first = actions["enablement"][0]!;
        Assert.Equal("enablement.coaching.recorded-call-comments", first["id"].Text());
        Assert.Equal(CoachingReason, first["reason"].Text());
        Assert.False(string.IsNullOrWhiteSpace(first["whatToDo"].Text()));
        Assert.False(string.IsNullOrWhiteSpace(first["owner"].Text()));
        Assert.Contains(first["effort"].Text(), new[] { "days", "weeks", "quarter" });
        Assert.NotEmpty(actions["capabilities"]); // tied third, fifth in the engine's list
        Assert.Empty(actions["operations"]);
    }

    [Fact]
    public async Task TheQuickCheckResultShowsWhatToDoUnderItsTopPriority()
    {
        var answers = BuiltInInstrument.Quick.Items
            .Select(i => new KeyValuePair<string, string>($"Answers[{i.Id}]", i.Id == "ENB1" ? "1" : "4"))
            .Append(new("Phase", "scale")).Append(new("Acv", "15k-50k")).ToList();
        var response = await app.Browser().PostForm("/quick", answers);

        var page = Html.Parse(await app.Browser().GetPage(response.Headers.Location!.ToString()));

        var enablement = page.One("ol.priorities > li.priority[data-driver='enablement']");
        Assert.Equal("1", enablement.GetAttribute("value"));
        var actions = enablement.QuerySelectorAll("li.action[data-action-id^='enablement.']");
        Assert.InRange(actions.Length, 2, 3);
        Assert.All(actions, a => Assert.Matches(@"^Why this one: .+ is Enablement's .*facet", a.One(".action-reason").Text()));
    }

    /// <summary>
    /// Five people with the same answers, at GTM Fit and $15K–$50K: Enablement 0 on coaching and 50 on its other facets
    /// (first), Structure 25 (the lowest score, but 2nd), Strategy, Talent Management and Capabilities 75 (tied 3rd),
    /// the rest 100.
    /// </summary>
    private async Task<(HttpClient Client, Guid Assessment)> SeededAssessment(string name)
    {
        var organizationName = $"Advice {name} {Guid.NewGuid():N}";
        var client = app.Browser();
        await client.SignUp($"{Guid.NewGuid():N}@example.com", organizationName);
        var organization = app.Service(db => db.Organizations.Single(o => o.Name == organizationName).Id);
        app.Service(db => db.Organizations.Where(o => o.Id == organization)
            .ExecuteUpdate(s => s.SetProperty(o => o.Phase, CompanyPhase.GtmFit).SetProperty(o => o.Acv, AcvBand.From15KTo50K)));
        var id = app.SeedClosedAssessment(organization, "Q3 team assessment", 5, [.. Enumerable.Range(0, 5).Select(_ => Response())]);
        return (client, id);
    }

    private static SurveyResponse Response()
    {
        var instrument = BuiltInInstrument.Full;
        var scale = instrument.Scale;
        var values = instrument.Dimensions
            .SelectMany(d => d.Facets.SelectMany(f => f.Items.Select(i => (Item: i, Value: (d.Id, f.Id) switch
            {
                ("enablement", "coaching") => 1,
                ("enablement", _) => 3,
                ("structure", _) => 2,
                ("strategy" or "talent-management" or "capabilities", _) => 4,
                _ => 5,
            }))))
            .ToDictionary(x => x.Item.Id, x => x.Value);
        return new SurveyResponse
        {
            Role = "seller",
            Team = "East",
            SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow),
            // As ResultsKit.Answer stores them: in instrument order, reversed statements recoded back.
            Answers = [.. instrument.Items.Select(i => (byte)((i.Reverse ? scale.Min + scale.Max - values[i.Id] : values[i.Id]) - scale.Min + 1))],
        };
    }
}
