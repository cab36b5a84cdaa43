using System.Net;
using System.Text.RegularExpressions;

namespace SalesWheel.TwoNodes.Tests;

/// <summary>What a request got back.</summary>
public sealed record Page(HttpStatusCode Status, string Body, string? Location);

/// <summary>
/// One browser: one cookie jar, whichever server a request goes to (node A's port, node B's port, or nginx: all on
/// 127.0.0.1, and cookies are per host, not per port). Redirects are not followed, so a test sees each of them.
/// </summary>
public sealed partial class Browser
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public async Task<Page> GetAsync(HttpClient server, string path) => await SendAsync(server, new HttpRequestMessage(HttpMethod.Get, path));

    /// <summary>POSTs a form with the antiforgery token of <paramref name="formPage"/> (the page the form is on).</summary>
    public async Task<Page> PostAsync(HttpClient server, string path, string formPage, IEnumerable<KeyValuePair<string, string>> fields) =>
        await SendAsync(server, new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(fields.Prepend(new("__RequestVerificationToken", Antiforgery(formPage)))),
        });

    /// <summary>Signs in on <paramref name="server"/>, as a person does on the sign-in page.</summary>
    public async Task SignInAsync(HttpClient server, string email, string password)
    {
        var form = await GetAsync(server, "/signin");
        var signedIn = await PostAsync(server, "/signin", form.Body, [new("Email", email), new("Password", password)]);
        Assert.True(signedIn.Status == HttpStatusCode.Redirect, $"sign-in answered {(int)signedIn.Status}");
    }

    /// <summary>The form's antiforgery token, or a clear failure.</summary>
    public static string Antiforgery(string page)
    {
        var match = AntiforgeryField().Match(page);
        Assert.True(match.Success, "the page has no form (no antiforgery token)");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static bool HasForm(string page) => AntiforgeryField().IsMatch(page);

    private async Task<Page> SendAsync(HttpClient server, HttpRequestMessage request)
    {
        using (request)
        {
            lock (_cookies)
            {
                if (_cookies.Count > 0)
                {
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
                }
            }

            using var response = await server.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                lock (_cookies)
                {
                    foreach (var cookie in setCookies)
                    {
                        var pair = cookie.Split(';')[0];
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        var (name, value) = (pair[..equals], pair[(equals + 1)..]);
                        if (value.Length == 0)
                        {
                            _cookies.Remove(name); // a deleted cookie
                        }
                        else
                        {
                            _cookies[name] = value;
                        }
                    }
                }
            }

            return new Page(response.StatusCode, body, response.Headers.Location?.OriginalString);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}

/// <summary>
/// A respondent with a personal link, one page at a time as a person clicks (welcome, Start, each question page answered,
/// the comment, the review's Submit), each page on whichever server a test or the load sends it to, in one browser.
/// Reads the pages, not the app's code: any answer offered is fine.
/// </summary>
public sealed partial class Respondent(string token)
{
    private readonly Browser _browser = new();
    private readonly Random _random = new(token.GetHashCode(StringComparison.Ordinal));
    private string _path = $"/s/{token}";
    private bool _submitted;

    public string Token { get; } = token;

    /// <summary>The review page ("Check and submit") as last shown, or "".</summary>
    public string Review { get; private set; } = "";

    /// <summary>True once the thank-you page ("Your answers are in") came back after this respondent's own submit.</summary>
    public bool Acknowledged { get; private set; }

    /// <summary>One page on <paramref name="server"/>: GET it and, when it is a form, answer it and POST it there.</summary>
    /// <exception cref="InvalidOperationException">A page answered other than a browser expects (an error page, a 502).</exception>
    public async Task StepAsync(HttpClient server)
    {
        var page = await _browser.GetAsync(server, _path);
        if (page.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {Shown(_path)} answered {(int)page.Status}");
        }

        if (!Browser.HasForm(page.Body))
        {
            if (StartLink().Match(page.Body) is { Success: true } start)
            {
                _path = WebUtility.HtmlDecode(start.Groups[1].Value); // the welcome page: Start is a link
                return;
            }

            Acknowledged = _submitted && page.Body.Contains("Your answers are in", StringComparison.Ordinal);
            if (!Acknowledged)
            {
                throw new InvalidOperationException($"GET {Shown(_path)}: neither a form nor the thank-you after submitting");
            }

            return;
        }

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var question in RadioButton().Matches(page.Body).GroupBy(m => m.Groups[1].Value, m => m.Groups[2].Value))
        {
            var offered = question.ToList();
            fields.Add(new(WebUtility.HtmlDecode(question.Key), WebUtility.HtmlDecode(offered[_random.Next(offered.Count)])));
        }

        if (page.Body.Contains("name=\"Comment\"", StringComparison.Ordinal))
        {
            fields.Add(new("Comment", "More time with customers."));
        }

        if (page.Body.Contains("name=\"go\" value=\"next\"", StringComparison.Ordinal))
        {
            fields.Add(new("go", "next"));
        }

        var reviewing = _path.EndsWith("/review", StringComparison.Ordinal);
        if (reviewing)
        {
            Review = page.Body;
        }

        var posted = await _browser.PostAsync(server, _path, page.Body, fields);
        if (posted.Status != HttpStatusCode.Redirect || posted.Location is null)
        {
            throw new InvalidOperationException($"POST {Shown(_path)} answered {(int)posted.Status}");
        }

        _submitted |= reviewing;
        _path = posted.Location;
    }

    /// <summary>Every page on <paramref name="server"/> until the thank-you.</summary>
    /// <exception cref="InvalidOperationException">A page answered other than a browser expects.</exception>
    public async Task FinishAsync(HttpClient server)
    {
        for (var step = 0; step < 60 && !Acknowledged; step++)
        {
            await StepAsync(server);
        }

        if (!Acknowledged)
        {
            throw new InvalidOperationException("the survey did not end within 60 pages");
        }
    }

    /// <summary>What the link shows now in this browser.</summary>
    public async Task<string> LinkPageAsync(HttpClient server) => (await _browser.GetAsync(server, $"/s/{Token}")).Body;

    // No token in a failure message (a CI log is not the place for a link).
    private static string Shown(string path) => path.Replace(path.Split('/') is [_, "s", var t, ..] ? t : "\0", "…", StringComparison.Ordinal);

    [GeneratedRegex("<a class=\"button start\" href=\"([^\"]+)\"")]
    private static partial Regex StartLink();

    [GeneratedRegex("type=\"radio\" name=\"([^\"]+)\" value=\"([^\"]+)\"")]
    private static partial Regex RadioButton();
}
