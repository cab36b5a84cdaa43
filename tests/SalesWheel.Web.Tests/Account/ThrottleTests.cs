using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Tests.Account;

/// <summary>The app with a sign-in throttle on a clock the tests move forward, and a password hasher that counts its checks.</summary>
public sealed class ThrottledApp : IDisposable
{
    public ThrottledApp()
    {
        App.TestServices.Add(services =>
        {
            services.AddSingleton(new SignInThrottle(Clock));
            services.AddSingleton(Hasher);
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<AppUser>>(_ => Hasher));
        });
    }

    public AppFactory App { get; } = new();

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CountingHasher Hasher { get; } = new();

    public void Dispose() => App.Dispose();
}

/// <summary>Identity's password hasher, counting how often a password is checked against a hash.</summary>
public sealed class CountingHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _real = new();
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    public string HashPassword(AppUser user, string password) => _real.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _checks);
        return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

public sealed class ThrottleTests : IClassFixture<ThrottledApp>
{
    private readonly ThrottledApp _throttled;

    private const string Password = "correct horse battery staple";

    private AppFactory App => _throttled.App;

    /// <summary>Every test starts with no failure counted anywhere (a day later for the throttle's clock).</summary>
    public ThrottleTests(ThrottledApp throttled)
    {
        _throttled = throttled;
        throttled.Clock.Advance(TimeSpan.FromDays(2));
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        TimeSpan.FromSeconds(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture));

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string email, string password) =>
        client.PostForm("/signin", [new("Email", email), new("Password", password)]);

    [Fact]
    public async Task RapidGuessingIsSlowedWithAGrowingWaitInsteadOfALockout()
    {
        var email = $"guessed-{Guid.NewGuid():N}@example.com";
        await App.Browser().SignUp(email, "Guessed Co");
        var attacker = App.Browser();
        for (var i = 0; i < SignInThrottle.FreeAccountFailures; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignIn(attacker, email, "guess " + i)).StatusCode);
        }

        // Now even the right password is not checked until the wait is over: guessing cannot go on at full speed.
        var refused = await SignIn(attacker, email, Password);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Contains("Too many wrong passwords for now. Wait 1 second and try again.", await refused.Content.ReadAsStringAsync());

        // Each further failure doubles the wait.
        var waits = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            _throttled.Clock.Advance(TimeSpan.FromSeconds(waits.LastOrDefault(1)));
            Assert.Equal(HttpStatusCode.OK, (await SignIn(attacker, email, "another guess " + i)).StatusCode);
            var next = await SignIn(attacker, email, "too soon");
            Assert.Equal((HttpStatusCode)429, next.StatusCode);
            waits.Add((int)RetryAfter(next).TotalSeconds);
        }

        Assert.Equal([2, 4, 8, 16], waits);
    }

    [Fact]
    public async Task AnAttackersFailuresDoNotKeepTheOwnerOut()
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await App.Browser().SignUp(email, "Kept Out Co");
        var ownBrowser = App.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(ownBrowser, email, Password)).StatusCode);
        await ownBrowser.PostForm("/signout", Html.Antiforgery(await ownBrowser.GetPage("/settings")), []);

        // The attacker guesses on, waiting out each delay.
        var attacker = App.Browser();
        for (var failures = 0; failures < 10;)
        {
            var response = await SignIn(attacker, email, "guess " + failures);
            if (response.StatusCode == (HttpStatusCode)429)
            {
                _throttled.Clock.Advance(RetryAfter(response));
            }
            else
            {
                failures++;
            }
        }

        Assert.Equal((HttpStatusCode)429, (await SignIn(attacker, email, Password)).StatusCode);
        // The owner's own browser (where the account signed in before) is not held up by someone else's failures...
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(ownBrowser, email, Password)).StatusCode);

        // ...and from a new browser the owner waits out the backoff at most, never a lockout.
        var newBrowser = App.Browser();
        var waiting = await SignIn(newBrowser, email, Password);
        Assert.Equal((HttpStatusCode)429, waiting.StatusCode);
        _throttled.Clock.Advance(RetryAfter(waiting));
        Assert.Equal(HttpStatusCode.Redirect, (await SignIn(newBrowser, email, Password)).StatusCode);
    }

    [Fact]
    public async Task GuessingAcrossManyAddressesFromOneClientAddressIsSlowedToo()
    {
        var sprayer = App.Browser();
        for (var i = 0; i < SignInThrottle.FreeClientFailures; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SignIn(sprayer, $"sprayed-{i}-{Guid.NewGuid():N}@example.com", "Summer2024!")).StatusCode);
        }

        var next = await SignIn(sprayer, $"sprayed-next-{Guid.NewGuid():N}@example.com", "Summer2024!");
        Assert.Equal((HttpStatusCode)429, next.StatusCode);
    }

    [Fact]
    public async Task TheWaitReadsTheSameForAnAddressWithoutAnAccount()
    {
        var email = $"real-{Guid.NewGuid():N}@example.com";
        await App.Browser().SignUp(email, "Real Co");
        var nobody = "nobody-" + email;
        var pages = new List<string>();
        foreach (var address in new[] { email, nobody })
        {
            var client = App.Browser();
            for (var i = 0; i < SignInThrottle.FreeAccountFailures; i++)
            {
                await SignIn(client, address, "guess " + i);
            }

            var refused = await SignIn(client, address, "one more");
            Assert.Equal((HttpStatusCode)429, refused.StatusCode);
            pages.Add(AccountTests.Comparable(await refused.Content.ReadAsStringAsync()).Replace(address, "ADDRESS", StringComparison.Ordinal));
        }

        Assert.Equal(pages[0], pages[1]);
    }

    [Fact]
    public async Task SignInChecksAPasswordHashEvenForAnAddressWithoutAnAccount()
    {
        var email = $"timing-{Guid.NewGuid():N}@example.com";
        await App.Browser().SignUp(email, "Timing Co");

        var before = _throttled.Hasher.Checks;
        await SignIn(App.Browser(), "nobody-" + email, "some password");
        Assert.Equal(before + 1, _throttled.Hasher.Checks);
        await SignIn(App.Browser(), email, "some password");
        Assert.Equal(before + 2, _throttled.Hasher.Checks);
    }
}
