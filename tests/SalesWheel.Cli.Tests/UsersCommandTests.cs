using System.Text.RegularExpressions;

namespace SalesWheel.Cli.Tests;

public sealed class UsersCommandTests
{
    [Fact]
    public void ResetPasswordWithoutADatabaseSaysWhereItLookedAndExitsWithOne()
    {
        var folder = Cli.TempFolder();
        var (code, output, error) = Cli.Run("users", "reset-password", "owner@example.com", "--data", folder);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Empty(output);
        Assert.Contains($"there is no SalesWheel database at {Path.Combine(folder, "saleswheel.db")}", error);
    }

    [Fact]
    public void ResetPasswordPrintsAOneTimeLinkForTheDemoOwner()
    {
        var folder = Cli.TempFolder();
        var demo = Cli.Run("demo", "--data", folder).Out;
        var email = Regex.Match(demo, @"Email:\s+(\S+)").Groups[1].Value;

        var (code, output, error) = Cli.Run("users", "reset-password", email, "--data", folder, "--base-url", "https://wheel.example.com/");

        Assert.True(code == 0, error);
        Assert.Matches(@"^  https://wheel\.example\.com/reset-password/[A-Za-z0-9_-]{22}$", output.Split('\n')[1].TrimEnd('\r'));
        Assert.Contains("It works once, until", output);
    }

    [Fact]
    public void ResetPasswordNeedsTheEmail()
    {
        Assert.Equal(CliApp.UsageError, Cli.Run("users", "reset-password").ExitCode);
    }
}
