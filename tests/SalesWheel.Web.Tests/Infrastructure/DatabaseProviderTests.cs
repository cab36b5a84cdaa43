using System.Net;
using System.Text.RegularExpressions;
using SalesWheel.Cli;

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

    [GeneratedRegex(@"Email:\s+(\S+)")]
    private static partial Regex Login();

    [GeneratedRegex(@"Password:\s+(\S+)")]
    private static partial Regex Password();
}
