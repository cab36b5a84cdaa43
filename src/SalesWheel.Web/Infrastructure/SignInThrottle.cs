using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.DataProtection;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// Slows password guessing without letting anyone lock an owner out. Failed password checks are counted per account
/// (the address typed, whether or not an account has it, so the answer tells nothing) and per client address; past a
/// few free failures each new one makes the next attempt wait twice as long (1 s, 2 s, 4 s … up to
/// <see cref="LongestWait"/>) instead of locking the account for a fixed time. A browser in which the account signed in
/// before holds a device cookie (<see cref="DeviceCookie"/>) and is counted on its own: a stranger's failures never
/// delay the owner's own browser, and a new browser waits out the backoff at most.
/// </summary>
/// <remarks>
/// "Client address" is <c>HttpContext.Connection.RemoteIpAddress</c>. Behind a reverse proxy that is the proxy's
/// address unless the forwarded headers of that proxy are honoured (SalesWheel:KnownProxies); otherwise every client
/// behind the proxy shares one counter. The counters live in memory: a restart forgets them.
/// </remarks>
public sealed class SignInThrottle(TimeProvider clock)
{
    /// <summary>Failures of one account (from browsers it never signed in from) before waits start: the next attempt waits 1 s, then 2 s, 4 s…</summary>
    public const int FreeAccountFailures = 5;

    /// <summary>Failures from one client address, over all accounts, before waits start (password spraying).</summary>
    public const int FreeClientFailures = 20;

    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);

    /// <summary>A counter with no failure for this long starts again from zero.</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, Counter> _counters = new();

    /// <summary>How long this attempt has to wait before its password is even checked (zero: go ahead).</summary>
    public TimeSpan WaitFor(SignInAttempt attempt)
    {
        var now = clock.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var (key, _) in attempt.Keys())
        {
            if (_counters.TryGetValue(key, out var counter) && counter.WaitUntil - now > wait)
            {
                wait = counter.WaitUntil - now;
            }
        }

        return wait;
    }

    /// <summary>Counts a wrong password (or an unknown address) against every counter of the attempt.</summary>
    public void Failed(SignInAttempt attempt)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, free) in attempt.Keys())
        {
            _counters.AddOrUpdate(key, _ => Next(0, free, now), (_, counter) => Next(now - counter.LastFailure > Forget ? 0 : counter.Failures, free, now));
        }

        if (_counters.Count > 100_000)
        {
            foreach (var (key, counter) in _counters)
            {
                if (now - counter.LastFailure > Forget)
                {
                    _counters.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>The right password: the account's counters start again (the client address's does not: it may be spraying).</summary>
    public void Succeeded(SignInAttempt attempt)
    {
        foreach (var (key, _) in attempt.Keys())
        {
            if (!key.StartsWith(SignInAttempt.ClientPrefix, StringComparison.Ordinal))
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    private static Counter Next(int failures, int free, DateTimeOffset now)
    {
        var count = failures + 1;
        var wait = count < free ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Math.Pow(2, count - free), LongestWait.TotalSeconds));
        return new Counter(count, now, now + wait);
    }

    private sealed record Counter(int Failures, DateTimeOffset LastFailure, DateTimeOffset WaitUntil);
}

/// <summary>One password check: the account (normalized address), the client address, and the device cookie if it is for this account.</summary>
public sealed record SignInAttempt(string Account, IPAddress? Client, string? Device)
{
    internal const string ClientPrefix = "client ";

    public static SignInAttempt For(HttpContext http, string email) =>
        For(http, email, DeviceCookie.Read(http, email));

    public static SignInAttempt For(HttpContext http, string email, string? device) =>
        new(Normalize(email), http.Connection.RemoteIpAddress, device);

    public static string Normalize(string email) => email.Trim().ToUpperInvariant();

    /// <summary>The counters this attempt is held to, with the failures each allows for free.</summary>
    internal IEnumerable<(string Key, int Free)> Keys()
    {
        if (Device is not null)
        {
            // The account's own browser: only its own counter, so nobody else's failures can keep the owner out.
            yield return ($"device {Device} {Account}", SignInThrottle.FreeAccountFailures);
            yield break;
        }

        yield return ("account " + Account, SignInThrottle.FreeAccountFailures);
        yield return (ClientPrefix + (Client?.ToString() ?? "unknown"), SignInThrottle.FreeClientFailures);
    }
}

/// <summary>
/// A cookie that marks a browser in which an account signed in successfully (OWASP's "device cookie"): it names the
/// account and a random device id, protected by ASP.NET Core data protection so it cannot be made up.
/// </summary>
public static class DeviceCookie
{
    public const string Name = "saleswheel.device";
    private const string Purpose = "SalesWheel.DeviceCookie";

    /// <summary>The device id when the browser's cookie is for this account, else null.</summary>
    public static string? Read(HttpContext http, string email)
    {
        if (!http.Request.Cookies.TryGetValue(Name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = Protector(http).Unprotect(value).Split('\n');
            return parts.Length == 2 && parts[0] == SignInAttempt.Normalize(email) ? parts[1] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Marks the browser as the account's own (after the right password).</summary>
    public static void Issue(HttpContext http, string email, string? device)
    {
        var value = Protector(http).Protect(SignInAttempt.Normalize(email) + "\n" + (device ?? SalesWheel.Data.Tokens.New()));
        http.Response.Cookies.Append(Name, value, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            MaxAge = TimeSpan.FromDays(180),
            IsEssential = true,
        });
    }

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
