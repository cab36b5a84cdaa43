using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SalesWheel.Load;

/// <summary>
/// Virtual respondents: each takes one whole survey as a browser would — every page fetched, its antiforgery token and
/// cookie sent back, every question answered, redirects followed — then starts the next link, until time is up.
/// </summary>
internal static partial class Runner
{
    public static async Task<int> RunAsync(string url, int concurrency, double seconds, double warmUpSeconds, string data)
    {
        var tokens = new ConcurrentQueue<string>(await File.ReadAllLinesAsync(Path.Combine(data, "load-tokens.txt")));
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

        // Warm-up: the same load for a while first, so what is measured is the server in its steady state (the JIT
        // has compiled the hot code with its profile, pools and caches are filled), as a server is after its first
        // minute. Its surveys are stored too and count in the "nothing lost" check; its errors count as errors.
        var warmUp = await Phase(http, tokens, concurrency, warmUpSeconds);
        Console.WriteLine($"warm-up:             {warmUp.Completed} surveys in {warmUp.Elapsed:0.0} s ({warmUp.Completed / Math.Max(warmUp.Elapsed, 0.001):0.0} surveys/s; not in the figures below), {warmUp.Errors} errors (counted below)");

        var (completed, errors, firstErrors, latencies, elapsed) = await Phase(http, tokens, concurrency, seconds);
        errors += warmUp.Errors;
        foreach (var error in warmUp.FirstErrors)
        {
            firstErrors.Enqueue(error);
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();

        Console.WriteLine($"surveys completed:   {completed} in {elapsed:0.0} s = {completed / elapsed:0.0} surveys/s with {concurrency} at a time");
        Console.WriteLine($"page requests:       {all.Length} = {all.Length / elapsed:0} requests/s");
        Console.WriteLine($"page latency:        p50 {Percentile(all, 0.50):0.0} ms, p95 {Percentile(all, 0.95):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms, max {all.LastOrDefault():0.0} ms");
        Console.WriteLine($"errors:              {errors}");
        foreach (var error in firstErrors)
        {
            Console.WriteLine($"  e.g. {error}");
        }

        await StaticCeiling(http, concurrency, Math.Min(10, seconds));
        await ResultsPage(http, data);
        Console.WriteLine($"completed={completed} warmup={warmUp.Completed} errors={errors}");
        return errors == 0 ? 0 : 1;
    }

    private sealed record PhaseResult(int Completed, int Errors, ConcurrentQueue<string> FirstErrors, ConcurrentBag<List<double>> Latencies, double Elapsed);

    /// <summary><paramref name="concurrency"/> virtual respondents take whole surveys, one link after another, for the given time.</summary>
    private static async Task<PhaseResult> Phase(HttpClient http, ConcurrentQueue<string> tokens, int concurrency, double seconds)
    {
        var latencies = new ConcurrentBag<List<double>>();
        var completed = 0;
        var errors = 0;
        var firstErrors = new ConcurrentQueue<string>();
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = Enumerable.Range(0, seconds > 0 ? concurrency : 0).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>();
            latencies.Add(mine);
            while (stopwatch.Elapsed < deadline && tokens.TryDequeue(out var token))
            {
                try
                {
                    await TakeSurvey(http, token, mine);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    if (firstErrors.Count < 5)
                    {
                        firstErrors.Enqueue(e.Message);
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return new PhaseResult(completed, errors, firstErrors, latencies, stopwatch.Elapsed.TotalSeconds);
    }

    internal static async Task TakeSurvey(HttpClient http, string token, List<double> latencies)
    {
        var random = new Random(token.GetHashCode(StringComparison.Ordinal));
        var cookies = new Dictionary<string, string>();
        var path = $"/s/{token}";
        for (var step = 0; step < 40; step++)
        {
            var (status, page, _) = await Send(http, HttpMethod.Get, path, null, cookies, latencies);
            if (status != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {Redact(path)} answered {(int)status}");
            }

            var antiforgery = AntiforgeryField().Match(page);
            if (!antiforgery.Success && StartLink().Match(page) is { Success: true } start)
            {
                path = WebUtility.HtmlDecode(start.Groups[1].Value); // the welcome page: a Start link, as a person clicks it
                continue;
            }

            if (!antiforgery.Success)
            {
                // A page without a form: the thank-you page, which counts only after this respondent's own submit (a
                // link answered before, e.g. by an earlier run on the same data, is an error, not a completed survey).
                if (step > 0 && page.Contains("Your answers are in", StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException($"GET {Redact(path)}: no form and no thank-you after submitting");
            }

            var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", WebUtility.HtmlDecode(antiforgery.Groups[1].Value)) };
            foreach (var name in RadioNames().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct())
            {
                fields.Add(new(name, random.Next(1, 6).ToString(CultureInfo.InvariantCulture)));
            }

            if (page.Contains("name=\"Comment\"", StringComparison.Ordinal))
            {
                fields.Add(new("Comment", "More time with customers, fewer internal meetings."));
            }

            if (page.Contains("name=\"go\" value=\"next\"", StringComparison.Ordinal))
            {
                fields.Add(new("go", "next"));
            }

            var (postStatus, _, location) = await Send(http, HttpMethod.Post, path, new FormUrlEncodedContent(fields), cookies, latencies);
            if (postStatus is not (HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found) || location is null)
            {
                throw new InvalidOperationException($"POST {Redact(path)} answered {(int)postStatus}");
            }

            path = location;
        }

        throw new InvalidOperationException("the survey did not end within 40 pages");
    }

    private static async Task<(HttpStatusCode Status, string Body, string? Location)> Send(HttpClient http, HttpMethod method, string path, HttpContent? content, Dictionary<string, string> cookies, List<double> latencies)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var cookie in setCookies)
            {
                var pair = cookie.Split(';')[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                cookies[pair[..equals]] = pair[(equals + 1)..];
            }
        }

        return (response.StatusCode, body, response.Headers.Location?.OriginalString);
    }

    /// <summary>The static-file ceiling alone: <paramref name="url"/> (a whole URL to a static file) fetched as fast as it comes.</summary>
    public static async Task<int> CeilingAsync(string url, int concurrency, double seconds)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2 };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        await StaticCeiling(http, concurrency, seconds, url);
        return 0;
    }

    private static async Task StaticCeiling(HttpClient http, int concurrency, double seconds, string path = "/css/site.css")
    {
        var count = 0;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (stopwatch.Elapsed.TotalSeconds < seconds)
            {
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref count);
            }
        })));
        Console.WriteLine($"static file ceiling: {count / stopwatch.Elapsed.TotalSeconds:0} requests/s (GET {path}, {concurrency} at a time)");
    }

    private static async Task ResultsPage(HttpClient http, string data)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(data, "load-assessments.txt"));
        var closed = lines[1];
        var responses = int.Parse(lines[2], CultureInfo.InvariantCulture);
        var cookies = new Dictionary<string, string>();
        var ignored = new List<double>();
        var (_, signIn, _) = await Send(http, HttpMethod.Get, "/signin", null, cookies, ignored);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(signIn).Groups[1].Value);
        var (status, _, _) = await Send(http, HttpMethod.Post, "/signin", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Email", Seed.OwnerEmail), new("Password", Seed.OwnerPassword)]), cookies, ignored);
        if (status != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in answered {(int)status}");
        }

        var first = new List<double>();
        var (firstStatus, page, _) = await Send(http, HttpMethod.Get, $"/assessments/{closed}/results", null, cookies, first);
        if (firstStatus != HttpStatusCode.OK || !page.Contains("<svg", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"results page answered {(int)firstStatus} without a wheel");
        }

        var times = new List<double>();
        for (var i = 0; i < 200; i++)
        {
            await Send(http, HttpMethod.Get, $"/assessments/{closed}/results", null, cookies, times);
        }

        var sorted = times.Order().ToArray();
        Console.WriteLine($"results page ({responses:N0} responses): first view {first[0]:0.0} ms (scores and caches), then p50 {Percentile(sorted, 0.5):0.0} ms, p99 {Percentile(sorted, 0.99):0.0} ms over {sorted.Length} views");
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Redact(string path) => path.StartsWith("/s/", StringComparison.Ordinal) ? "/s/…" + path[Math.Min(path.Length, 25)..] : path;

    [GeneratedRegex("<a class=\"button start\" href=\"([^\"]+)\"")]
    private static partial Regex StartLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("type=\"radio\" name=\"([^\"]+)\"")]
    private static partial Regex RadioNames();
}
