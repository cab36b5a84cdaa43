using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using AngleSharp.Html.Dom;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.TeamMetrics;

/// <summary>
/// Outcome metrics per team: typed in or read from a file (preview first, nothing stored until saved), through the page
/// and the API, set against the drivers' team scores of the shared result only.
/// </summary>
public sealed class TeamMetricsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string GoodFile = "team,win-rate (%),cycle days\nA,20,90\nB,30,80\nC,28,\nD,45,60\nE,99,10\nH,1,200\n";

    private static string Page(Guid id) => $"/assessments/{id}/team-metrics";

    private static async Task<HttpResponseMessage> PostFile(HttpClient client, Guid id, string csv, string fileName = "metrics.csv")
    {
        var antiforgery = Html.Antiforgery(await client.GetPage(Page(id)));
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var content = new MultipartFormDataContent { { new StringContent(antiforgery), "__RequestVerificationToken" }, { file, "MetricsFile", fileName } };
        return await client.PostAsync(Page(id) + "?handler=preview", content);
    }

    private static async Task<HttpResponseMessage> PutCsv(HttpClient api, Guid id, string csv)
    {
        var content = new StringContent(csv, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await api.PutAsync($"/api/v1/assessments/{id}/team-metrics", content);
    }

    private static List<KeyValuePair<string, string>> HiddenFields(IHtmlDocument preview) =>
        [.. preview.QuerySelectorAll("form[action$='/team-metrics'] input[type=hidden]").Cast<IHtmlInputElement>()
            .Where(i => i.Name != "__RequestVerificationToken").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))];

    [Fact]
    public async Task AFileIsPreviewedStoredOnlyOnSaveAndTheSaveRedirects()
    {
        var (owner, organization) = await app.NewOrganization("Metrics Preview Co");
        var id = app.SeedTeams(organization);

        var previewed = await PostFile(owner, id, GoodFile);
        var html = await previewed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, previewed.StatusCode);
        Assert.Equal(0, app.MetricRows(id)); // the preview stores nothing
        var preview = Html.Parse(html);
        var rows = preview.Table("Metrics read from the file").Rows();
        Assert.Equal(["A", "B", "C", "D", "E", "H"], rows.Select(r => r["Team"].Text()));
        Assert.Equal("45", rows[3]["win-rate (%)"].Text());
        Assert.Equal("–", rows[2]["cycle days"].Text());
        var save = preview.QuerySelectorAll("button").Select(b => b.Text()).Single(t => t.StartsWith("Save", StringComparison.Ordinal));
        Assert.Equal("Save 6 teams\u2019 metrics", save);

        var saved = await owner.PostForm(Page(id), Html.Antiforgery(html), HiddenFields(preview));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode); // Post/Redirect/Get: a reload repeats nothing
        Assert.Equal(Page(id), saved.Headers.Location!.OriginalString);
        Assert.Equal(11, app.MetricRows(id)); // C has no cycle days
        var stored = app.Service(db => db.TeamMetrics.Where(m => m.AssessmentId == id && m.Metric == "win-rate").ToList());
        Assert.All(stored, m => Assert.Equal("%", m.Unit));
        var page = Html.Parse(await owner.GetPage(Page(id)));
        Assert.Contains("Saved 2 metrics of 6 teams.", page.One("p.notice").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadFileNamesEveryBadCellAndStoresNothingOnThePageOrTheApi()
    {
        var (owner, organization) = await app.NewOrganization("Bad Metrics Co");
        var id = app.SeedTeams(organization);
        app.Service(db =>
        {
            db.TeamMetrics.Add(new Data.Entities.TeamMetric { AssessmentId = id, Metric = "kept", Team = "A", Value = 1 });
            return db.SaveChanges();
        });
        const string bad = "team,win-rate,cycle\nA,20,abc\nB,3O,80\n,5,5\nA,1,1\n";

        var page = Html.Parse(await (await PostFile(owner, id, bad)).Content.ReadAsStringAsync());
        var problems = page.Texts("ul.metrics-problems li");
        Assert.Contains(problems, p => p.Contains("line 2, column cycle: \"abc\" is not a number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 3, column win-rate: \"3O\" is not a number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("line 4, column team: no team name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the team \"A\" is given twice", StringComparison.Ordinal));
        Assert.Equal(4, problems.Count);
        Assert.Empty(page.QuerySelectorAll("table.team-metrics-preview"));

        var api = app.Api(await owner.MakeToken("metrics"));
        var problem = await ApiKit.AssertProblem(await PutCsv(api, id, bad), HttpStatusCode.BadRequest);
        Assert.Equal(4, ApiKit.FieldErrors(problem, "file").Length);

        // Nothing replaced: the metric stored before is still the only one.
        Assert.Equal(["kept"], app.Service(db => db.TeamMetrics.Where(m => m.AssessmentId == id).Select(m => m.Metric).ToList()));
    }

    [Fact]
    public async Task TheTypedFormKeepsWhatWasTypedAndNamesTheBadCell()
    {
        var (owner, organization) = await app.NewOrganization("Typed Metrics Co");
        var id = app.SeedTeams(organization);
        var form = Html.Parse(await owner.GetPage(Page(id)));
        var teams = form.QuerySelectorAll("input[name$='.Team']").Cast<IHtmlInputElement>().Select(i => i.Value).ToList();
        Assert.Equal(["A", "B", "C", "D", "E", "H", "", ""], teams); // the assessment's teams, then room for more

        var posted = await owner.PostForm(Page(id),
        [
            new("Form.Metrics[0].Name", "quota"), new("Form.Metrics[0].Unit", "%"),
            new("Form.Teams[0].Team", "A"), new("Form.Teams[0].Values[0]", "81,5"),
            new("Form.Teams[1].Team", "B"), new("Form.Teams[1].Values[0]", "lots"),
        ]);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var page = Html.Parse(await posted.Content.ReadAsStringAsync());
        Assert.Equal("lots", ((IHtmlInputElement)page.One("input[name='Form.Teams[1].Values[0]']")).Value);
        Assert.Equal("81,5", ((IHtmlInputElement)page.One("input[name='Form.Teams[0].Values[0]']")).Value);
        Assert.Contains("Team \u201cB\u201d, quota: \u201clots\u201d is not a number", page.One("span[data-valmsg-for='Form.Teams[1].Values[0]']").Text(), StringComparison.Ordinal);
        Assert.Equal(0, app.MetricRows(id));

        var fixedUp = await owner.PostForm(Page(id),
        [
            new("Form.Metrics[0].Name", "quota"), new("Form.Metrics[0].Unit", "%"),
            new("Form.Teams[0].Team", "A"), new("Form.Teams[0].Values[0]", "81,5"),
            new("Form.Teams[1].Team", "B"), new("Form.Teams[1].Values[0]", "70%"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, fixedUp.StatusCode);
        Assert.Equal([("A", 81.5), ("B", 70.0)], app.Service(db => db.TeamMetrics.Where(m => m.AssessmentId == id).OrderBy(m => m.Team).Select(m => new { m.Team, m.Value }).ToList()).Select(m => (m.Team, m.Value)));
    }

    [Fact]
    public async Task ViewersSeeTheMetricsButCannotChangeThem()
    {
        var (owner, organization) = await app.NewOrganization("Viewer Metrics Co");
        var id = app.SeedTeams(organization);
        var api = app.Api(await owner.MakeToken("metrics"));
        Assert.Equal(HttpStatusCode.OK, (await PutCsv(api, id, GoodFile)).StatusCode);
        var viewer = await app.NewViewer(organization);

        var page = Html.Parse(await viewer.GetPage(Page(id)));
        Assert.Equal("45", page.Table("Team metrics").Rows()[3]["win-rate (%)"].Text());
        Assert.Empty(page.QuerySelectorAll("input[type=file]"));
        var antiforgery = Html.Antiforgery(await viewer.GetPage(Page(id)));
        var posted = await viewer.PostForm(Page(id), antiforgery, [new("Form.Metrics[0].Name", "x"), new("Form.Teams[0].Team", "A"), new("Form.Teams[0].Values[0]", "1")]);
        await viewer.AssertForbidden(posted);

        var viewerApi = app.Api(await owner.MakeToken("read only", "Viewer"));
        Assert.Equal(6, (await viewerApi.Get($"/api/v1/assessments/{id}/team-metrics"))["teams"]!.AsArray().Count);
        await ApiKit.AssertProblem(await PutCsv(viewerApi, id, "team,x\nA,1\n"), HttpStatusCode.Forbidden);
        Assert.Equal(11, app.MetricRows(id));
    }

    [Fact]
    public async Task AnotherOrganizationsAssessmentIsNotFoundOnEveryRoute()
    {
        var (owner, organization) = await app.NewOrganization("Metrics Owner Co");
        var id = app.SeedTeams(organization);
        var (stranger, _) = await app.NewOrganization("Metrics Stranger Co");
        var strangerApi = app.Api(await stranger.MakeToken("stranger"));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(Page(id))).StatusCode);
        var antiforgery = Html.Antiforgery(await stranger.GetPage("/assessments"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostForm(Page(id), antiforgery, [new("Form.Metrics[0].Name", "x"), new("Form.Teams[0].Team", "A"), new("Form.Teams[0].Values[0]", "1")])).StatusCode);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(GoodFile));
        var multipart = new MultipartFormDataContent { { new StringContent(antiforgery), "__RequestVerificationToken" }, { file, "MetricsFile", "m.csv" } };
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync(Page(id) + "?handler=preview", multipart)).StatusCode);
        await ApiKit.AssertProblem(await strangerApi.GetAsync($"/api/v1/assessments/{id}/team-metrics"), HttpStatusCode.NotFound);
        await ApiKit.AssertProblem(await PutCsv(strangerApi, id, GoodFile), HttpStatusCode.NotFound);
        await ApiKit.AssertProblem(await strangerApi.PutAsJsonAsync($"/api/v1/assessments/{id}/team-metrics", new { metrics = new[] { new { name = "x" } }, teams = Array.Empty<object>() }), HttpStatusCode.NotFound);
        Assert.Equal(0, app.MetricRows(id));
        _ = owner;
    }

    [Fact]
    public async Task TheApiTakesJsonAndReadsItBack()
    {
        var (owner, organization) = await app.NewOrganization("Json Metrics Co");
        var id = app.SeedTeams(organization);
        var api = app.Api(await owner.MakeToken("metrics"));
        var body = new
        {
            metrics = new[] { new { name = "win-rate", unit = (string?)"%" }, new { name = "ramp", unit = (string?)null } },
            teams = new object[] { new { team = "A", values = new Dictionary<string, double?> { ["win-rate"] = 20, ["ramp"] = null } }, new { team = "B", values = new Dictionary<string, double?> { ["win-rate"] = 31.5 } } },
        };
        var put = await api.Put($"/api/v1/assessments/{id}/team-metrics", body);
        Assert.Equal("""[{"name":"win-rate","unit":"%"}]""", put["metrics"]!.Compact()); // ramp has no value: not stored
        Assert.Equal(31.5, (double)put["teams"]![1]!["values"]!["win-rate"]!);

        var unknown = await api.PutAsJsonAsync($"/api/v1/assessments/{id}/team-metrics", new { metrics = new[] { new { name = "win-rate" } }, teams = new[] { new { team = "A", values = new Dictionary<string, double> { ["quota"] = 1 } } } });
        var problem = await ApiKit.AssertProblem(unknown, HttpStatusCode.BadRequest);
        Assert.Contains("quota", ApiKit.FieldErrors(problem, "teams[0].values")[0], StringComparison.Ordinal);
        Assert.Equal(2, app.MetricRows(id));
    }

    [Fact]
    public async Task TeamMetricsInTheResultsChangeWhenTheMetricsChange()
    {
        var (owner, organization) = await app.NewOrganization("Stale Metrics Co");
        var id = app.SeedTeams(organization);
        var api = app.Api(await owner.MakeToken("metrics"));
        var before = await api.Get($"/api/v1/assessments/{id}/results");
        Assert.Null(before["report"]!["teamMetrics"]); // computed and stored without metrics

        Assert.Equal(HttpStatusCode.OK, (await PutCsv(api, id, "team,win-rate\nA,20\nB,30\nC,28\nD,45\n")).StatusCode);
        var first = await api.Get($"/api/v1/assessments/{id}/results");
        var r1 = (double)first["report"]!["teamMetrics"]![0]!["drivers"]![0]!["r"]!;
        Assert.Equal(HttpStatusCode.OK, (await PutCsv(api, id, "team,win-rate\nA,45\nB,30\nC,28\nD,20\n")).StatusCode);
        var second = await api.Get($"/api/v1/assessments/{id}/results");
        var r2 = (double)second["report"]!["teamMetrics"]![0]!["drivers"]![0]!["r"]!;
        Assert.True(r1 > 0.5 && r2 < -0.5, $"r {r1} then {r2}: the stored result followed the metrics");
    }

    [Fact]
    public async Task AHiddenTeamNeitherCountsNorMovesAnyTeamMetricsNumber()
    {
        var (owner, organization) = await app.NewOrganization("Hidden Team Co");
        var id = app.SeedTeams(organization);
        var api = app.Api(await owner.MakeToken("attacker"));
        var results = new List<(string Json, string Page)>();
        foreach (var (e, h) in new[] { (99.0, 1.0), (-500.0, 700.0), (double.NaN, double.NaN) })
        {
            var csv = "team,win-rate\nA,20\nB,30\nC,28\nD,45\n"
                + (double.IsNaN(e) ? "" : $"E,{e.ToString(CultureInfo.InvariantCulture)}\nH,{h.ToString(CultureInfo.InvariantCulture)}\n");
            Assert.Equal(HttpStatusCode.OK, (await PutCsv(api, id, csv)).StatusCode);
            var json = await api.Get($"/api/v1/assessments/{id}/results");
            var page = Html.Parse(await owner.GetPage($"/assessments/{id}/results"));
            results.Add((json["report"]!["teamMetrics"]!.Compact(), page.One("table.team-metric-table").OuterHtml + page.Texts("p.teams-note").FirstOrDefault()));
        }

        // Whatever the hidden teams' values, or without them, every number is the same.
        Assert.Single(results.Select(r => r.Json).Distinct());
        Assert.Single(results.Select(r => r.Page).Distinct());

        var last = await api.Get($"/api/v1/assessments/{id}/results");
        var shown = TeamMetricsKit.ShownTeamScores(last, "strategy");
        Assert.Equal(TeamMetricsKit.Shown, shown.Keys.Order());
        var metric = new Dictionary<string, double> { ["A"] = 20, ["B"] = 30, ["C"] = 28, ["D"] = 45 };
        var driver = last["report"]!["teamMetrics"]![0]!["drivers"]!.AsArray().Single(d => (string)d!["dimension"]! == "strategy")!;
        Assert.Equal(4, (int)driver["teams"]!);
        var expected = TeamMetricsKit.Pearson([.. TeamMetricsKit.Shown.Select(t => shown[t])], [.. TeamMetricsKit.Shown.Select(t => metric[t])]);
        Assert.Equal(expected, (double)driver["r"]!, 1e-9);
        Assert.Equal("few-teams", (string)driver["flags"]![0]!);

        var section = Html.Parse(await owner.GetPage($"/assessments/{id}/results"));
        Assert.Equal("With 4 teams, a correlation is a hint, not proof.", section.Texts("p.teams-note").Single());
        Assert.Equal("4", section.One("table.team-metric-table tr[data-driver='strategy']").GetAttribute("data-teams"));
    }

    [Fact]
    public async Task ThePdfsTeamMetricsAreTheSharedResultsWhereHiddenTeamsNeverCount()
    {
        var (owner, organization) = await app.NewOrganization("Hidden Team PDF Co");
        var id = app.SeedTeams(organization);
        var api = app.Api(await owner.MakeToken("metrics"));
        Assert.Equal(HttpStatusCode.OK, (await PutCsv(api, id, "team,win-rate\nA,20\nB,30\nC,28\nD,45\nE,99\nH,1\n")).StatusCode);

        var response = await owner.GetAsync(new Uri($"/assessments/{id}/results/report.pdf", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var pdf = new Poppler(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', pdf.RawText().Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

        // Six teams have a value; the two hidden ones (E, H) are in no number, as on the page and in the API.
        Assert.Contains("Team metric: win-rate", text, StringComparison.Ordinal);
        Assert.Contains("Across 4 teams this is a hint, not proof", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Across 6 teams", text, StringComparison.Ordinal);
        var json = await api.Get($"/api/v1/assessments/{id}/results");
        Assert.All(json["report"]!["teamMetrics"]![0]!["drivers"]!.AsArray(), d => Assert.True((int)d!["teams"]! <= 4));
    }

    [Fact]
    public async Task BelowFourShownTeamsThePageSaysThereAreTooFewToCompute()
    {
        var (owner, organization) = await app.NewOrganization("Few Teams Co");
        var id = app.SeedTeams(organization);
        var api = app.Api(await owner.MakeToken("metrics"));
        Assert.Equal(HttpStatusCode.OK, (await PutCsv(api, id, "team,win-rate\nA,20\nB,30\nC,28\nE,1\nH,2\n")).StatusCode);

        var page = Html.Parse(await owner.GetPage($"/assessments/{id}/results"));
        Assert.Equal("With 3 teams: too few teams to compute.", page.Texts("p.teams-note").Single());
        var json = await api.Get($"/api/v1/assessments/{id}/results");
        var strategy = json["report"]!["teamMetrics"]![0]!["drivers"]![0]!;
        Assert.Equal(3, (int)strategy["teams"]!);
        Assert.Null(strategy["r"]);
    }

    [Fact]
    public async Task TheResultsPageShowsTheKeyDriversWithTheChartAndTheirTable()
    {
        var (owner, organization) = await app.NewOrganization("Key Drivers Co");
        var id = app.SeedVaried(organization);
        var api = app.Api(await owner.MakeToken("metrics"));
        var json = await api.Get($"/api/v1/assessments/{id}/results");
        var keyDrivers = json["report"]!["keyDrivers"]![0]!;

        var page = Html.Parse(await owner.GetPage($"/assessments/{id}/results"));
        Assert.NotNull(page.QuerySelector(".key-driver-chart svg"));
        var rows = page.One("table.key-driver-table").QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(keyDrivers["drivers"]!.AsArray().Count, rows.Count);
        var first = keyDrivers["drivers"]![0]!;
        Assert.Equal((string)first["dimension"]!, rows[0].GetAttribute("data-driver"));
        Assert.Equal(((int)first["n"]!).ToString(CultureInfo.InvariantCulture), rows[0].GetAttribute("data-n"));
        Assert.Equal(((double)first["r"]!).ToString("0.00", CultureInfo.InvariantCulture).Replace('-', '\u2212'), rows[0].QuerySelectorAll("td")[0].Text());
    }

    [Fact]
    public async Task ImpactAwarePrioritiesAreOffByDefaultAndWhenOnFollowTheFormulaBesideTheStandardRanking()
    {
        var (owner, organization) = await app.NewOrganization("Impact Co");
        var id = app.SeedVaried(organization);
        var api = app.Api(await owner.MakeToken("metrics"));
        var off = await api.Get($"/api/v1/assessments/{id}/results");
        Assert.Null(off["impactPriorities"]);
        Assert.Empty(Html.Parse(await owner.GetPage($"/assessments/{id}/results")).QuerySelectorAll("table.priorities-side-by-side"));

        var saved = await owner.PostForm("/settings", [new("impactAwarePriorities", "true")], "/settings?handler=ImpactPriorities");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var on = await api.Get($"/api/v1/assessments/{id}/results");

        // The formula written apart from the product: impact = max(0, r) with the first outcome (else the mean of the
        // defined ones), weight' = weight × (1 + impact) rescaled to the weights' sum, priority' = weight' × (100 − score).
        var standard = on["report"]!["priorities"]!.AsArray().Select(p => (Id: (string)p!["dimension"]!, Weight: (double)p["weight"]!, Score: (double)p["score"]!)).ToList();
        var r = on["report"]!["keyDrivers"]![0]!["drivers"]!.AsArray().ToDictionary(d => (string)d!["dimension"]!, d => (double?)d!["r"]);
        var own = standard.Select(p => r.GetValueOrDefault(p.Id) is { } v ? Math.Max(0, v) : (double?)null).ToList();
        var mean = own.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Average();
        var raised = standard.Select((p, i) => p.Weight * (1 + (own[i] ?? mean))).ToList();
        var scale = standard.Sum(p => p.Weight) / raised.Sum();
        var order = on["report"]!["dimensions"]!.AsArray().Select(d => (string)d!["id"]!).ToList();
        var expected = standard.Select((p, i) => (p.Id, Priority: raised[i] * scale * (100 - p.Score)))
            .OrderByDescending(p => p.Priority).ThenBy(p => order.IndexOf(p.Id)).ToList();

        var impact = on["impactPriorities"]!.AsArray();
        Assert.Equal(expected.Select(p => p.Id), impact.Select(p => (string)p!["dimension"]!));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Priority, (double)impact[i]!["priority"]!, 1e-9);
        }

        Assert.NotEqual(standard.Select(p => p.Id), expected.Select(p => p.Id)); // the data are chosen so that the two rankings differ
        var page = Html.Parse(await owner.GetPage($"/assessments/{id}/results"));
        var side = page.One("table.priorities-side-by-side").QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(standard.Select(p => p.Id), side.Select(t => t.GetAttribute("data-standard")));
        Assert.Equal(expected.Select(p => p.Id), side.Select(t => t.GetAttribute("data-impact")));
        Assert.Contains("Impact-aware priority = weight′ × (100 − score)", page.One("p.formula").Text(), StringComparison.Ordinal);
    }
}
