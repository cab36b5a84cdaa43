using System.Net;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Api;

/// <summary>The results page's anonymity rules, checked through the API.</summary>
public sealed class ApiAnonymityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ResultsShowNoSmallGroupNoPersonAndNothingButParticipationUnderTheMinimumGroupSize()
    {
        // Five sellers in East, one manager in West; the minimum group size is 5.
        var (browser, organizationId) = await app.NewOrganization("Small Team Co");
        var people = app.AddPeople(organizationId, "East", PersonRole.Seller, 5).Concat(app.AddPeople(organizationId, "West", PersonRole.Manager, 1)).ToList();
        var api = app.Api(await browser.MakeToken("reader"));
        var id = (await api.Post("/api/v1/assessments", new { name = "Pulse", instrument = "quick" }, HttpStatusCode.Created)).Id();
        var links = (await api.Post($"/api/v1/assessments/{id}/open"))["links"]!.AsArray()
            .ToDictionary(l => l!["email"].Text(), l => AssessmentKit.TokensIn(l!["link"].Text()).Single());
        var plan = SurveyPlan.For(app.Assessment(id));
        async Task Answer(Person person) =>
            Assert.Equal(HttpStatusCode.Redirect, (await app.Browser().TakeSurvey(links[person.Email], plan, i => (i % 5 + 1).ToString(), "Our CRM is a mess, says " + person.Name)).StatusCode);

        // Four answers, still open: participation only.
        foreach (var person in people.Take(4))
        {
            await Answer(person);
        }

        var results = await api.Get($"/api/v1/assessments/{id}/results");
        Assert.False(results["visible"]!.GetValue<bool>());
        Assert.Null(results["report"]);
        Assert.Equal(4, results["responses"]!.GetValue<int>());
        Assert.Equal(6, results["invitations"]!.GetValue<int>());
        var refused = await ApiKit.AssertProblem(await api.GetAsync($"/api/v1/assessments/{id}/exports/svg"), HttpStatusCode.Conflict);
        Assert.Contains("still open", refused["detail"].Text(), StringComparison.Ordinal);

        // Participation merges West (one person) with East, so neither can be told apart.
        var participation = await api.Get($"/api/v1/assessments/{id}/participation");
        var teams = participation["byTeam"]!.AsArray().Select(r => r!["label"].Text()).ToList();
        Assert.Equal(["Smaller groups combined"], teams);
        Assert.Equal(4, participation["byTeam"]![0]!["submitted"]!.GetValue<int>());

        // All six, still open: nothing yet, as each new result would show what the latest person answered.
        foreach (var person in people.Skip(4))
        {
            await Answer(person);
        }

        results = await api.Get($"/api/v1/assessments/{id}/results");
        Assert.False(results["visible"]!.GetValue<bool>());
        Assert.Null(results["report"]);

        // Closed: the result shows; the one West manager's group is hidden, and East with it (else West = total − East).
        await api.Post($"/api/v1/assessments/{id}/close");
        results = await api.Get($"/api/v1/assessments/{id}/results");
        Assert.True(results["visible"]!.GetValue<bool>());
        var report = results["report"]!;
        Assert.Equal(6, report["respondents"]!.GetValue<int>());
        foreach (var breakdown in report["breakdowns"]!.AsArray())
        {
            foreach (var group in breakdown!["groups"]!.AsArray())
            {
                Assert.True(group!["suppressed"]!.GetValue<bool>(), $"{breakdown["by"]} {group["value"]} is shown");
                Assert.Null(group["scores"]);
                Assert.Null(group["n"]);
            }

            Assert.All(breakdown["gaps"]!.AsObject(), gap => Assert.Null(gap.Value));
        }

        var text = results.Compact();
        foreach (var person in people)
        {
            Assert.DoesNotContain(person.Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(person.Email, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("CRM is a mess", text, StringComparison.Ordinal); // the comment (the playbook's actions speak of CRMs)
        Assert.DoesNotContain(links.Values.First(), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RaisingTheMinimumGroupSizeThroughTheApiAppliesToLaterAssessmentsAndLeavesAReleasedResultAsItWas()
    {
        var (browser, organizationId) = await app.NewOrganization("Raise K Co");
        var people = app.AddPeople(organizationId, "East", PersonRole.Seller, 5);
        var api = app.Api(await browser.MakeToken("admin"));
        var id = (await api.Post("/api/v1/assessments", new { name = "Pulse", instrument = "quick" }, HttpStatusCode.Created)).Id();
        var tokens = (await api.Post($"/api/v1/assessments/{id}/open"))["links"]!.AsArray().Select(l => AssessmentKit.TokensIn(l!["link"].Text()).Single()).ToList();
        var plan = SurveyPlan.For(app.Assessment(id));
        foreach (var token in tokens)
        {
            await app.Browser().TakeSurvey(token, plan, i => (i % 4 + 2).ToString());
        }

        await api.Post($"/api/v1/assessments/{id}/close");
        Assert.True((await api.Get($"/api/v1/assessments/{id}/results"))["visible"]!.GetValue<bool>());
        var before = (await api.Get($"/api/v1/assessments/{id}/results")).ToJsonString();
        await api.Put("/api/v1/organization", new { name = "Raise K Co", minimumGroupSize = 6 });

        // Released results never change with the setting: the two versions set side by side would give away the
        // people between the two sizes. The new size is for assessments opened from now on.
        Assert.Equal(before, (await api.Get($"/api/v1/assessments/{id}/results")).ToJsonString());
        var later = (await api.Post("/api/v1/assessments", new { name = "Later", instrument = "quick" }, HttpStatusCode.Created)).Id();
        await api.Post($"/api/v1/assessments/{later}/open");
        Assert.Equal(6, (await api.Get($"/api/v1/assessments/{later}/participation"))["minimumGroupSize"]!.GetValue<int>());
        Assert.Equal(5, people.Count);
    }
}
