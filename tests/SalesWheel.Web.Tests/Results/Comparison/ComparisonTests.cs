using System.Globalization;
using System.Net;
using SalesWheel.Web.Tests.Assessments;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Comparison;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Results;
using SalesWheel.Web.Tests.Api;
using static SalesWheel.Web.Tests.Results.ResultsKit;

namespace SalesWheel.Web.Tests.Results.Comparison;

public sealed class ComparisonTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Fact]
    public async Task ThePageAndTheApiShowTheEnginesComparisonOfTheSameAnswers()
    {
        var (owner, organization) = await app.NewOrganization("Two waves");
        var first = Wave(organization, "Spring", Now.AddDays(-60), 0, Spread(2, 3, "seller", "East", 8), Spread(3, 4, "manager", "West", 7));
        var second = Wave(organization, "Autumn", Now.AddDays(-1), 0, Spread(3, 5, "seller", "East", 9), Spread(2, 4, "manager", "West", 6));
        var expected = Reference(organization, first, second);
        Assert.Contains(expected.Dimensions, d => d.Change is not null and not 0);

        // Twice: the second time from the stored comparison.
        for (var time = 0; time < 2; time++)
        {
            var document = Html.Parse(await owner.GetPage($"/assessments/{second}/results"));
            Assert.Contains("Compared with Spring", document.QuerySelectorAll("h2").Select(h => h.Text()));
            var rows = document.Table("Change per driver since Spring").Rows().Where(r => r.Count > 2).ToList();
            Assert.Equal(expected.Dimensions.Count, rows.Count);
            foreach (var (d, row) in expected.Dimensions.Zip(rows))
            {
                Assert.Equal(ChangeFormat.Change(d.Change), row["Change"].Text());
                Assert.Equal(ReportFormatScore(d.Before.Score), row["Spring"].Text());
                Assert.Equal(ReportFormatScore(d.After.Score), row["This wave"].Text());
                Assert.Equal(d.Ci95 is { } ci ? $"{ReportFormatScore(ci.Low)}–{ReportFormatScore(ci.High)}" : "–", row["95% interval"].Text());
                Assert.Equal(d.BeyondNoise ? "changed beyond noise" : "within noise", row["Reading"].Text());
                Assert.Equal(d.Before.N.ToString(CultureInfo.InvariantCulture), row["n before"].Text());
                Assert.Equal(d.After.N.ToString(CultureInfo.InvariantCulture), row["n now"].Text());
            }

            var byTeam = document.Table("Change per driver by team since Spring").Rows();
            var east = expected.Breakdowns.Single(b => b.By == "team").Groups.Single(g => g.Value == "East").Changes!;
            foreach (var (d, row) in expected.Dimensions.Zip(byTeam))
            {
                Assert.StartsWith(ChangeFormat.Change(east[d.Id]?.Change), row["East"].Text());
            }

            var api = app.Api(await owner.MakeToken($"reader {time}", "Viewer"));
            var json = await api.Get($"/api/v1/assessments/{second}/comparison");
            Assert.Equal(first.ToString(), json["beforeAssessmentId"].Text());
            Assert.Equal(second.ToString(), json["afterAssessmentId"].Text());
            Assert.Equal(expected.Before.Respondents, json["before"]!["respondents"]!.GetValue<int>());
            Assert.Equal(expected.After.Respondents, json["after"]!["respondents"]!.GetValue<int>());
            var dimensions = json["dimensions"]!.AsArray();
            Assert.Equal(expected.Dimensions.Count, dimensions.Count);
            foreach (var (d, node) in expected.Dimensions.Zip(dimensions))
            {
                Assert.Equal(d.Id, node!["id"].Text());
                Assert.Equal(d.Change, node["change"]?.GetValue<double>());
                Assert.Equal(d.P, node["p"]?.GetValue<double>());
                Assert.Equal(d.Ci95?.Low, node["ci95"]?["low"]?.GetValue<double>());
                Assert.Equal(d.BeyondNoise, node["beyondNoise"]!.GetValue<bool>());
                Assert.Equal(d.Facets.Select(f => f.Change), node["facets"]!.AsArray().Select(f => f!["change"]?.GetValue<double>()));
            }

            var team = json["breakdowns"]!.AsArray().Single(b => b!["by"].Text() == "team")!["groups"]!.AsArray();
            var west = expected.Breakdowns.Single(b => b.By == "team").Groups.Single(g => g.Value == "West").Changes!;
            var westJson = team.Single(g => g!["value"].Text() == "West")!["changes"]!;
            Assert.All(expected.Dimensions, d => Assert.Equal(west[d.Id]?.Change, westJson[d.Id]?["change"]?.GetValue<double>()));
        }

        Assert.Equal(1, app.Service(db => db.ComparisonResults.Count(c => c.AfterAssessmentId == second)));
    }

    [Fact]
    public async Task ANewResponseOrAChangedMinimumGroupSizeIsNeverServedFromAnOldComparison()
    {
        var (owner, organization) = await app.NewOrganization("Fresh");
        var first = Wave(organization, "One", Now.AddDays(-30), 0, Spread(2, 3, "seller", "East", 8), Spread(2, 4, "seller", "West", 8));
        var second = Wave(organization, "Two", Now.AddDays(-2), 0, Spread(3, 4, "seller", "East", 8), Spread(3, 5, "seller", "West", 8));
        var api = app.Api(await owner.MakeToken("reader", "Viewer"));
        var before = (await api.Get($"/api/v1/assessments/{second}/comparison"))["after"]!["respondents"]!.GetValue<int>();

        app.Service(db =>
        {
            var response = Answer("seller", "East", 5);
            response.AssessmentId = second;
            db.SurveyResponses.Add(response);
            return db.SaveChanges();
        });
        var json = await api.Get($"/api/v1/assessments/{second}/comparison");
        Assert.Equal(before + 1, json["after"]!["respondents"]!.GetValue<int>());
        Assert.Equal(Reference(organization, first, second).Dimensions[0].Change, json["dimensions"]![0]!["change"]?.GetValue<double>());

        // Raising k above the East team's first-wave size hides it there: the stored comparison must not show it.
        app.Service(db =>
        {
            foreach (var a in db.Assessments.Where(a => a.OrganizationId == organization))
            {
                a.MinimumGroupSize = 9;
            }

            return db.SaveChanges();
        });
        var raised = await api.Get($"/api/v1/assessments/{second}/comparison");
        var east = raised["breakdowns"]!.AsArray().Single(b => b!["by"].Text() == "team")!["groups"]!.AsArray().Single(g => g!["value"].Text() == "East")!;
        Assert.Null(east["changes"]);
    }

    [Fact]
    public async Task ATeamHiddenInEitherWaveHasNoNumbersAnywhereInTheComparison()
    {
        var (owner, organization) = await app.NewOrganization("Attacker's view");
        // West is shown in the first wave (6 answers) and below k in the second (2); North only in the second, hidden
        // there by complementary suppression (the next smallest team) or the invitees check.
        var first = Wave(organization, "Before", Now.AddDays(-40), 0,
            Spread(2, 4, "seller", "East", 8), Spread(3, 4, "seller", "West", 6), Spread(2, 3, "manager", "South", 6));
        var second = Wave(organization, "After", Now.AddDays(-3), 0,
            Spread(3, 5, "seller", "East", 8), Spread(1, 2, "seller", "West", 2), Spread(2, 5, "manager", "South", 6), Spread(4, 5, "manager", "North", 5));
        Invite(first);
        Invite(second);
        var token = await owner.MakeToken("attacker", "Viewer");
        var api = app.Api(token);

        // What each wave's own results hide.
        var hidden = new HashSet<(string, string)>();
        foreach (var wave in new[] { first, second })
        {
            var results = await api.Get($"/api/v1/assessments/{wave}/results");
            foreach (var breakdown in results["report"]!["breakdowns"]!.AsArray())
            {
                foreach (var group in breakdown!["groups"]!.AsArray().Where(g => g!["scores"] is null))
                {
                    hidden.Add((breakdown["by"].Text(), group!["value"].Text()));
                }
            }
        }

        Assert.Contains(("team", "West"), hidden);
        var json = await api.Get($"/api/v1/assessments/{second}/comparison");
        var shownInComparison = new HashSet<(string, string)>();
        foreach (var breakdown in json["breakdowns"]!.AsArray())
        {
            foreach (var group in breakdown!["groups"]!.AsArray())
            {
                Assert.Null(group!["n"]);
                if (group["changes"] is not null)
                {
                    shownInComparison.Add((breakdown["by"].Text(), group["value"].Text()));
                }
            }
        }

        Assert.Contains(shownInComparison, g => g.Item1 == "team"); // some team is compared, so the check below can fail
        Assert.Empty(shownInComparison.Intersect(hidden));

        var document = Html.Parse(await owner.GetPage($"/assessments/{second}/results"));
        var byTeam = document.Table("Change per driver by team since Before");
        var columns = byTeam.Head!.Rows[^1].Cells.Select(c => c.Text()).ToList();
        Assert.DoesNotContain("West", columns);
        Assert.All(hidden.Where(h => h.Item1 == "team"), h => Assert.DoesNotContain(h.Item2, columns));
        var notInBoth = document.QuerySelectorAll("section.comparison p.not-in-both").Select(p => p.Text()).ToList();
        Assert.Contains(notInBoth, p => p.Contains("West", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherWaveCanBeChosenAndOnlyReleasedWavesOfTheSameInstrumentInTheOrganization()
    {
        var (owner, organization) = await app.NewOrganization("Choices");
        var (_, elsewhere) = await app.NewOrganization("Elsewhere");
        var q1 = Wave(organization, "Q1", Now.AddDays(-90), 0, Spread(1, 3, "seller", "East", 6));
        var q2 = Wave(organization, "Q2", Now.AddDays(-60), 0, Spread(2, 3, "seller", "East", 6));
        var q3 = Wave(organization, "Q3", Now.AddDays(-5), 0, Spread(3, 5, "seller", "East", 6));
        var foreign = Wave(elsewhere, "Their Q2", Now.AddDays(-50), 0, Spread(2, 3, "seller", "East", 6));
        var quick = Wave(organization, "Quick one", Now.AddDays(-40), 0, Spread(2, 3, "seller", "East", 6));
        var few = Wave(organization, "Too few", Now.AddDays(-30), 0, Spread(2, 3, "seller", "East", 2));
        app.Service(db =>
        {
            db.Assessments.Single(a => a.Id == quick).QuickForm = true;
            return db.SaveChanges();
        });
        var open = await owner.CreateAssessment("Still open");

        var page = Html.Parse(await owner.GetPage($"/assessments/{q3}/results"));
        Assert.Contains("Compared with Q2", page.QuerySelectorAll("h2").Select(h => h.Text()));
        var options = page.QuerySelectorAll("form select[name=with] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal([q1.ToString(), q2.ToString()], options);

        var chosen = Html.Parse(await owner.GetPage($"/assessments/{q3}/results?with={q1}"));
        Assert.Contains("Compared with Q1", chosen.QuerySelectorAll("h2").Select(h => h.Text()));
        var expected = Reference(organization, q1, q3);
        Assert.Equal(ChangeFormat.Change(expected.Dimensions[0].Change),
            chosen.Table("Change per driver since Q1").Rows()[0]["Change"].Text());

        var api = app.Api(await owner.MakeToken("reader", "Viewer"));
        Assert.Equal(q1.ToString(), (await api.Get($"/api/v1/assessments/{q3}/comparison?with={q1}"))["beforeAssessmentId"].Text());
        foreach (var bad in new[] { foreign, quick, few, open, Guid.NewGuid(), q3 })
        {
            await owner.GetPage($"/assessments/{q3}/results?with={bad}", HttpStatusCode.NotFound);
            await api.Get($"/api/v1/assessments/{q3}/comparison?with={bad}", HttpStatusCode.NotFound);
        }

        await api.Get($"/api/v1/assessments/{foreign}/comparison?with={q1}", HttpStatusCode.NotFound);
        await api.Get($"/api/v1/assessments/{open}/comparison?with={q1}", HttpStatusCode.NotFound);
        await api.Get($"/api/v1/assessments/{q1}/comparison", HttpStatusCode.NotFound); // the first wave has none before it
        Assert.Empty(Html.Parse(await owner.GetPage($"/assessments/{q1}/results")).QuerySelectorAll("section.comparison"));
        Assert.Empty(Html.Parse(await owner.GetPage($"/assessments/{few}/results")).QuerySelectorAll("section.comparison"));
    }

    [Fact]
    public async Task ViewersReadTheComparisonWithTheActionsDoneBetweenTheWaves()
    {
        var (owner, organization) = await app.NewOrganization("Plans");
        var first = Wave(organization, "January", Now.AddDays(-60), 0, Spread(2, 3, "seller", "East", 6));
        var second = Wave(organization, "June", Now.AddDays(-1), 0, Spread(3, 4, "seller", "East", 6));
        var driver = BuiltInInstrument.Full.Drivers.First().Id;
        app.Service(db =>
        {
            db.PlannedActions.AddRange(
                new PlannedAction { OrganizationId = organization, Title = "Weekly call reviews", Driver = driver, OwnerName = "Dana", Status = PlannedActionStatus.Done, DoneAt = Now.AddDays(-20) },
                new PlannedAction { OrganizationId = organization, Title = "Old onboarding fix", Driver = driver, OwnerName = "Eli", Status = PlannedActionStatus.Done, DoneAt = Now.AddDays(-90) },
                new PlannedAction { OrganizationId = organization, Title = "Still going", Driver = driver, Status = PlannedActionStatus.InProgress });
            return db.SaveChanges();
        });

        var viewer = await app.NewViewer(organization);
        var document = Html.Parse(await viewer.GetPage($"/assessments/{second}/results"));
        var row = document.Table("Change per driver since January").Rows().Single(r => r["Driver"].Text().StartsWith(BuiltInInstrument.Full.Drivers.First().Name, StringComparison.Ordinal));
        var done = row["Done between the waves"];
        Assert.Contains("Weekly call reviews", done.Text());
        Assert.Contains("Dana", done.Text());
        Assert.DoesNotContain("Old onboarding fix", done.Text());
        Assert.DoesNotContain("Still going", document.DocumentElement.Text());
        Assert.All(done.QuerySelectorAll("a"), a => Assert.StartsWith("/plan", a.GetAttribute("href"), StringComparison.Ordinal));

        var adminRow = Html.Parse(await owner.GetPage($"/assessments/{second}/results")).Table("Change per driver since January").Rows()
            .Single(r => r["Driver"].Text().StartsWith(BuiltInInstrument.Full.Drivers.First().Name, StringComparison.Ordinal));
        var link = adminRow["Done between the waves"].QuerySelector("a")!.GetAttribute("href")!;
        await owner.GetPage(link);
    }

    [Fact]
    public async Task APulseIsComparedOnItsDriversAndTheOthersSayTheyWereOnlyInOneWave()
    {
        var (owner, organization) = await app.NewOrganization("Pulse");
        var full = BuiltInInstrument.Full;
        var asked = full.Drivers.Take(2).ToList();
        var first = Wave(organization, "Full survey", Now.AddDays(-60), 0, Spread(2, 3, "seller", "East", 6));
        // The pulse's answers are its own statements only (the first two drivers' statements come first in the full instrument).
        var pulse = Wave(organization, "Pulse", Now.AddDays(-2), 0, Spread(3, 4, "seller", "East", 6));
        app.Service(db =>
        {
            db.Assessments.Single(a => a.Id == pulse).InstrumentJson = InstrumentFile.ToJson(
                full.Subset([.. asked.SelectMany(d => d.Items).Select(i => i.Id)], full.Id, "Pulse of two"));
            return db.SaveChanges();
        });

        var document = Html.Parse(await owner.GetPage($"/assessments/{pulse}/results"));
        var rows = document.Table("Change per driver since Full survey").Rows();
        var compared = rows.Where(r => r.Count > 2).Select(r => r["Driver"].Text()).ToList();
        Assert.Equal(asked.Select(d => d.Name), compared);
        var notAsked = full.Dimensions.Except(asked).First();
        var row = rows.Single(r => r["Driver"].Text() == notAsked.Name);
        Assert.Contains("Only in Full survey", row.Values.Last().Text());

        var json = await app.Api(await owner.MakeToken("reader", "Viewer")).Get($"/api/v1/assessments/{pulse}/comparison");
        Assert.Equal(asked.Select(d => d.Id), json["dimensions"]!.AsArray().Select(d => d!["id"].Text()));
        Assert.All(json["dimensions"]!.AsArray(), d => Assert.True(d!["change"]!.GetValue<double>() > 0));
    }

    private static string ReportFormatScore(double? score) => SalesWheel.Core.Reports.ReportFormat.Score(score);

    /// <summary><paramref name="count"/> answers of one role and team, alternating between two values (so scores have a spread).</summary>
    private static SurveyResponse[] Spread(int low, int high, string role, string team, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Answer(role, team, i % 2 == 0 ? low : high))];

    /// <summary>A closed wave of the full instrument, closed at <paramref name="closedAt"/>.</summary>
    private Guid Wave(Guid organization, string name, DateTime closedAt, int invitations, params SurveyResponse[][] answers)
    {
        var id = app.SeedClosedAssessment(organization, name, invitations, [.. answers.SelectMany(a => a)]);
        app.Service(db =>
        {
            var assessment = db.Assessments.Single(a => a.Id == id);
            assessment.ClosedAt = closedAt;
            assessment.CreatedAt = closedAt.AddDays(-14);
            return db.SaveChanges();
        });
        return id;
    }

    /// <summary>Invitations in the respondents' own roles and teams (one each, plus two who did not answer in East), as an org chart would give.</summary>
    private void Invite(Guid assessment) => app.Service(db =>
    {
        var cells = db.SurveyResponses.AsNoTracking().Where(r => r.AssessmentId == assessment).Select(r => new { r.Role, r.Team }).ToList();
        foreach (var (cell, i) in cells.Concat([new { Role = "seller", Team = "East" }, new { Role = "seller", Team = "East" }]).Select((c, i) => (c, i)))
        {
            db.Invitations.Add(new Invitation
            {
                AssessmentId = assessment,
                TokenHash = Data.Tokens.Hash(Data.Tokens.New()),
                Role = cell.Role,
                Team = cell.Team,
                State = i < cells.Count ? InvitationState.Submitted : InvitationState.Invited,
            });
        }

        return db.SaveChanges();
    });

    /// <summary>The same stored answers scored by the engine as the command line does (compare), with the app's options.</summary>
    private WaveComparison Reference(Guid organization, Guid before, Guid after) => app.Service(db =>
    {
        var org = db.Organizations.AsNoTracking().Single(o => o.Id == organization);
        var assessment = db.Assessments.AsNoTracking().Single(a => a.Id == after);
        ResponseSet Set(Guid id)
        {
            var set = new ResponseSet(BuiltInInstrument.Full, AssessmentScoring.Attributes);
            foreach (var response in db.SurveyResponses.AsNoTracking().Where(r => r.AssessmentId == id).ToList())
            {
                response.Answers.CopyTo(set.AddRow());
                set.Attributes[0].Append(response.Role);
                set.Attributes[1].Append(response.Team);
            }

            return set;
        }

        return WaveComparison.Between(Set(before), Set(after), AssessmentScoring.OptionsFor(org, assessment: assessment));
    });
}
