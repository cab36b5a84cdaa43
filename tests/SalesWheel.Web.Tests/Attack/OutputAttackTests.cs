using System.Text.Json.Nodes;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Results;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Attack;

/// <summary>
/// A reviewer's attacks on what shared results publish, each with the arithmetic an insider would do by hand. Each test
/// fails while the attack recovers the answers of fewer than k people.
/// </summary>
public sealed class OutputAttackTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Every statement answered with v: every driver's score is 100 (v − 1) / 4.</summary>
    private static double ScoreOf(int value) => 100.0 * (value - 1) / 4;

    private Guid SeedClosed(Guid organizationId, int k, params (string Role, string Team, int[] Answers)[] cells) =>
        SeedClosed(organizationId, k, cells.Select(c => (c.Role, c.Team, c.Answers, 0)).ToArray());

    private Guid SeedClosed(Guid organizationId, int k, (string Role, string Team, int[] Answers, int NotAnswered)[] cells) => app.Service(db =>
    {
        db.Organizations.Single(o => o.Id == organizationId).MinimumGroupSize = k;
        var assessment = new Assessment
        {
            OrganizationId = organizationId,
            Name = "Closed wave",
            Status = AssessmentStatus.Closed,
            MinimumGroupSize = k,
            OpenedAt = DateTime.UtcNow.AddDays(-14),
            ClosedAt = DateTime.UtcNow,
        };
        db.Assessments.Add(assessment);
        foreach (var (role, team, answers, notAnswered) in cells)
        {
            for (var i = 0; i < notAnswered; i++)
            {
                db.Invitations.Add(new Invitation { AssessmentId = assessment.Id, TokenHash = Data.Tokens.Hash(Data.Tokens.New()), Role = role, Team = team, State = InvitationState.Invited });
            }

            foreach (var value in answers)
            {
                db.Invitations.Add(new Invitation { AssessmentId = assessment.Id, TokenHash = Data.Tokens.Hash(Data.Tokens.New()), Role = role, Team = team, State = InvitationState.Submitted });
                var response = ResultsKit.Answer(role, team, value);
                response.AssessmentId = assessment.Id;
                db.SurveyResponses.Add(response);
            }
        }

        db.SaveChanges();
        return assessment.Id;
    });

    /// <summary>Shown groups of the API's results: (by, value) → (n, strategy score).</summary>
    private static Dictionary<(string By, string Value), (int N, double Score)> Shown(JsonNode results) =>
        results["report"]!["breakdowns"]!.AsArray()
            .SelectMany(b => b!["groups"]!.AsArray().Where(g => !g!["suppressed"]!.GetValue<bool>() && g["scores"]!["strategy"] is not null)
                .Select(g => ((b["by"].Text(), g!["value"].Text()), (g["n"]!.GetValue<int>(), g["scores"]!["strategy"]!.GetValue<double>()))))
            .ToDictionary(p => p.Item1, p => p.Item2);

    [Fact]
    public async Task RaisingTheMinimumGroupSizeAfterCloseShowsNoGroupThatTheEarlierViewHidForGood()
    {
        // Org chart: 2 sellers in East, 8 sellers in West, 5 managers in East. At k = 5 the cross-breakdown step must
        // hide something (East − managers = the 2 East sellers). An admin then raises the setting to 6: had the
        // assessment been published again with other groups, the two views together would give the 2 East sellers away.
        var (owner, organizationId) = await app.NewOrganization("Raised K Co");
        var api = app.Api(await owner.MakeToken("raiser"));
        var id = SeedClosed(organizationId, 5,
            ("seller", "East", [1, 2]),
            ("seller", "West", [4, 4, 4, 4, 4, 4, 4, 4]),
            ("manager", "East", [5, 5, 5, 5, 5]));

        var atFive = await api.Get($"/api/v1/assessments/{id}/results");
        Assert.Equal(5, atFive["minimumGroupSize"]!.GetValue<int>());

        var settings = await api.Get("/api/v1/organization");
        await api.Put("/api/v1/organization", new { name = settings["name"].Text(), phase = (string?)null, acv = (string?)null, minimumGroupSize = 6 });
        var atSix = await api.Get($"/api/v1/assessments/{id}/results");
        // The assessment keeps the size it was published with: no second view to set against the first.
        Assert.Equal(5, atSix["minimumGroupSize"]!.GetValue<int>());
        Assert.Equal(atFive["report"]!.ToJsonString(), atSix["report"]!.ToJsonString());

        // Everything either view published, as one set of sums; try every pair of shown groups for a difference of
        // fewer than 5 people that the org chart pins down.
        var published = Shown(atFive).Concat(Shown(atSix)).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var members = new Dictionary<(string, string), HashSet<string>>
        {
            [("role", "seller")] = ["seller/East", "seller/West"],
            [("role", "manager")] = ["manager/East"],
            [("team", "East")] = ["seller/East", "manager/East"],
            [("team", "West")] = ["seller/West"],
        };
        var found = new List<string>();
        foreach (var (a, av) in published)
        {
            foreach (var (b, bv) in published)
            {
                if (members[b].IsProperSubsetOf(members[a]) && av.N - bv.N is > 0 and < 5)
                {
                    var recovered = ((av.N * av.Score) - (bv.N * bv.Score)) / (av.N - bv.N);
                    found.Add($"{a} (n={av.N}) − {b} (n={bv.N}) = {string.Join(" + ", members[a].Except(members[b]))}: mean strategy score {recovered:0.##} of {av.N - bv.N} people (truly {(ScoreOf(1) + ScoreOf(2)) / 2})");
                }
            }
        }

        Assert.True(found.Count == 0, "Views at k = 5 and k = 6 together give away:\n" + string.Join("\n", found)
            + $"\nshown at 5: {string.Join(", ", Shown(atFive).Keys)}; shown at 6: {string.Join(", ", Shown(atSix).Keys)}");
    }
    [Fact]
    public async Task MadeUpAnswersBehindTheOpenLinkDoNotRevealTheOnePersonOfASmallTeamUnseen()
    {
        // Org chart: East 5 sellers, West 5 managers, Partners 1 seller. Partners is not offered behind the open link
        // (fewer than k people), so its one person answers as team "(not given)". The admin, from four cookie-less
        // browsers (not signed in, so not counted as members' opens), adds four answers of their own to "(not given)":
        // that group now holds 5 and is shown; minus the admin's four known answers, it is the Partners person's.
        var (owner, organizationId) = await app.NewOrganization("Open Padding Co");
        app.AddPeople(organizationId, "East", PersonRole.Seller, 5);
        app.AddPeople(organizationId, "West", PersonRole.Manager, 5);
        app.AddPeople(organizationId, "Partners", PersonRole.Seller, 1);
        var id = await owner.CreateAssessment("Open pulse", instrument: "quick");
        var token = Assert.Single(AssessmentKit.OpenLinksIn(await owner.ActAndRead(id, "OpenWithLink")));
        var plan = SurveyPlan.For(app.Assessment(id));

        async Task Answer(string team, string role, string value)
        {
            var browser = app.Browser();
            var go = await browser.PostForm($"/o/{token}", [new("Team", team), new("Role", role)]);
            Assert.Equal(System.Net.HttpStatusCode.Redirect, (await browser.TakeSurvey(go.Headers.Location!.ToString()[3..25], plan, _ => value)).StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            await Answer("East", "seller", "4");
        }

        await Answer(OpenLinkModel.NotGiven, "seller", "2"); // the one Partners seller
        for (var i = 0; i < 4; i++)
        {
            await Answer(OpenLinkModel.NotGiven, OpenLinkModel.NotGiven, "5"); // the admin's padding
        }

        var detail = await owner.GetPage($"/assessments/{id}");
        var flagged = detail.Contains("More answers than people", StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await owner.Act(id, "Close")).StatusCode);

        var api = app.Api(await owner.MakeToken("padder"));
        var results = await api.Get($"/api/v1/assessments/{id}/results");
        var driver = results["report"]!["dimensions"]![0]!["id"].Text();
        var notGiven = results["report"]!["breakdowns"]!.AsArray().Single(b => b!["by"].Text() == "team")!["groups"]!.AsArray()
            .Single(g => g!["value"].Text() == "");
        var found = new List<string>();
        if (!notGiven!["suppressed"]!.GetValue<bool>())
        {
            var n = notGiven["n"]!.GetValue<int>();
            var recovered = (n * notGiven["scores"]![driver]!.GetValue<double>()) - (4 * ScoreOf(5));
            found.Add($"team (not given) shown with n={n}; minus the admin's 4 answers: {n - 4} person(s) with {driver} score {recovered / (n - 4):0.##} (truly {ScoreOf(2)})");
        }

        Assert.True(found.Count == 0 || flagged, "Padding behind the open link went unseen (no flag on the assessment page) and gave away:\n" + string.Join("\n", found));
    }
    [Fact]
    public async Task TheResultsGroupSizesDoNotTellWhetherASmallSetOfInviteesAnswered()
    {
        // Org chart: 2 sellers in East, 8 sellers in West, 5 managers in East, all invited. Both East sellers stay away.
        // The participation page hides this (East − managers = the 2 East sellers), but the results publish each shown
        // group's n, which is its number of answers: team East n − role manager n = how many of the 2 East sellers answered.
        var (owner, organizationId) = await app.NewOrganization("Who Answered Co");
        var api = app.Api(await owner.MakeToken("counter"));
        var id = SeedClosed(organizationId, 5,
        [
            ("seller", "East", [], 2),
            ("seller", "West", [4, 4, 4, 4, 4, 4, 4, 4], 0),
            ("manager", "East", [5, 5, 5, 5, 5], 0),
        ]);

        var participation = await api.Get($"/api/v1/assessments/{id}/participation");
        var results = await api.Get($"/api/v1/assessments/{id}/results");
        var shown = Shown(results);
        var found = new List<string>();
        if (shown.TryGetValue(("team", "East"), out var east) && shown.TryGetValue(("role", "manager"), out var managers))
        {
            found.Add($"results: team East n={east.N} − role manager n={managers.N} (all 5 managers are in East) = {east.N - managers.N} of the 2 East sellers answered");
        }

        if (shown.TryGetValue(("role", "seller"), out var sellers) && shown.TryGetValue(("team", "West"), out var west))
        {
            found.Add($"results: role seller n={sellers.N} − team West n={west.N} (all West are sellers) = {sellers.N - west.N} of the 2 East sellers answered");
        }

        Assert.True(found.Count == 0, "What the participation page hides (" + participation["byTeam"]!.ToJsonString() + "), the results' group sizes give away:\n" + string.Join("\n", found));
    }
    [Fact]
    public async Task AShownGroupsDriverScoreNeverRestsOnFewerThanKPeople()
    {
        // Two teams of 6 sellers. In West, five people choose "Don't know" for every Strategy statement, so West's
        // Strategy score is one person's. The API gives exact scores and the overall Strategy n (7): the only whole
        // numbers with e + w = 7 and e × East + w × West = 7 × overall say West's Strategy score is 1 person's.
        var (owner, organizationId) = await app.NewOrganization("Dont Know Co");
        var api = app.Api(await owner.MakeToken("solver"));
        var strategyItems = Core.Instruments.BuiltInInstrument.Full.Dimensions.Single(d => d.Id == "strategy").Facets.SelectMany(f => f.Items).Select(i => i.Id).ToHashSet();
        var indexes = Core.Instruments.BuiltInInstrument.Full.Items.Select((item, i) => (item, i)).Where(p => strategyItems.Contains(p.item.Id)).Select(p => p.i).ToList();
        var id = SeedClosed(organizationId, 5,
            ("seller", "East", [4, 4, 4, 4, 4, 4]),
            ("seller", "West", [1, 3, 3, 3, 3, 3]));
        app.Service(db =>
        {
            // The five West people who answered 3 said "Don't know" to every Strategy statement.
            foreach (var response in db.SurveyResponses.Where(r => r.AssessmentId == id).ToList().Where(r => r.Answers[indexes[0]] == 3 && r.Answers.Count(b => b == 3) > indexes.Count))
            {
                var answers = response.Answers.ToArray();
                indexes.ForEach(i => answers[i] = 0);
                response.Answers = answers;
            }

            return db.SaveChanges();
        });

        var results = await api.Get($"/api/v1/assessments/{id}/results");
        var strategy = results["report"]!["dimensions"]!.AsArray().Single(d => d!["id"].Text() == "strategy")!;
        var n = strategy["n"]!.GetValue<int>();
        var overall = strategy["score"]!.GetValue<double>();
        var shown = Shown(results);
        var found = new List<string>();
        if (shown.TryGetValue(("team", "East"), out var east) && shown.TryGetValue(("team", "West"), out var west))
        {
            var solutions = Enumerable.Range(0, n + 1).Where(e => e <= east.N && n - e <= west.N && Math.Abs((e * east.Score) + ((n - e) * west.Score) - (n * overall)) < 1e-6).ToList();
            if (solutions is [var e] && n - e is > 0 and < 5)
            {
                found.Add($"overall Strategy n={n}: East {e} + West {n - e}; West's Strategy score {west.Score:0.##} is {n - e} person's (truly {ScoreOf(1)}), though West shows n={west.N}");
            }
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }
    [Fact]
    public async Task TheAnswersFileAndTheResultsTogetherDoNotPickOutTheOnlyManagerOfATeam()
    {
        // Org chart: East has 9 sellers and 1 manager, West 5 sellers and 5 managers. Every role and team holds at least
        // 5 and no linear difference of the shown groups isolates anyone, so the results show all four groups. The
        // answers file (an admin's download) shows each person's row; its rare combination (manager × East) is merged
        // away. But the rows are individual: the one choice of 10 rows whose driver scores add up to team East's
        // published scores is team East, and the row among them that the file marks as not a seller is the one East manager.
        var (owner, organizationId) = await app.NewOrganization("Rows And Results Co");
        var api = app.Api(await owner.MakeToken("matcher"));
        var instrument = Core.Instruments.BuiltInInstrument.Full;
        var random = new Random(20261129);
        var truth = new List<(string Role, string Team, byte[] Answers)>();
        foreach (var (role, team, count) in new[] { ("seller", "East", 9), ("manager", "East", 1), ("seller", "West", 5), ("manager", "West", 5) })
        {
            for (var i = 0; i < count; i++)
            {
                truth.Add((role, team, instrument.Items.Select(_ => (byte)random.Next(1, 6)).ToArray()));
            }
        }

        var id = SeedClosed(organizationId, 5, truth.GroupBy(t => (t.Role, t.Team)).Select(g => (g.Key.Role, g.Key.Team, g.Select(_ => 3).ToArray())).ToArray());
        app.Service(db =>
        {
            // Seeded with clear role and team: give each cell's responses that cell's random answers.
            foreach (var cell in db.SurveyResponses.Where(r => r.AssessmentId == id).ToList().GroupBy(r => (r.Role, r.Team)))
            {
                var answers = truth.Where(t => (t.Role, t.Team) == cell.Key).Select(t => t.Answers).ToList();
                Assert.Equal(answers.Count, cell.Count());
                foreach (var (response, bytes) in cell.Zip(answers))
                {
                    response.Answers = bytes; // stored bytes: 1 = the lowest scale point
                }
            }

            return db.SaveChanges();
        });

        var results = await api.Get($"/api/v1/assessments/{id}/results");
        var shown = results["report"]!["breakdowns"]!.AsArray()
            .SelectMany(b => b!["groups"]!.AsArray().Where(g => !g!["suppressed"]!.GetValue<bool>())
                .Select(g => (By: b["by"].Text(), Value: g!["value"].Text(), N: g["n"]!.GetValue<int>(), Scores: g["scores"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<double>()))))
            .ToList();
        var csv = await (await api.GetAsync($"/api/v1/assessments/{id}/exports/csv")).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        var header = lines[0];
        var roleColumn = Array.IndexOf(header, "role");
        var teamColumn = Array.IndexOf(header, "team");
        var rows = lines.Skip(1).Select(l => (Role: l[roleColumn], Team: l[teamColumn], Answers: instrument.Items.Select(item =>
        {
            var v = int.Parse(l[Array.IndexOf(header, item.Id)], System.Globalization.CultureInfo.InvariantCulture);
            return item.Reverse ? 6 - v : v;
        }).ToArray())).ToList();

        // Each row's driver scores (every statement answered: the mean of its recoded answers).
        var items = instrument.Items.Select((item, i) => (item.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var itemList = instrument.Items.ToList();
        var drivers = instrument.Dimensions.Select(d => d.Id).ToList();
        var rowScores = rows.Select(r => instrument.Dimensions.Select(d => 100.0 * (d.Facets.SelectMany(f => f.Items).Average(item => r.Answers[items[item.Id]]) - 1) / 4).ToArray()).ToList();
        var labels = string.Join(", ", rows.GroupBy(r => $"{r.Role} × {r.Team}").Select(g => $"{g.Key}: {g.Count()}"));
        var groups = string.Join(", ", shown.Select(g => $"{g.By} {g.Value} n={g.N}"));

        var found = new List<string>();
        foreach (var group in shown.Where(g => g.By == "team"))
        {
            // Rows that could be in this team: those the file labels with it, or with "(other)".
            var candidates = Enumerable.Range(0, rows.Count).Where(r => rows[r].Team == group.Value || rows[r].Team == "(other)").ToList();
            var fixedRows = candidates.Where(r => rows[r].Team == group.Value).ToList();
            var open = candidates.Except(fixedRows).ToList();
            var need = group.N - fixedRows.Count;
            var matches = new List<List<int>>();
            void Choose(int start, List<int> chosen)
            {
                if (chosen.Count == need)
                {
                    var all = fixedRows.Concat(chosen).ToList();
                    if (drivers.Select((d, i) => Math.Abs(all.Sum(r => rowScores[r][i]) - (group.N * group.Scores[d])) < 1e-6).All(ok => ok))
                    {
                        matches.Add(all);
                    }

                    return;
                }

                for (var i = start; i <= open.Count - (need - chosen.Count); i++)
                {
                    chosen.Add(open[i]);
                    Choose(i + 1, chosen);
                    chosen.RemoveAt(chosen.Count - 1);
                }
            }

            if (need >= 0 && need <= open.Count)
            {
                Choose(0, []);
            }

            if (matches is [var members])
            {
                // Every row is now tied to its team; any role × team of fewer than 5 people is laid bare.
                foreach (var cell in members.GroupBy(r => rows[r].Role).Where(g => g.Count() < 5))
                {
                    var real = truth.Where(t => t.Team == group.Value && cell.Count() == truth.Count(u => u.Team == group.Value && u.Role == t.Role) && t.Role != "seller")
                        .Select(t => string.Join("", t.Answers.Take(12).Select(b => (int)b)) + "…");
                    found.Add($"team {group.Value}: the only set of {group.N} rows matching its published scores holds {cell.Count()} row(s) with role '{cell.Key}': "
                        + string.Join(" | ", cell.Select(r => string.Join("", rows[r].Answers.Take(12).Select((v, i) => itemList[i].Reverse ? 6 - v : v)) + "…"))
                        + $" (the {group.Value} {string.Join(", ", truth.Where(t => t.Team == group.Value && t.Role != "seller").Select(t => t.Role).Distinct())}'s stored answers: {string.Join(" | ", real)})");
                }
            }
        }

        Assert.True(found.Count == 0, $"rows: {labels}\nshown: {groups}\n" + string.Join("\n", found));
    }
    [Fact]
    public async Task NoStatementOrFacetIsShownWithFewerThanKAnswers()
    {
        // Six people answer; five of them choose "Don't know" for the first statement. The results page's detail and the
        // API show that statement with n=1 and its mean: one person's answer.
        var (owner, organizationId) = await app.NewOrganization("One Answer Co");
        var api = app.Api(await owner.MakeToken("reader"));
        var first = Core.Instruments.BuiltInInstrument.Full.Items.First();
        var id = SeedClosed(organizationId, 5, ("seller", "East", [2, 4, 4, 4, 4, 4]));
        app.Service(db =>
        {
            foreach (var response in db.SurveyResponses.Where(r => r.AssessmentId == id).ToList().Where(r => r.Answers[0] != (first.Reverse ? 4 : 2)))
            {
                var answers = response.Answers.ToArray();
                answers[0] = 0;
                response.Answers = answers;
            }

            return db.SaveChanges();
        });

        var results = await api.Get($"/api/v1/assessments/{id}/results");
        var found = new List<string>();
        foreach (var dimension in results["report"]!["dimensions"]!.AsArray())
        {
            foreach (var part in dimension!["items"]!.AsArray().Concat(dimension["facets"]!.AsArray()))
            {
                var n = part!["n"]!.GetValue<int>();
                if (n is > 0 and < 5 && (part["mean"] ?? part["score"]) is { } value)
                {
                    found.Add($"{dimension["id"].Text()} / {part["id"].Text()}: n={n}, {value.ToJsonString()}");
                }
            }
        }

        var page = await owner.GetPage($"/assessments/{id}/results");
        Assert.True(found.Count == 0, "shown on fewer than 5 answers:\n" + string.Join("\n", found) + (page.Contains(first.Text, StringComparison.Ordinal) ? "\n(the results page lists the statement with its n and mean too)" : ""));
    }
}
