using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Cli.Tests;

public sealed class DemoCommandTests
{
    private static readonly string[] Roles = ["leader", "manager", "seller", "ops & enablement"];

    [Fact]
    public async Task DemoCreatesAnOrganizationWithAnOwnerWhoseLoginItPrints()
    {
        var folder = Cli.TempFolder();
        var (code, output, error) = Cli.Run("demo", "--data", folder);
        Assert.True(code == 0, error);

        var email = Field(output, "Email");
        var password = Field(output, "Password");
        Assert.Matches(@"^demo-owner-[a-z0-9]+@example\.com$", email);
        await using var db = Open(folder);
        var organization = await db.Organizations.SingleAsync();
        Assert.Equal("Northwind Cloud (demo)", organization.Name);
        Assert.Equal(Core.Scoring.CompanyPhase.Scale, organization.Phase);
        Assert.Equal(Core.Scoring.AcvBand.From15KTo50K, organization.Acv);
        var owner = await db.Users.SingleAsync(u => u.Email == email);
        Assert.Equal(email.ToUpperInvariant(), owner.NormalizedEmail);
        Assert.NotEqual(PasswordVerificationResult.Failed, new PasswordHasher<AppUser>().VerifyHashedPassword(owner, owner.PasswordHash!, password));
        Assert.Equal(MemberRole.Owner, (await db.Memberships.SingleAsync(m => m.UserId == owner.Id && m.OrganizationId == organization.Id)).Role);

        var people = await db.People.Where(p => p.OrganizationId == organization.Id).ToListAsync();
        Assert.InRange(people.Count, 70, 100);
        Assert.All(people, p => Assert.EndsWith("@example.com", p.Email));
        Assert.Contains(people, p => p.Name == "Demo Seller 12");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void TheDemosDataFolderIsForItsOwnerOnlyAndAnOpenOneIsNarrowedWithAWarning()
    {
        var folder = Path.Combine(Cli.TempFolder(), "new");
        Assert.Equal(0, Cli.Run("demo", "--data", folder).ExitCode);
        Assert.Equal(DataFolder.OwnerOnly, File.GetUnixFileMode(folder));

        var open = Cli.TempFolder();
        File.SetUnixFileMode(open, DataFolder.OwnerOnly | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var (code, _, error) = Cli.Run("demo", "--data", open);
        Assert.Equal(0, code);
        Assert.Equal(DataFolder.OwnerOnly, File.GetUnixFileMode(open));
        Assert.Contains("warning: The data folder", error);
    }

    [Fact]
    public async Task TheClosedAssessmentHoldsAboutEightyAnswersThatTellTheDemoStory()
    {
        var folder = Cli.TempFolder();
        Assert.Equal(0, Cli.Run("demo", "--data", folder).ExitCode);

        await using var db = Open(folder);
        var organization = await db.Organizations.SingleAsync();
        var closed = await db.Assessments.SingleAsync(a => a.OrganizationId == organization.Id && a.Name == "Q3 team assessment");
        Assert.Equal(AssessmentStatus.Closed, closed.Status);
        var responses = await db.SurveyResponses.Where(r => r.AssessmentId == closed.Id).ToListAsync();
        Assert.InRange(responses.Count, 75, 85);
        Assert.Equal(responses.Count, await db.Invitations.CountAsync(i => i.AssessmentId == closed.Id && i.State == InvitationState.Submitted));
        // Roles and teams are stored sealed with the data folder's submission key: readable with it, not without.
        var seal = SubmissionSeal.FromConfiguredKeyOrFile(null, Path.Combine(folder, "keys", "submission.key"));
        Assert.All(responses, r => Assert.DoesNotContain(r.Role, Roles));
        Assert.All(responses, r => Assert.Contains(seal.OpenAttribute(closed.Id, r.Role), Roles));
        Assert.InRange(responses.Count(r => !string.IsNullOrWhiteSpace(r.Comment)), 3, 15);

        // The data tells the story: leaders see Enablement far higher than sellers do. (Shared results hide the leaders,
        // who are exactly team Leadership, hidden with the 2-person Partners: see DemoAnonymityTests.)
        var scoring = new AssessmentScoring(db, seal);
        Assert.Equal(responses.Count, (await scoring.ResultAsync(closed, organization)).Respondents);
        var report = await scoring.ComputeAsync(closed, AssessmentScoring.OptionsFor(organization) with { SuppressAcrossBreakdowns = false });
        var byRole = report.Breakdowns.Single(b => b.By == "role").Groups.ToDictionary(g => g.Value);
        Assert.True(byRole["leader"].Scores!["enablement"] > byRole["seller"].Scores!["enablement"] + 10);
    }

    [Fact]
    public async Task TheLinksFileHasOneRowPerOpenInvitationAndOnlyTheTokensHashesAreStored()
    {
        var folder = Cli.TempFolder();
        var (code, output, _) = Cli.Run("demo", "--data", folder);
        Assert.Equal(0, code);

        var path = Field(output, "Survey links");
        var rows = File.ReadAllLines(path);
        Assert.Equal("name,email,role,team,link", rows[0]);
        var tokens = rows.Skip(1).Select(r => Regex.Match(r, "/s/([A-Za-z0-9_-]{22})$").Groups[1].Value).ToList();
        Assert.All(tokens, t => Assert.True(Tokens.LooksValid(t), t));

        await using var db = Open(folder);
        var open = await db.Assessments.SingleAsync(a => a.Name == "Q4 pulse (quick form)");
        Assert.Equal(AssessmentStatus.Open, open.Status);
        Assert.True(open.QuickForm);
        var stored = await db.Invitations.Where(i => i.AssessmentId == open.Id).Select(i => i.TokenHash).ToListAsync();
        Assert.Equal(stored.Count, tokens.Count);
        Assert.Equal(stored.Order(), tokens.Select(Tokens.Hash).Order());
        Assert.Empty(stored.Intersect(tokens));
    }

    [Fact]
    public async Task RunningDemoTwiceCreatesASecondOrganizationWithANewOwner()
    {
        var folder = Cli.TempFolder();
        var first = Cli.Run("demo", "--data", folder);
        var second = Cli.Run("demo", "--data", folder);
        Assert.Equal(0, first.ExitCode);
        Assert.True(second.ExitCode == 0, second.Error);

        Assert.NotEqual(Field(first.Out, "Email"), Field(second.Out, "Email"));
        Assert.NotEqual(Field(first.Out, "Survey links"), Field(second.Out, "Survey links"));
        await using var db = Open(folder);
        Assert.Equal(2, await db.Organizations.CountAsync(o => o.Name == "Northwind Cloud (demo)"));
        Assert.Equal(2, await db.Memberships.CountAsync(m => m.Role == MemberRole.Owner));
    }

    [Fact]
    public void AConnectionStringChoosesTheDatabase()
    {
        var folder = Cli.TempFolder();
        var database = Path.Combine(folder, "elsewhere.db");
        var (code, output, error) = Cli.Run("demo", "--data", folder, "--connection", $"Data Source={database}");
        Assert.True(code == 0, error);
        Assert.Contains($"Database: {database}", output);
        Assert.True(File.Exists(database));
        Assert.False(File.Exists(Path.Combine(folder, "saleswheel.db")));
    }

    [Fact]
    public void ADataFolderThatIsAFileIsAClearError()
    {
        var file = Path.Combine(Cli.TempFolder(), "not-a-folder");
        File.WriteAllText(file, "");
        var (code, _, error) = Cli.Run("demo", "--data", file);
        Assert.Equal(1, code);
        Assert.Contains("not-a-folder", error);
    }

    [Fact]
    public void TheSampleCommandStillWritesTheShippedSampleFileByteForByte()
    {
        // The demo shares DemoCompany's generator with 'sample'; the shipped file must not move because of it.
        var path = Path.Combine(Cli.TempFolder(), "sample.csv");
        Assert.Equal(0, Cli.Run("sample", "--respondents", "60", "--seed", "2026", "--out", path).ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Cli.RepositoryRoot, "samples", "northwind-cloud.csv")), File.ReadAllBytes(path));
    }

    [Fact]
    public void TheDemoAnswersAreTheSampleGeneratorsAnswers()
    {
        var instrument = Core.Instruments.BuiltInInstrument.Full;
        var csv = new StringWriter();
        Core.Samples.DemoCompany.WriteCsv(csv, instrument, 30, 9);
        var rows = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        var respondents = Core.Samples.DemoCompany.Respondents(instrument, 30, 9).ToList();
        Assert.Equal(rows.Count, respondents.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var stored = respondents[r];
            var expected = string.Join(',', new[] { stored.Role, stored.Team }.Concat(stored.Answers.Select(b => b == 0 ? "" : (b - 1 + instrument.Scale.Min).ToString())));
            Assert.Equal(rows[r], expected);
        }
    }

    private static string Field(string output, string name) =>
        Regex.Match(output, $@"^\s*{Regex.Escape(name)}:\s+(.+?)\s*$", RegexOptions.Multiline) is { Success: true } m
            ? m.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"no '{name}:' line in:\n{output}");

    private static AppDbContext Open(string folder)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelSqlite(SqliteDatabase.ConnectionStringFor(Path.Combine(folder, "saleswheel.db")));
        return new AppDbContext(options.Options);
    }
}
