using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Cli.Tests;

/// <summary>
/// The attack reported on the demo organization (`saleswheel demo`), repeated with a calculator on the numbers the
/// results page writes: the team breakdown hides the 2-person team Partners and, to protect it, Leadership; the role
/// breakdown showed "leader", who are exactly Leadership; so everyone − the shown teams − the leaders was Partners.
/// </summary>
public sealed class DemoAnonymityTests
{
    [Fact]
    public async Task TheDemoOrganizationsPartnersTeamCanNoLongerBeWorkedOutFromTheTeamsAndTheLeaders()
    {
        var folder = Cli.TempFolder();
        Assert.Equal(0, Cli.Run("demo", "--data", folder).ExitCode);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelSqlite(SqliteDatabase.ConnectionStringFor(Path.Combine(folder, "saleswheel.db")));
        await using var db = new AppDbContext(options.Options);
        var organization = await db.Organizations.SingleAsync();
        var closed = await db.Assessments.SingleAsync(a => a.OrganizationId == organization.Id && a.Name == "Q3 team assessment");
        // Roles and teams are stored sealed with the demo data folder's key; this test reads them as the app does.
        var seal = SubmissionSeal.FromConfiguredKeyOrFile(null, Path.Combine(folder, "keys", "submission.key"));
        var responses = await db.SurveyResponses.Where(r => r.AssessmentId == closed.Id).ToListAsync();
        foreach (var response in responses)
        {
            response.Role = seal.OpenAttribute(closed.Id, response.Role);
            response.Team = seal.OpenAttribute(closed.Id, response.Team);
        }

        var scoring = new AssessmentScoring(db, seal);
        var partners = responses.Where(r => r.Team == "Partners").ToList();
        Assert.Equal(2, partners.Count);
        Assert.All(responses, r => Assert.Equal(r.Role == "leader", r.Team == "Leadership")); // the leaders are exactly Leadership

        // What the page showed on SCORING.md's per-breakdown rules alone.
        var before = await scoring.ComputeAsync(closed, AssessmentScoring.OptionsFor(organization) with { SuppressAcrossBreakdowns = false });
        var teams = before.Breakdowns.Single(b => b.By == "team").Groups;
        var leaders = before.Breakdowns.Single(b => b.By == "role").Groups.Single(g => g.Value == "leader");
        Assert.True(teams.Single(g => g.Value == "Partners").Suppressed);
        Assert.True(teams.Single(g => g.Value == "Leadership").Suppressed);
        Assert.False(leaders.Suppressed);
        Assert.Equal(7, leaders.N);

        // Partners' own scores, to check the attack against.
        var set = await scoring.AnswersAsync(closed);
        var truth = ScoringEngine.Score(Only(set, "Partners"), new ScoringOptions());
        var drivers = before.Dimensions.Where(d => d.N == before.Respondents).ToList(); // everyone has a mean: n × score is the sum
        Assert.NotEmpty(drivers);
        foreach (var driver in drivers)
        {
            double Page(double? score) => Math.Round(score!.Value, 1); // as the page writes it
            var worked = (before.Respondents * Page(driver.Score))
                - teams.Where(g => !g.Suppressed).Sum(g => g.N!.Value * Page(g.Scores![driver.Id]))
                - (leaders.N!.Value * Page(leaders.Scores![driver.Id]));
            var rounding = 0.05 * (before.Respondents + teams.Where(g => !g.Suppressed).Sum(g => g.N!.Value) + leaders.N!.Value) / partners.Count;
            Assert.InRange(worked / partners.Count, truth.Dimensions.Single(d => d.Id == driver.Id).Score!.Value - rounding, truth.Dimensions.Single(d => d.Id == driver.Id).Score!.Value + rounding);
        }

        // What the web app, its API and its exports publish now: nothing below k can be worked out, this attack included.
        var after = await scoring.ResultAsync(closed, organization);
        Assert.True(after.Breakdowns.Single(b => b.By == "role").Groups.Single(g => g.Value == "leader").Suppressed);
        var cells = responses.Select(r => (r.Role, r.Team)).Distinct().Order().ToList();
        foreach (var driver in after.Dimensions)
        {
            var published = new List<PublishedSum> { new("everyone", Enumerable.Range(0, cells.Count).ToArray(), driver.N * (driver.Score ?? 0)) };
            foreach (var breakdown in after.Breakdowns)
            {
                published.AddRange(breakdown.Groups.Where(g => !g.Suppressed).Select(g => new PublishedSum($"{breakdown.By} {g.Value}",
                    Enumerable.Range(0, cells.Count).Where(c => (breakdown.By == "role" ? cells[c].Role : cells[c].Team) == g.Value).ToArray(),
                    g.N!.Value * (g.Scores![driver.Id] ?? 0))));
            }

            var sizes = cells.Select(c => responses.Count(r => (r.Role, r.Team) == c)).ToList();
            Assert.Empty(DifferencingAttack.Attack(sizes, published, after.Context.MinGroupSize).Select(r => $"{driver.Id}: {r.How}"));
        }
    }

    /// <summary>The respondents of one team.</summary>
    private static ResponseSet Only(ResponseSet set, string team)
    {
        var only = new ResponseSet(set.Instrument, ["role", "team"]);
        var teamColumn = set.Attributes.Single(a => a.Name == "team");
        for (var r = 0; r < set.Count; r++)
        {
            if (teamColumn.Values[teamColumn.Codes[r]] == team)
            {
                set.AnswerBytes.Slice(r * set.Items.Count, set.Items.Count).CopyTo(only.AddRow());
                only.Attributes[0].Append("x");
                only.Attributes[1].Append(team);
            }
        }

        return only;
    }
}
