using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Cli;
using SalesWheel.Core.Benchmarks;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Api;
using SalesWheel.Web.Tests.Members;
using static SalesWheel.Web.Tests.Results.ResultsKit;

namespace SalesWheel.Web.Tests.Benchmarks;

/// <summary>
/// SCORING.md "Benchmarks" on the web: the pool is this app's opted-in organizations, so each test works in a phase and
/// ACV band of its own (the app is shared by the class). A peer of five people answering every statement v scores 25 × (mean v − 1).
/// </summary>
public sealed partial class BenchmarkTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task FourComparablePeersShowNothingTheOrganizationItselfNeverCountsAndAFifthPeerShowsThePercentile()
    {
        var (client, token, assessment) = await Viewer(CompanyPhase.Pmf, AcvBand.Under15K, score: 3, inPool: true);
        foreach (var v in new[] { 2, 3, 4, 5 })
        {
            Peer(CompanyPhase.Pmf, AcvBand.Under15K, v);
        }

        var thin = await Row(client, assessment, "strategy");
        Assert.Equal(DriverBenchmark.NotEnough, thin.Text);
        var api = await Strategy(token, assessment);
        Assert.Null(api["percentile"]);
        Assert.Null(api["count"]);

        Peer(CompanyPhase.Pmf, AcvBand.Under15K, 1); // 0
        var row = await Row(client, assessment, "strategy");
        // Peers 0, 25, 50, 75, 100 against 50: below 2, equal 1 → 100 × 2.5 / 5.
        Assert.Equal("50th percentile (5 comparable organizations on this SalesWheel)", row.Text);
        api = await Strategy(token, assessment);
        Assert.Equal(50.0, api["percentile"]!.GetValue<double>());
        Assert.Equal(5, api["count"]!.GetValue<int>());
        Assert.Equal("peers", api["source"].Text());
        Assert.Equal(50.0, api["score"]!.GetValue<double>());
    }

    [Fact]
    public async Task AnOrganizationThatDidNotOptInIsInNoOnesPoolUntilItJoinsOnTheSettingsPage()
    {
        var (client, _, assessment) = await Viewer(CompanyPhase.Pmf, AcvBand.From15KTo50K, score: 3);
        foreach (var v in new[] { 2, 3, 4, 5 })
        {
            Peer(CompanyPhase.Pmf, AcvBand.From15KTo50K, v);
        }

        var (other, otherId) = await SignUp("joiner");
        SetContext(otherId, CompanyPhase.Pmf, AcvBand.From15KTo50K, inPool: false);
        app.SeedClosedAssessment(otherId, "Spring wave", 5, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 1))]);
        Assert.Equal(DriverBenchmark.NotEnough, (await Row(client, assessment, "strategy")).Text);

        var settings = Html.Parse(await other.GetPage("/settings/benchmarks"));
        Assert.Null(settings.One("input[name=inPeerPool]").GetAttribute("checked")); // off by default
        Assert.Contains("never shared", settings.Text(), StringComparison.Ordinal);
        var saved = await other.Follow(await other.PostForm("/settings/benchmarks", [new("inPeerPool", "true")]));
        Assert.Contains("Saved: joined the anonymous peer pool.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal("50th percentile (5 comparable organizations on this SalesWheel)", (await Row(client, assessment, "strategy")).Text);

        await other.PostForm("/settings/benchmarks", []); // the box unchecked: leave
        Assert.Equal(DriverBenchmark.NotEnough, (await Row(client, assessment, "strategy")).Text);
    }

    [Fact]
    public async Task APoolMembersOpenAndTooSmallAssessmentsDoNotCountItsLatestClosedOneDoes()
    {
        var (client, _, assessment) = await Viewer(CompanyPhase.Pmf, AcvBand.Over50K, score: 3);
        foreach (var v in new[] { 2, 3, 4, 5 })
        {
            Peer(CompanyPhase.Pmf, AcvBand.Over50K, v);
        }

        var fifth = Peer(CompanyPhase.Pmf, AcvBand.Over50K, 5, closedDaysAgo: 30); // 100, a month ago
        var tooSmall = app.SeedClosedAssessment(fifth, "Too small", 5, [.. Enumerable.Range(0, 3).Select(_ => Answer("seller", "East", 1))]);
        var open = app.SeedClosedAssessment(fifth, "Still open", 5, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 1))]);
        app.Service(db => db.Assessments.Where(a => a.Id == open).ExecuteUpdate(s => s.SetProperty(a => a.Status, AssessmentStatus.Open).SetProperty(a => a.ClosedAt, (DateTime?)null)));

        // Peers 25, 50, 75, 100 and the fifth's month-old 100 against 50: below 1, equal 1 → 30.
        Assert.Equal("30th percentile (5 comparable organizations on this SalesWheel)", (await Row(client, assessment, "strategy")).Text);

        app.SeedClosedAssessment(fifth, "Latest", 5, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 1))]); // 0, closed now
        // Now 0 instead of 100: below 2, equal 1 → 50.
        Assert.Equal("50th percentile (5 comparable organizations on this SalesWheel)", (await Row(client, assessment, "strategy")).Text);
        Assert.NotEqual(Guid.Empty, tooSmall);
    }

    [Fact]
    public async Task ThePageAndTheApiNeverShowAnotherOrganizationsNameSizeOrDate()
    {
        var (client, token, assessment) = await Viewer(CompanyPhase.GtmFit, AcvBand.Under15K, score: 4);
        var names = new List<string>();
        foreach (var v in new[] { 1, 2, 3, 4, 5 })
        {
            var peer = Peer(CompanyPhase.GtmFit, AcvBand.Under15K, v, people: 9, closedDaysAgo: 40 + v);
            names.Add(app.Service(db => db.Organizations.Single(o => o.Id == peer).Name));
        }

        var page = await client.GetPage($"/assessments/{assessment}/results");
        var json = (await app.Api(token).Get($"/api/v1/assessments/{assessment}/results")).Compact();
        foreach (var text in new[] { page, json })
        {
            Assert.All(names, name => Assert.DoesNotContain(name, text, StringComparison.Ordinal));
            Assert.DoesNotContain("Peer wave", text, StringComparison.Ordinal);
            Assert.DoesNotContain(DateTime.UtcNow.AddDays(-41).ToString("d MMMM yyyy", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
            Assert.DoesNotContain(DateTime.UtcNow.AddDays(-41).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }

        var benchmarks = (await app.Api(token).Get($"/api/v1/assessments/{assessment}/results"))["benchmarks"]!;
        foreach (var driver in benchmarks["drivers"]!.AsArray())
        {
            // Nothing but the driver's own score, its place and how many organizations it rests on (never 9, a peer's size).
            Assert.Equal(["driver", "score", "percentile", "estimate", "source", "count", "text"], driver!.AsObject().Select(p => p.Key));
            Assert.Equal(5, driver["count"]!.GetValue<int>());
        }

        Assert.Equal(70.0, benchmarks["drivers"]![0]!["percentile"]!.GetValue<double>()); // 75 against 0, 25, 50, 75, 100: (3 + 0.5) / 5
    }

    [Fact]
    public async Task WithoutAPhaseOrDealSizeThePageSaysWhyThereIsNoBenchmark()
    {
        var (client, organization) = await SignUp("no context");
        var assessment = app.SeedClosedAssessment(organization, "Q3", 5, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 3))]);
        var token = await client.MakeToken("benchmarks", "Viewer");

        var page = Html.Parse(await client.GetPage($"/assessments/{assessment}/results"));
        Assert.Equal(PeerPool.NeedsPhaseAndAcv, page.One("[data-benchmarks-none]").Text().Trim());
        var api = await app.Api(token).Get($"/api/v1/assessments/{assessment}/results");
        Assert.Equal(PeerPool.NeedsPhaseAndAcv, api["benchmarks"]!["whyNone"].Text());
        Assert.Empty(api["benchmarks"]!["drivers"]!.AsArray());
    }

    [Fact]
    public async Task ImportedNormsAnswerWhereThePoolIsThinAndABadFileChangesNothing()
    {
        var (client, _, assessment) = await Viewer(CompanyPhase.GtmFit, AcvBand.From15KTo50K, score: 3);
        var file = Path.Combine(app.DataFolder, "norms-in.json");
        await File.WriteAllTextAsync(file, new NormsFile([new NormsCell(CompanyPhase.GtmFit, AcvBand.From15KTo50K, "strategy", 23, 20, 30, 60, 70, 80)]).Write());

        var (code, _, stderr) = Cli("norms", "import", file);
        Assert.True(code == CliApp.Success, stderr);
        // 50 between p25 = 30 and p50 = 60: 25 + 25 × 20/30.
        var row = await Row(client, assessment, "strategy");
        Assert.Equal("about the 42nd percentile (published norms, 23 organizations)", row.Text);
        Assert.Equal("norms", row.Source);
        Assert.Equal(DriverBenchmark.NotEnough, (await Row(client, assessment, "training")).Text); // no cell for it

        var bad = Path.Combine(app.DataFolder, "norms-bad.json");
        await File.WriteAllTextAsync(bad, File.ReadAllText(file).Replace("\"count\": 23", "\"count\": 4", StringComparison.Ordinal));
        (code, _, stderr) = Cli("norms", "import", bad);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("cell 1: count 4 is below 10", stderr, StringComparison.Ordinal);
        Assert.Equal("about the 42nd percentile (published norms, 23 organizations)", (await Row(client, assessment, "strategy")).Text);
    }

    [Fact]
    public async Task TheNormsExportHasNoCellUnderTenAndNoOrganizationsExactScore()
    {
        _ = app.Services;
        int[][] ten =
        [
            [1, 1, 1, 1, 1], [1, 1, 1, 1, 3], [2, 2, 2, 2, 2], [2, 2, 2, 2, 3], [2, 2, 2, 3, 3],
            [3, 3, 3, 3, 3], [3, 3, 3, 3, 4], [4, 4, 4, 4, 4], [4, 4, 4, 4, 5], [5, 5, 5, 5, 5],
        ]; // 0, 10, 25, 30, 35, 50, 55, 75, 80, 100
        foreach (var values in ten)
        {
            Peer(CompanyPhase.Scale, AcvBand.Under15K, values);
        }

        foreach (var v in new[] { 1, 2, 3, 4, 5, 1, 2, 3, 4 })
        {
            Peer(CompanyPhase.Scale, AcvBand.From15KTo50K, v);
        }

        Peer(CompanyPhase.Scale, AcvBand.Over50K, inPool: false, values: [1, 2, 3, 4, 5]);

        var file = Path.Combine(app.DataFolder, "norms-out.json");
        var (code, stdout, stderr) = Cli("norms", "export", "--out", file);
        Assert.True(code == CliApp.Success, stderr);
        Assert.Contains("cells", stdout, StringComparison.Ordinal);
        var norms = NormsFile.Read(await File.ReadAllTextAsync(file));

        Assert.All(norms.Cells, c => Assert.True(c.Count >= NormsCell.MinimumOrganizations));
        Assert.Null(norms.Find(CompanyPhase.Scale, AcvBand.From15KTo50K, "strategy")); // nine organizations
        Assert.Null(norms.Find(CompanyPhase.Scale, AcvBand.Over50K, "strategy")); // not in the pool
        var cell = norms.Find(CompanyPhase.Scale, AcvBand.Under15K, "strategy")!;
        Assert.Equal(10, cell.Count);
        double[] scores = [0, 10, 25, 30, 35, 50, 55, 75, 80, 100];
        Assert.All(cell.Quantiles, q => Assert.DoesNotContain(scores, s => Math.Abs(s - q) < 1e-6));
        Assert.All(cell.Quantiles, q => Assert.Equal(Math.Round(q), q)); // whole points: nothing to solve for
        Assert.True(cell.P10 > 0 && cell.P90 < 100); // neither the lowest nor the highest
        Assert.DoesNotContain("Peer", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePdfShowsEachDriversPercentileNextToItsScoreOnlyFromFivePeersAndIsRebuiltWhenThePoolChanges()
    {
        var (client, _, assessment) = await Viewer(CompanyPhase.GtmFit, AcvBand.Over50K, score: 3);
        foreach (var v in new[] { 2, 3, 4, 5 })
        {
            Peer(CompanyPhase.GtmFit, AcvBand.Over50K, v);
        }

        var thin = await PdfText(client, assessment);
        Assert.Contains("Compared with organizations like yours", thin, StringComparison.Ordinal);
        Assert.Contains(DriverBenchmark.NotEnough, thin, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d+(st|nd|rd|th) percentile", thin);
        Assert.DoesNotContain("comparable organizations on this SalesWheel", thin, StringComparison.Ordinal);

        // The fifth peer changes nothing in this organization's own result: the PDF must still be built anew.
        Peer(CompanyPhase.GtmFit, AcvBand.Over50K, 1);
        var shown = await PdfText(client, assessment);
        // Peers 0, 25, 50, 75, 100 against 50 on every driver: below 2, equal 1 → 50.
        Assert.Contains("50th percentile (5 comparable organizations on this SalesWheel)", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(DriverBenchmark.NotEnough, shown, StringComparison.Ordinal);
        Assert.Equal("50th percentile (5 comparable organizations on this SalesWheel)", (await Row(client, assessment, "strategy")).Text); // as the page says it
    }

    [Fact]
    public async Task AnUploadedAssessmentNeitherCountsInAPeersPoolNorShowsBenchmarks()
    {
        var (client, token, assessment) = await Viewer(CompanyPhase.Scale, AcvBand.Over50K, score: 3);
        foreach (var v in new[] { 2, 3, 4, 5 })
        {
            Peer(CompanyPhase.Scale, AcvBand.Over50K, v);
        }

        // A fifth pool member whose only released assessment was uploaded (released at once, answers replaceable at will).
        var (uploaderClient, uploader) = await SignUp("uploader");
        SetContext(uploader, CompanyPhase.Scale, AcvBand.Over50K, inPool: true);
        var uploaded = app.SeedClosedAssessment(uploader, "Uploaded wave", 5, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", 1))]);
        app.Service(db => db.Assessments.Where(a => a.Id == uploaded).ExecuteUpdate(s => s.SetProperty(a => a.Uploaded, true)));
        Assert.Equal(DriverBenchmark.NotEnough, (await Row(client, assessment, "strategy")).Text); // four peers, not five
        Assert.Null((await Strategy(token, assessment))["count"]);

        // The uploader's own results: no benchmarks on the page, in the API or in the PDF.
        var page = Html.Parse(await uploaderClient.GetPage($"/assessments/{uploaded}/results"));
        Assert.Equal(PeerPool.NeedsInvitedAssessment, page.One("[data-benchmarks-none]").Text().Trim());
        Assert.Empty(page.QuerySelectorAll("table.benchmark-table"));
        var uploaderToken = await uploaderClient.MakeToken("benchmarks", "Viewer");
        var api = await app.Api(uploaderToken).Get($"/api/v1/assessments/{uploaded}/results");
        Assert.Equal(PeerPool.NeedsInvitedAssessment, api["benchmarks"]!["whyNone"].Text());
        Assert.Empty(api["benchmarks"]!["drivers"]!.AsArray());
        var pdf = await PdfText(uploaderClient, uploaded);
        Assert.DoesNotMatch(@"\d+(st|nd|rd|th) percentile", pdf);
        Assert.DoesNotContain(DriverBenchmark.NotEnough, pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AViewerReadsThePoolSettingButCannotChangeIt()
    {
        var (owner, organization) = await SignUp("viewer pool");
        _ = owner;
        var viewer = await ViewerBrowser(organization);
        Assert.Contains("an admin or owner can change this", await viewer.GetPage("/settings/benchmarks"), StringComparison.Ordinal);
        await viewer.AssertRefused(await viewer.PostForm("/settings/benchmarks", [new("inPeerPool", "true")]));
        Assert.False(app.Service(db => db.Organizations.Single(o => o.Id == organization).InPeerPool));
    }

    private sealed record BenchmarkRow(string Text, string Source);

    private static async Task<BenchmarkRow> Row(HttpClient client, Guid assessment, string driver)
    {
        var page = Html.Parse(await client.GetPage($"/assessments/{assessment}/results"));
        var row = page.One($"table.benchmark-table tr[data-driver={driver}]");
        return new BenchmarkRow(row.QuerySelectorAll("td")[1].Text().Trim(), row.GetAttribute("data-source") ?? "");
    }

    /// <summary>The results PDF's text, as pdftotext reads it, with every run of white space one space.</summary>
    private static async Task<string> PdfText(HttpClient client, Guid assessment)
    {
        var response = await client.GetAsync(new Uri($"/assessments/{assessment}/results/report.pdf", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        using var pdf = new Poppler(await response.Content.ReadAsByteArrayAsync());
        return Spaces().Replace(pdf.RawText(), " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    private async Task<JsonNode> Strategy(string token, Guid assessment) =>
        (await app.Api(token).Get($"/api/v1/assessments/{assessment}/results"))["benchmarks"]!["drivers"]!.AsArray().Single(d => d!["driver"].Text() == "strategy")!;

    /// <summary>The signed-in organization whose results are read: five people answering every statement <paramref name="score"/>.</summary>
    private async Task<(HttpClient Client, string Token, Guid Assessment)> Viewer(CompanyPhase phase, AcvBand acv, int score, bool inPool = false)
    {
        var (client, organization) = await SignUp($"{phase} {acv}");
        SetContext(organization, phase, acv, inPool);
        var assessment = app.SeedClosedAssessment(organization, "Q3 team assessment", 5, [.. Enumerable.Range(0, 5).Select(_ => Answer("seller", "East", score))]);
        return (client, await client.MakeToken("benchmarks", "Viewer"), assessment);
    }

    /// <summary>Another organization with one closed assessment: one person per value, or five people answering the one value.</summary>
    private Guid Peer(CompanyPhase phase, AcvBand acv, int value, int people = 5, int closedDaysAgo = 1) =>
        Peer(phase, acv, [.. Enumerable.Repeat(value, people)], closedDaysAgo: closedDaysAgo);

    private Guid Peer(CompanyPhase phase, AcvBand acv, int[] values, bool inPool = true, int closedDaysAgo = 1)
    {
        var id = app.Service(db =>
        {
            var organization = new Organization { Name = $"Peer {Guid.NewGuid():N}", Phase = phase, Acv = acv, InPeerPool = inPool };
            db.Organizations.Add(organization);
            db.SaveChanges();
            return organization.Id;
        });
        var assessment = app.SeedClosedAssessment(id, "Peer wave", values.Length, [.. values.Select(v => Answer("seller", "East", v))]);
        var closed = DateTime.UtcNow.AddDays(-closedDaysAgo);
        app.Service(db => db.Assessments.Where(a => a.Id == assessment).ExecuteUpdate(s => s.SetProperty(a => a.ClosedAt, closed).SetProperty(a => a.CreatedAt, closed)));
        return id;
    }

    private void SetContext(Guid organization, CompanyPhase phase, AcvBand acv, bool inPool) => app.Service(db =>
        db.Organizations.Where(o => o.Id == organization).ExecuteUpdate(s => s
            .SetProperty(o => o.Phase, phase).SetProperty(o => o.Acv, acv).SetProperty(o => o.InPeerPool, inPool)));

    private async Task<(HttpClient Client, Guid Organization)> SignUp(string name)
    {
        var organization = $"Benchmarks {name} {Guid.NewGuid():N}";
        var client = app.Browser();
        await client.SignUp($"{Guid.NewGuid():N}@example.com", organization);
        return (client, app.Service(db => db.Organizations.Single(o => o.Name == organization).Id));
    }

    private async Task<HttpClient> ViewerBrowser(Guid organization)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        const string password = "a viewer reads settings calmly";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, DisplayName = "Board member" };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Memberships.Add(new Membership { OrganizationId = organization, UserId = user.Id, Role = MemberRole.Viewer });
            await db.SaveChangesAsync();
        }

        var client = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostForm("/signin", [new("Email", email), new("Password", password)])).StatusCode);
        return client;
    }

    private (int Code, string Stdout, string Stderr) Cli(params string[] arguments)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run([.. arguments, "--data", app.DataFolder, .. app.DatabaseArguments], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
