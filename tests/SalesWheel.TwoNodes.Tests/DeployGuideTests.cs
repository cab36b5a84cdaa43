namespace SalesWheel.TwoNodes.Tests;

/// <summary>The nginx these tests run is the guide's: the production site and the two-node try-out proxy alike.</summary>
public sealed class DeployGuideTests
{
    [Theory]
    [InlineData("upstream saleswheel {")]
    [InlineData("location / {")]
    public void TheProductionSiteInTheGuideProxiesExactlyAsTheTwoNodeConfigTheseTestsRun(string block)
    {
        var site = Lines(Nginx.GuideSite());
        var tried = string.Join('\n', Lines(Nginx.GuideConfig()));

        var start = site.IndexOf(block);
        Assert.True(start >= 0, $"the guide's site has no \"{block}\"");
        var end = site.IndexOf("}", start);
        var production = string.Join('\n', site[start..(end + 1)]);

        Assert.Contains(production, tried);
        Assert.Contains(Nginx.GuideNodeA, tried);
        Assert.Contains(Nginx.GuideNodeB, tried);
        Assert.Contains($"listen {Nginx.GuideProxy};", tried);
    }

    // Indentation apart (the try-out nests the site in http { }).
    private static List<string> Lines(string config) =>
        [.. config.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0)];
}
