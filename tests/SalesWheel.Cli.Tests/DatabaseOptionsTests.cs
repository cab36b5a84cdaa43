namespace SalesWheel.Cli.Tests;

/// <summary>The commands that open the web app's database say what is wrong with --provider and --connection.</summary>
public sealed class DatabaseOptionsTests
{
    [Theory]
    [InlineData("demo")]
    [InlineData("users", "reset-password", "owner@example.com")]
    [InlineData("norms", "export", "--out", "norms.json")]
    public void PostgresWithoutAConnectionStringSaysWhatToSetAndExitsWithOne(params string[] command)
    {
        var (code, output, error) = Cli.Run([.. command, "--data", Cli.TempFolder(), "--provider", "postgres"]);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Empty(output);
        Assert.Contains("ConnectionStrings:SalesWheel", error);
    }

    [Fact]
    public void AnUnknownProviderIsRefusedByNameWithTheTwoItKnows()
    {
        var (code, _, error) = Cli.Run("demo", "--data", Cli.TempFolder(), "--provider", "mysql");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("\"mysql\" is not known: use sqlite (the default) or postgres", error);
    }

    [Fact]
    public void PostgresThatCannotBeReachedIsAnErrorThatNamesNoPassword()
    {
        var (code, _, error) = Cli.Run("demo", "--data", Cli.TempFolder(), "--provider", "postgres",
            "--connection", "Host=127.0.0.1;Port=1;Username=saleswheel;Password=hunter2-secret;Timeout=3");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("error: could not create the demo organization:", error);
        Assert.DoesNotContain("hunter2-secret", error);
    }
}
