using System.Net;

namespace SalesWheel.Web.Tests.Edge;

public sealed class ErrorPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/error?status=200")]
    [InlineData("/error?status=302")]
    [InlineData("/error?status=204")]
    [InlineData("/error?status=101")]
    [InlineData("/error?status=600")]
    [InlineData("/error?status=-1")]
    [InlineData("/error?status=abc")]
    [InlineData("/error")]
    public async Task TheErrorPageNeverAnswersWithAStatusThatIsNotAnError(string url)
    {
        var response = await app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task TheErrorPageShowsRealErrorStatuses(int status)
    {
        var response = await app.Browser().GetAsync($"/error?status={status}");
        Assert.Equal(status, (int)response.StatusCode);
    }

    [Fact]
    public async Task AnAddressThatLeadsNowhereStillGetsTheNotFoundPage()
    {
        var response = await app.Browser().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>An app allowing 3 quick-check requests a minute per client.</summary>
public sealed class LowQuickCheckLimit : IDisposable
{
    public AppFactory App { get; } = new();

    public LowQuickCheckLimit() => App.Settings["SalesWheel:RateLimits:QuickCheckPerMinute"] = "3";

    public void Dispose() => App.Dispose();
}

public sealed class QuickCheckRateLimitTests(LowQuickCheckLimit limit) : IClassFixture<LowQuickCheckLimit>
{
    [Fact]
    public async Task TheQuickCheckIsRateLimitedPerClientLikeSignIn()
    {
        var app = limit.App.WithPeers();
        var client = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetFrom("198.51.100.40", "/quick")).StatusCode);
        }

        // Posting (which stores a quick check) and result links count against the same budget.
        var refused = await client.GetFrom("198.51.100.40", "/q/AAAAAAAAAAAAAAAAAAAAAA");
        statuses.Add(refused.StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(refused.Headers.Contains("Retry-After"));

        // Another client is not held back by the first.
        Assert.Equal(HttpStatusCode.OK, (await client.GetFrom("198.51.100.41", "/quick")).StatusCode);
    }
}
