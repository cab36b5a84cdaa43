using System.Net;

namespace SalesWheel.Web.Tests.Api;

/// <summary>An app whose API allows 3 calls a minute per token (or per address without one).</summary>
public sealed class LowApiLimits : IDisposable
{
    public AppFactory App { get; } = new();

    public LowApiLimits()
    {
        App.Settings["SalesWheel:RateLimits:ApiPerMinute"] = "3";
        App.Settings["SalesWheel:RateLimits:ApiPerAddressPerMinute"] = "1000";
    }

    public void Dispose() => App.Dispose();
}

public sealed class ApiRateLimitTests(LowApiLimits limits) : IClassFixture<LowApiLimits>
{
    private AppFactory App => limits.App;

    [Fact]
    public async Task ATokenOverItsLimitGets429WithRetryAfterWhileAnotherTokenGoesOn()
    {
        var (browser, _) = await Assessments.AssessmentKit.NewOrganization(App, "Busy Co");
        var busy = App.Api(await browser.MakeToken("busy"));
        var calm = App.Api(await browser.MakeToken("calm"));
        for (var i = 0; i < 3; i++)
        {
            await busy.Get("/api/v1/organization");
        }

        var refused = await busy.GetAsync("/api/v1/organization");
        var problem = await ApiKit.AssertProblem(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains("Try again in", problem["detail"].Text(), StringComparison.Ordinal);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        await calm.Get("/api/v1/organization");
    }

    [Fact]
    public async Task CallsWithoutATokenAreLimitedByAddress()
    {
        var anonymous = App.Api(null);
        for (var i = 0; i < 3; i++)
        {
            await ApiKit.AssertProblem(await anonymous.GetAsync("/api/v1/people"), HttpStatusCode.Unauthorized);
        }

        var refused = await anonymous.GetAsync("/api/v1/people");
        await ApiKit.AssertProblem(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }
}

/// <summary>An app whose API allows 5 calls a minute from one address, whatever the tokens.</summary>
public sealed class LowAddressLimit : IDisposable
{
    public AppFactory App { get; } = new();

    public LowAddressLimit()
    {
        App.Settings["SalesWheel:RateLimits:ApiPerAddressPerMinute"] = "5";
    }

    public void Dispose() => App.Dispose();
}

public sealed class ApiAddressLimitTests(LowAddressLimit limits) : IClassFixture<LowAddressLimit>
{
    [Fact]
    public async Task MadeUpTokensDoNotGetAroundTheLimitOfAnAddress()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var response = await limits.App.Api("swk_" + Data.Tokens.New()).GetAsync("/api/v1/people");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5).Append(HttpStatusCode.TooManyRequests), statuses);
    }
}
