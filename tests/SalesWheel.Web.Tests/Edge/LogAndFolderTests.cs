using Microsoft.AspNetCore.Hosting;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Tests.Edge;

public sealed class RequestLogTests
{
    private const string Token = "Zq8xW3vN7kLp2RtY5mB9cD";

    [Theory]
    [InlineData("Information")]
    [InlineData("Debug")]
    [InlineData("Trace")]
    public async Task NoLinkTokenReachesTheLogsWithoutAppsettingsWhateverLevelIsAskedFor(string level)
    {
        // Started from another folder, as a published app run from elsewhere is: no appsettings.json is found.
        var elsewhere = Directory.CreateTempSubdirectory("saleswheel-elsewhere-").FullName;
        using var app = new AppFactory();
        app.Settings["Logging:LogLevel:Default"] = level;
        app.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = level;
        app.Settings["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = level;
        app.Settings["Logging:LogLevel:Microsoft.AspNetCore.Routing"] = level;
        app.Settings["Logging:Console:LogLevel:Microsoft.AspNetCore"] = level;
        using var started = app.WithWebHostBuilder(builder => builder.UseContentRoot(elsewhere));
        Assert.False(File.Exists(Path.Combine(elsewhere, "appsettings.json")));
        var client = started.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        foreach (var url in new[] { $"/s/{Token}", $"/s/{Token}/2", $"/q/{Token}", $"/join/{Token}", $"/reset/{Token}", $"/quick?token={Token}" })
        {
            await client.GetAsync(url);
        }

        var lines = app.Logs.Lines;
        Assert.Contains(lines, line => line.Contains("/s/…", StringComparison.Ordinal)); // the request lines are there, tokens cut out
        Assert.DoesNotContain(lines, line => line.Contains(Token, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/s/abcDEF123_-abcDEF123_/page/2", "/s/…/page/2")]
    [InlineData("/reset/abcDEF123_-abcDEF123_", "/reset/…")]
    [InlineData("/someday/new-kind/abcDEF123_-abcDEF123_", "/someday/new-kind/…")]
    [InlineData("/assessments/3f2b6a1e-8f5c-4a7e-9d2b-1c3e5f7a9b0d/results", "/assessments/3f2b6a1e-8f5c-4a7e-9d2b-1c3e5f7a9b0d/results")]
    [InlineData("/settings/api-tokens", "/settings/api-tokens")]
    public void TheRequestLineCutsOutAnythingThatLooksLikeAToken(string path, string logged) => Assert.Equal(logged, RequestLogging.Redact(path));
}

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderTests
{
    [Fact]
    public void ANewDataFolderIsCreatedForItsOwnerOnly()
    {
        var path = Path.Combine(Path.GetTempPath(), "saleswheel-folder-" + Guid.NewGuid().ToString("N"), "data");
        Assert.Null(DataFolder.Secure(path));
        Assert.Equal(DataFolder.OwnerOnly, File.GetUnixFileMode(path));
    }

    [Fact]
    public void AnExistingDataFolderOpenToOthersIsNarrowedAndSaysSo()
    {
        var path = Directory.CreateTempSubdirectory("saleswheel-folder-").FullName;
        File.SetUnixFileMode(path, DataFolder.OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var said = DataFolder.Secure(path);
        Assert.Equal(DataFolder.OwnerOnly, File.GetUnixFileMode(path));
        Assert.Contains("0755", said);
        Assert.Contains("now 0700", said);
        Assert.Null(DataFolder.Secure(path));
    }

    [Fact]
    public async Task TheAppNarrowsItsDataFolderAtStartAndWarnsInTheLog()
    {
        using var app = new AppFactory();
        Directory.CreateDirectory(app.DataFolder);
        File.SetUnixFileMode(app.DataFolder, DataFolder.OwnerOnly | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        await app.Browser().GetAsync("/healthz");
        Assert.Equal(DataFolder.OwnerOnly, File.GetUnixFileMode(app.DataFolder));
        Assert.Contains(app.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("now 0700", StringComparison.Ordinal));
    }
}
