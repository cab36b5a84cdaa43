using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Tests.Edge;

/// <summary>An app behind a proxy at 10.0.0.0/8 (and 192.0.2.10), allowing 3 sign-in pages a minute per client.</summary>
public sealed class BehindAProxy : IDisposable
{
    public AppFactory Factory { get; } = new();

    public WebApplicationFactory<Program> App { get; }

    public BehindAProxy()
    {
        Factory.Settings["SalesWheel:RateLimits:SignInPerMinute"] = "3";
        Factory.Settings["SalesWheel:KnownProxies"] = "10.0.0.0/8, 192.0.2.10";
        App = Factory.WithPeers();
    }

    public void Dispose() => Factory.Dispose();
}

public sealed class KnownProxiesTests
{
    [Fact]
    public void KnownProxiesAreReadAsAListOrAsOneCommaSeparatedValue()
    {
        var list = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SalesWheel:KnownProxies:0"] = "10.0.0.0/8",
            ["SalesWheel:KnownProxies:1"] = "::1",
        }).Build();
        var single = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SalesWheel:KnownProxies"] = "10.0.0.0/8, ::1",
        }).Build();
        foreach (var configuration in new[] { list, single })
        {
            var (addresses, networks) = ReverseProxy.KnownProxies(configuration);
            Assert.Equal([IPAddress.IPv6Loopback], addresses);
            Assert.Equal([System.Net.IPNetwork.Parse("10.0.0.0/8")], networks);
        }
    }
}

public sealed class ReverseProxyTests(BehindAProxy proxy) : IClassFixture<BehindAProxy>
{
    [Fact]
    public async Task AClientThatMakesUpXForwardedForStaysInItsOwnRateLimitPartition()
    {
        var client = proxy.App.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            statuses.Add((await client.GetFrom("203.0.113.7", "/signin", ("X-Forwarded-For", $"198.51.100.{i}"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task BehindAKnownProxyEachRealClientHasItsOwnRateLimit()
    {
        var client = proxy.App.Client();
        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            first.Add((await client.GetFrom("10.1.2.3", "/signin", ("X-Forwarded-For", "198.51.100.21"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);

        // Another client through the same proxy (and through a second known proxy in a chain) is not held back.
        Assert.Equal(HttpStatusCode.OK, (await client.GetFrom("10.1.2.3", "/signin", ("X-Forwarded-For", "198.51.100.22"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetFrom("192.0.2.10", "/signin", ("X-Forwarded-For", "198.51.100.23, 10.9.9.9"))).StatusCode);

        // A made-up address put in front by the client does not help it: the proxy appends the real one last.
        Assert.Equal(HttpStatusCode.TooManyRequests,
            (await client.GetFrom("10.1.2.3", "/signin", ("X-Forwarded-For", "203.0.113.99, 198.51.100.21"))).StatusCode);
    }

    [Fact]
    public async Task HttpsThroughAKnownProxyGivesSecureCookiesAndHsts()
    {
        // The proxy speaks plain HTTP to the app and says the client used HTTPS.
        var client = proxy.App.Client("http://wheel.example.com");
        var response = await client.GetFrom("10.0.0.2", "/signin", ("X-Forwarded-For", "198.51.100.31"), ("X-Forwarded-Proto", "https"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single());
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task XForwardedProtoFromAnUnknownPeerIsIgnored()
    {
        var client = proxy.App.Client("http://wheel.example.com");
        var response = await client.GetFrom("203.0.113.8", "/signin", ("X-Forwarded-Proto", "https"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task HttpsStraightToTheAppGivesSecureCookiesAndHsts()
    {
        var response = await proxy.App.Client("https://wheel.example.com").GetFrom("203.0.113.9", "/signin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
    }
}
