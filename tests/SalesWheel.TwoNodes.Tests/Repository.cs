namespace SalesWheel.TwoNodes.Tests;

/// <summary>Where the web app's build and the deployment guide are, seen from this test's output folder.</summary>
public static class Repository
{
    public static string Root => RepositoryFiles.Root;

    public static string WebProject => Path.Combine(Root, "src", "SalesWheel.Web");

    /// <summary>The web app built in this test's own configuration (Release in CI: <c>dotnet build -c Release</c>).</summary>
    public static string WebDll => Path.Combine(WebProject, "bin", Configuration, "net10.0", "SalesWheel.Web.dll");

    public static string DeployGuide => Path.Combine(Root, "docs", "deploy.md");

    // This assembly lives in tests/SalesWheel.TwoNodes.Tests/bin/CONFIGURATION/net10.0.
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
}
