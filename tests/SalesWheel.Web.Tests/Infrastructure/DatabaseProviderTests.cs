using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SalesWheel.Cli;
using SalesWheel.Data;
using SalesWheel.Data.Postgres;

namespace SalesWheel.Web.Tests.Infrastructure;

/// <summary>
/// The web app and the CLI open the same database through the same switch, on either provider (test.sh runs these on
/// SQLite and on PostgreSQL).
/// </summary>
public sealed partial class DatabaseProviderTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TheDemoCommandFillsTheAppsOwnDatabaseAndItsOwnerSignsInThere()
    {
        _ = app.Services; // the app is running on its database, as when an operator runs the command beside it

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(["demo", "--data", app.DataFolder, .. app.DatabaseArguments, "--base-url", "https://localhost"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        var printed = stdout.ToString();
        Assert.Contains(TestDatabase.IsPostgres ? "Database: PostgreSQL database saleswheel_" : $"Database: {Path.Combine(app.DataFolder, "saleswheel.db")}", printed);

        var browser = app.Browser();
        var signIn = await browser.PostForm("/signin", [new("Email", Login().Match(printed).Groups[1].Value), new("Password", Password().Match(printed).Groups[1].Value)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var assessments = Html.Parse(await browser.GetPage("/assessments")).Text();
        Assert.Contains(DemoCommand.ClosedAssessmentName, assessments);
        Assert.Contains(DemoCommand.OpenAssessmentName, assessments);
    }

    [Theory]
    [InlineData("Host=db;Database=saleswheel", 64, true)]
    [InlineData("Host=db;Database=saleswheel;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;Database=saleswheel;MaxAutoPrepare=10;No Reset On Close=false", 10, false)]
    [InlineData("Host=db;Database=saleswheel;NoResetOnClose=false", 64, false)]
    public void PostgreSqlConnectionsPrepareAndSkipTheResetUnlessTheConnectionStringSaysOtherwise(string given, int maxAutoPrepare, bool noResetOnClose)
    {
        var used = new NpgsqlConnectionStringBuilder(PostgresDatabase.WithPoolDefaults(given));
        Assert.Equal((maxAutoPrepare, noResetOnClose, "db", "saleswheel"), (used.MaxAutoPrepare, used.NoResetOnClose, used.Host, used.Database));
    }

    [Fact]
    public async Task TheAppsOwnPostgreSqlConnectionsUseThePoolDefaults()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!TestDatabase.IsPostgres)
        {
            Assert.True(db.Database.IsSqlite());
            return;
        }

        var used = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal((64, true), (used.MaxAutoPrepare, used.NoResetOnClose));
    }

    [GeneratedRegex(@"Email:\s+(\S+)")]
    private static partial Regex Login();

    [GeneratedRegex(@"Password:\s+(\S+)")]
    private static partial Regex Password();
}
