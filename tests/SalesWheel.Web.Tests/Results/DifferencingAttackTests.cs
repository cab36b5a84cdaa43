using System.Globalization;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.Results;

/// <summary>
/// An insider who knows the org chart (how many people share each role × team) attacks what the web app actually
/// publishes — the API's results and participation, the results page's heatmaps and the participation tables — with
/// an attacker written apart from the product (<see cref="DifferencingAttack"/>), and must recover no set of fewer
/// than k people: neither their scores nor how many of them answered.
/// </summary>
public sealed class DifferencingAttackTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Roles = ["leader", "manager", "ops", "seller"];
    private static readonly string[] Teams = ["Alpha", "Bravo", "Charlie", "Delta"];

    /// <summary>People of one role in one team: how many answered (with the value they gave every statement), began only, or were only invited.</summary>
    private sealed record Cell(string Role, string Team, int[] Answers, int StartedOnly, int InvitedOnly)
    {
        public int Invited => Answers.Length + StartedOnly + InvitedOnly;

        public int Started => Answers.Length + StartedOnly;
    }

    private sealed record Seeded(Guid Id, IReadOnlyList<Cell> Cells);

    private Seeded Seed(Guid organizationId, int k, IReadOnlyList<Cell> cells) => new(app.Service(db =>
    {
        // The minimum group size in force when the assessment ran.
        db.Organizations.Single(o => o.Id == organizationId).MinimumGroupSize = k;
        var assessment = new Assessment { OrganizationId = organizationId, Name = "Attacked", Status = AssessmentStatus.Closed, OpenedAt = DateTime.UtcNow.AddDays(-14), ClosedAt = DateTime.UtcNow };
        db.Assessments.Add(assessment);
        foreach (var cell in cells)
        {
            void Invite(int count, InvitationState state)
            {
                for (var i = 0; i < count; i++)
                {
                    db.Invitations.Add(new Invitation { AssessmentId = assessment.Id, TokenHash = Data.Tokens.Hash(Data.Tokens.New()), Role = cell.Role, Team = cell.Team, State = state });
                }
            }

            Invite(cell.Answers.Length, InvitationState.Submitted);
            Invite(cell.StartedOnly, InvitationState.Started);
            Invite(cell.InvitedOnly, InvitationState.Invited);
            foreach (var value in cell.Answers)
            {
                var response = ResultsKit.Answer(cell.Role, cell.Team, value);
                response.AssessmentId = assessment.Id;
                db.SurveyResponses.Add(response);
            }
        }

        db.SaveChanges();
        return assessment.Id;
    }), cells);

    /// <summary>Every statement answered with v: every driver's score is 100 (v − 1) / 4.</summary>
    private static double ScoreOf(int value) => 100.0 * (value - 1) / 4;

    /// <summary>One shown group as published: its breakdown, value, n and score per driver.</summary>
    private sealed record Shown(string By, string Value, int N, Dictionary<string, double> Scores);

    /// <summary>Attacks published group scores; the total is n × the overall score of each driver.</summary>
    private static List<string> AttackScores(string where, Seeded seeded, int k, int respondents, Dictionary<string, double> overall, IReadOnlyList<Shown> shown)
    {
        var cells = seeded.Cells.Where(c => c.Answers.Length > 0).ToList();
        string Of(Cell c, string by) => by == "role" ? c.Role : c.Team;
        var found = new List<string>();
        foreach (var (driver, score) in overall)
        {
            var published = new List<PublishedSum> { new("everyone", Enumerable.Range(0, cells.Count).ToArray(), respondents * score) };
            published.AddRange(shown.Select(g => new PublishedSum($"{g.By} {g.Value}",
                Enumerable.Range(0, cells.Count).Where(c => Of(cells[c], g.By) == g.Value).ToArray(), g.N * g.Scores[driver])));
            foreach (var r in DifferencingAttack.Attack(cells.Select(c => c.Answers.Length).ToList(), published, k))
            {
                var truth = r.Cells.Sum(c => cells[c].Answers.Sum(ScoreOf));
                found.Add($"{where}, {driver}: {string.Join(" + ", r.Cells.Select(c => $"{cells[c].Role} in {cells[c].Team}"))} ({r.People} people) = {r.How} = {r.Value:0.#} (truly {truth:0.#})");
            }
        }

        return found;
    }

    /// <summary>Attacks the results together with the anonymous answers file (role, team, then one column per statement).</summary>
    private static List<string> AttackWithAnswers(Seeded seeded, int k, int respondents, Dictionary<string, double> overall, IReadOnlyList<Shown> shown, string csv)
    {
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        var role = Array.IndexOf(lines[0], "role");
        var team = Array.IndexOf(lines[0], "team");
        Assert.True(role >= 0 && team >= 0, "the answers file has role and team columns");
        var rows = lines.Skip(1).Select(l => (Role: l[role], Team: l[team])).ToList();
        if (rows.Count == 0)
        {
            return []; // withheld beside these results (they could not be labelled without singling someone out): nothing to add up
        }

        Assert.Equal(respondents, rows.Count);

        // A row shows a role or team as it is, or "(other)" for every value the file does not show.
        var roles = rows.Select(r => r.Role).Where(v => v != "(other)").ToHashSet();
        var teams = rows.Select(r => r.Team).Where(v => v != "(other)").ToHashSet();
        var cells = seeded.Cells.Where(c => c.Answers.Length > 0).ToList();
        string Combination(Cell c) => $"{(roles.Contains(c.Role) ? c.Role : "(other)")} × {(teams.Contains(c.Team) ? c.Team : "(other)")}";
        Assert.All(rows.GroupBy(r => $"{r.Role} × {r.Team}"), g => Assert.Equal(cells.Where(c => Combination(c) == g.Key).Sum(c => c.Answers.Length), g.Count()));

        string Of(Cell c, string by) => by == "role" ? c.Role : c.Team;
        var (driver, score) = overall.First();
        var published = new List<PublishedSum> { new("everyone", Enumerable.Range(0, cells.Count).ToArray(), respondents * score) };
        published.AddRange(shown.Select(g => new PublishedSum($"{g.By} {g.Value}", Enumerable.Range(0, cells.Count).Where(c => Of(cells[c], g.By) == g.Value).ToArray(), g.N * g.Scores[driver])));
        published.AddRange(cells.Select(Combination).Distinct().Select(combination => new PublishedSum($"rows {combination}",
            Enumerable.Range(0, cells.Count).Where(c => Combination(cells[c]) == combination).ToArray(),
            cells.Where(c => Combination(c) == combination).Sum(c => c.Answers.Sum(ScoreOf)))));
        return DifferencingAttack.Attack(cells.Select(c => c.Answers.Length).ToList(), published, k)
            .Select(r => $"results and answers file, {driver}: {string.Join(" + ", r.Cells.Select(c => $"{cells[c].Role} in {cells[c].Team}"))} ({r.People} people) = {r.How}")
            .ToList();
    }

    /// <summary>One participation row as published: a team or role (or the merged row), with its counts.</summary>
    private sealed record Row(string Label, bool Merged, int Invited, int Started, int Submitted);

    /// <summary>Attacks the participation rows of both breakdowns together, for both secrets: who began and who submitted.</summary>
    private static List<string> AttackParticipation(string where, Seeded seeded, int k, Row everyone, IReadOnlyList<Row> byTeam, IReadOnlyList<Row> byRole)
    {
        var cells = seeded.Cells.Where(c => c.Invited > 0).ToList();
        var published = new List<(string Label, int[] Cells, Row Row)> { ("everyone", Enumerable.Range(0, cells.Count).ToArray(), everyone) };
        foreach (var (by, rows) in new[] { ("team", byTeam), ("role", byRole) })
        {
            string Of(Cell c) => by == "team" ? c.Team : c.Role;
            var listed = rows.Where(r => !r.Merged).Select(r => r.Label).ToHashSet(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                // The merged row holds every group not listed on its own.
                var members = Enumerable.Range(0, cells.Count).Where(c => row.Merged ? !listed.Contains(Of(cells[c])) : Of(cells[c]) == row.Label).ToArray();
                Assert.Equal(members.Sum(c => cells[c].Invited), row.Invited); // what the insider knows agrees with the page
                published.Add(($"{by} {row.Label}", members, row));
            }
        }

        var found = new List<string>();
        foreach (var (secret, value, truth) in new (string, Func<Row, int>, Func<Cell, int>)[] { ("submitted", r => r.Submitted, c => c.Answers.Length), ("started", r => r.Started, c => c.Started) })
        {
            var sums = published.Select(p => new PublishedSum(p.Label, p.Cells, value(p.Row))).ToList();
            foreach (var r in DifferencingAttack.Attack(cells.Select(c => c.Invited).ToList(), sums, k))
            {
                found.Add($"{where}, {secret}: {string.Join(" + ", r.Cells.Select(c => $"{cells[c].Role} in {cells[c].Team}"))} ({r.People} invited) = {r.How} = {r.Value:0} (truly {r.Cells.Sum(c => truth(cells[c]))})");
            }
        }

        return found;
    }

    /// <summary>Reads everything the web app publishes about an assessment and attacks it; returns what was recovered.</summary>
    private static async Task<List<string>> AttackEverything(HttpClient browser, HttpClient api, Seeded seeded)
    {
        var found = new List<string>();
        var results = await api.Get($"/api/v1/assessments/{seeded.Id}/results");
        var k = results["minimumGroupSize"]!.GetValue<int>();
        if (results["report"] is { } report)
        {
            var respondents = report["respondents"]!.GetValue<int>();
            var dimensions = report["dimensions"]!.AsArray().Select(d => d!).ToList();
            var overall = dimensions.ToDictionary(d => d["id"].Text(), d => d["score"]!.GetValue<double>());
            var shown = report["breakdowns"]!.AsArray().SelectMany(b => b!["groups"]!.AsArray()
                    .Where(g => !g!["suppressed"]!.GetValue<bool>())
                    .Select(g => new Shown(b["by"].Text(), g!["value"].Text(), g["n"]!.GetValue<int>(),
                        g["scores"]!.AsObject().ToDictionary(s => s.Key, s => s.Value!.GetValue<double>()))))
                .ToList();
            found.AddRange(AttackScores("API results", seeded, k, respondents, overall, shown));

            // The results page's heatmaps, as a person reads them (one decimal); the total from the drivers' scores.
            var page = await browser.GetPage($"/assessments/{seeded.Id}/results");
            var names = dimensions.ToDictionary(d => d["name"].Text(), d => d["id"].Text());
            var heatmaps = Heatmaps(page, names);
            Assert.Equal(shown.Select(g => (g.By, g.Value, g.N)).Order(), heatmaps.Select(g => (g.By, g.Value, g.N)).Order());
            found.AddRange(AttackScores("results page", seeded, k, respondents, overall.ToDictionary(p => p.Key, p => Math.Round(p.Value, 1)), heatmaps));

            // With the anonymous answers beside them: each combination of role and team the file's rows show is a sum too.
            found.AddRange(AttackWithAnswers(seeded, k, respondents, overall, shown, await (await api.GetAsync($"/api/v1/assessments/{seeded.Id}/exports/csv")).Content.ReadAsStringAsync()));
        }

        var participation = await api.Get($"/api/v1/assessments/{seeded.Id}/participation");
        Row ApiRow(JsonNode r) => new(r["label"].Text(), r["merged"]!.GetValue<bool>(), r["invited"]!.GetValue<int>(), r["started"]!.GetValue<int>(), r["submitted"]!.GetValue<int>());
        var everyone = ApiRow(participation["overall"]!);
        var pk = participation["minimumGroupSize"]!.GetValue<int>();
        found.AddRange(AttackParticipation("API participation", seeded, pk, everyone,
            participation["byTeam"]!.AsArray().Select(r => ApiRow(r!)).ToList(), participation["byRole"]!.AsArray().Select(r => ApiRow(r!)).ToList()));

        var detail = new HtmlParser().ParseDocument(await browser.GetPage($"/assessments/{seeded.Id}"));
        found.AddRange(AttackParticipation("participation page", seeded, pk, everyone, ParticipationTable(detail, "By team", everyone), ParticipationTable(detail, "By role", everyone)));

        return found;
    }

    /// <summary>The shown groups of the results page's heatmaps: breakdown, group name, n and the score per driver as written.</summary>
    private static List<Shown> Heatmaps(string html, Dictionary<string, string> driverIds)
    {
        var document = new HtmlParser().ParseDocument(html);
        var shown = new List<Shown>();
        foreach (var heading in document.QuerySelectorAll("h3").Where(h => h.TextContent.StartsWith("By ", StringComparison.Ordinal)))
        {
            if (heading.NextElementSibling?.QuerySelector("table.heat") is not { } table)
            {
                continue;
            }

            var by = heading.TextContent["By ".Length..].Trim();
            var columns = table.QuerySelectorAll("thead th").Skip(1).SkipLast(1).ToList();
            var rows = table.QuerySelectorAll("tbody tr").Select(tr => (Driver: driverIds[tr.QuerySelector("th")!.TextContent.Replace(" (outcome)", "", StringComparison.Ordinal)], Cells: tr.QuerySelectorAll("td").ToList())).ToList();
            for (var g = 0; g < columns.Count; g++)
            {
                var size = columns[g].QuerySelector("span")!.TextContent;
                if (size == "hidden")
                {
                    Assert.All(rows, r => Assert.Contains("hidden", r.Cells[g].ClassName, StringComparison.Ordinal));
                    continue;
                }

                var name = columns[g].ChildNodes.First(n => n.NodeType == NodeType.Text).TextContent;
                shown.Add(new Shown(by, name, int.Parse(size["n=".Length..], CultureInfo.InvariantCulture),
                    rows.ToDictionary(r => r.Driver, r => double.Parse(r.Cells[g].TextContent, CultureInfo.InvariantCulture))));
            }
        }

        return shown;
    }

    /// <summary>The rows of a participation table on the assessment page; none shown reads as one merged row of everyone.</summary>
    private static List<Row> ParticipationTable(IDocument page, string caption, Row everyone)
    {
        var table = page.QuerySelectorAll("table.participation-table").FirstOrDefault(t => t.QuerySelector("caption")?.TextContent == caption);
        if (table is null)
        {
            Assert.Contains(page.QuerySelectorAll("h3.participation-none"), h => h.TextContent == caption);
            return [everyone with { Label = Web.Features.Assessments.Participation.SmallerGroups, Merged = true }];
        }

        int Number(IElement td) => int.Parse(td.TextContent, CultureInfo.InvariantCulture);
        return table.QuerySelectorAll("tbody tr").Select(tr =>
        {
            var numbers = tr.QuerySelectorAll("td").ToList();
            return new Row(tr.QuerySelector("th")!.TextContent, tr.ClassList.Contains("merged"), Number(numbers[0]), Number(numbers[1]), Number(numbers[2]));
        }).ToList();
    }

    [Fact]
    public async Task TheDemoOrganizationsSmallTeamCannotBeWorkedOutFromTheHiddenTeamsMinusTheLeaders()
    {
        // The shape of the demo organization: Partners (2 sellers) is hidden, Leadership (7 leaders) with it, and the
        // role breakdown would show "leader" (7), who are exactly Leadership. On SCORING.md's per-breakdown rules alone,
        // everyone − the shown teams − the leaders is Partners, from the page's own numbers; and on the participation
        // page, the merged "smaller groups" row − the leader row says whether the one of two Partners answered.
        var (browser, organizationId) = await app.NewOrganization("Northwind Attack Co");
        var api = app.Api(await browser.MakeToken("attacker"));
        var seeded = Seed(organizationId, 5,
        [
            new("leader", "Leadership", [5, 5, 4, 5, 5, 4, 5], 0, 0),
            new("seller", "Partners", [1], 0, 1),
            new("seller", "Enterprise", [3, 3, 2, 4, 3, 3, 2, 3, 4, 3], 0, 0),
            new("seller", "SMB", [2, 2, 3, 2, 1, 2, 3, 2, 2], 0, 0),
            new("manager", "Enterprise", [4, 4, 3], 0, 0),
            new("manager", "SMB", [4, 3, 4], 0, 0),
        ]);

        Assert.Empty(await AttackEverything(browser, api, seeded));

        // The issue's two subtractions in particular cannot be made: the leaders are hidden on the page and merged on the participation page.
        var page = await browser.GetPage($"/assessments/{seeded.Id}/results");
        Assert.DoesNotContain(Heatmaps(page, BuiltInDrivers()), g => g.Value == "leader");
        var participation = await api.Get($"/api/v1/assessments/{seeded.Id}/participation");
        Assert.DoesNotContain(participation["byRole"]!.AsArray(), r => r!["label"].Text() == "leader");
        Assert.Contains(participation["byTeam"]!.AsArray(), r => r!["label"].Text() == "Enterprise");
    }

    private static Dictionary<string, string> BuiltInDrivers() => Core.Instruments.BuiltInInstrument.Full.Dimensions.ToDictionary(d => d.Name, d => d.Id);

    /// <summary>Random role × team organizations (people invited per cell; many cells empty, as in teams of one role); k from 3 to 5.</summary>
    public sealed record Case(int[][] Invited, int MinGroup, int Seed);

    private static Arbitrary<Case> Cases() =>
        (from roles in Gen.Choose(1, 4)
         from teams in Gen.Choose(1, 4)
         from invited in Gen.Elements(0, 0, 0, 0, 1, 2, 3, 5, 7).ArrayOf(teams).ArrayOf(roles)
         from k in Gen.Choose(3, 5)
         from seed in Gen.Choose(0, int.MaxValue)
         select new Case(invited, k, seed)).ToArbitrary();

    /// <summary>Of the people invited to each cell, about three in four answered (each with a value of their own), some of the rest began.</summary>
    private static List<Cell> CellsOf(Case c)
    {
        var random = new Random(c.Seed);
        var cells = new List<Cell>();
        for (var r = 0; r < c.Invited.Length; r++)
        {
            for (var t = 0; t < c.Invited[r].Length; t++)
            {
                var people = Enumerable.Range(0, c.Invited[r][t]).Select(_ => random.Next(8)).ToList();
                if (people.Count > 0)
                {
                    var answers = people.Where(p => p < 6).Select(_ => random.Next(1, 6)).ToArray();
                    cells.Add(new Cell(Roles[r], Teams[t], answers, people.Count(p => p == 6), people.Count(p => p == 7)));
                }
            }
        }

        return cells;
    }

    [Property(MaxTest = 60)]
    public Property NoSetOfFewerThanKPeopleCanBeWorkedOutFromWhatTheWebAppAndTheApiPublish()
    {
        var (browser, organizationId) = app.NewOrganization("Random Attack Co").GetAwaiter().GetResult();
        var api = app.Api(browser.MakeToken("attacker").GetAwaiter().GetResult());
        return Prop.ForAll(Cases(), c =>
        {
            var cells = CellsOf(c);
            if (cells.Count == 0)
            {
                return true.Label("no one invited");
            }

            var found = AttackEverything(browser, api, Seed(organizationId, c.MinGroup, cells)).GetAwaiter().GetResult();
            return (found.Count == 0).Label("recovered:\n" + string.Join("\n", found));
        });
    }
}
