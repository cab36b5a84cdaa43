using System.Net;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Tests.Security;

public sealed class SecurityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/quick")]
    [InlineData("/s/AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task EveryPageSendsTheSecurityHeaders(string url)
    {
        var response = await app.Browser().GetAsync(url);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryTokenIsRefused()
    {
        var response = await app.Browser().PostAsync("/quick", new FormUrlEncodedContent([new("Phase", "scale")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task PagesInsideAnOrganizationNeedSigningIn()
    {
        foreach (var url in new[] { "/settings", "/people", "/assessments" })
        {
            var response = await app.Browser().GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/signin", response.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task TheHealthEndpointChecksTheDatabase()
    {
        Assert.Equal("Healthy", await app.Browser().GetPage("/healthz"));
    }

    [Theory]
    [InlineData("/s/abcDEF123_-abcDEF123_/page/2", "/s/…/page/2")]
    [InlineData("/q/abcDEF123_-abcDEF123_", "/q/…")]
    [InlineData("/join/abcDEF123_-abcDEF123_", "/join/…")]
    [InlineData("/assessments/3f2b/results", "/assessments/3f2b/results")]
    public void LoggedPathsNeverCarryPersonalTokens(string path, string logged) => Assert.Equal(logged, RequestLogging.Redact(path));
}

public sealed class RateLimitTests : IClassFixture<RateLimitTests.StrictApp>
{
    private readonly StrictApp _app;

    public RateLimitTests(StrictApp app) => _app = app;

    public sealed class StrictApp : IDisposable
    {
        public AppFactory Factory { get; } = new();

        public StrictApp()
        {
            Factory.Settings["SalesWheel:RateLimits:SignInPerMinute"] = "3";
            Factory.Settings["SalesWheel:RateLimits:SurveyPerMinute"] = "3";
        }

        public void Dispose() => Factory.Dispose();
    }

    [Fact]
    public async Task RepeatedSignInAttemptsAndSurveyRequestsGet429WithRetryAfter()
    {
        var client = _app.Factory.Browser();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/signin")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        var survey = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            survey.Add(await client.GetAsync("/s/AAAAAAAAAAAAAAAAAAAAAA"));
        }

        var limited = survey.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.Contains("Retry-After"));
    }
}
