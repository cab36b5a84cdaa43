using System.Net;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SalesWheel.Data;

namespace SalesWheel.Web.Tests;

/// <summary>
/// The real app on its real SQLite database (a fresh file in a temporary data folder per factory), or on a fresh
/// PostgreSQL database per factory when the tests run on PostgreSQL (<see cref="TestDatabase"/>), served over
/// https://localhost so cookies carry their Secure flag as in production.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "saleswheel-web-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Every log line the app wrote (to check that no token or answer leaks into logs).</summary>
    public CapturedLogs Logs { get; } = new();

    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["SalesWheel:PublicBaseUrl"] = "https://localhost",
        ["SalesWheel:RateLimits:SignInPerMinute"] = "1000",
        ["SalesWheel:RateLimits:SurveyPerMinute"] = "100000",
        ["SalesWheel:RateLimits:ApiPerMinute"] = "100000",
        ["SalesWheel:RateLimits:ApiPerAddressPerMinute"] = "100000",
    };

    /// <summary>Service replacements for one test's app (e.g. a fake clock), applied after the app's own registrations.</summary>
    public List<Action<IServiceCollection>> TestServices { get; } = [];

    /// <summary>
    /// The text of every email sent to an address, oldest first: by default the outbox's .eml files; a test with an
    /// SMTP server reads that server's messages instead.
    /// </summary>
    public Func<string, IReadOnlyList<string>> Mailbox { get; set; }

    public AppFactory() => Mailbox = OutboxMessagesTo;

    // Made when the app is first built, shared by the apps derived from this one (WithWebHostBuilder), dropped with it.
    private readonly Lazy<string> _postgres = new(TestDatabase.CreatePostgres);

    /// <summary>The CLI options that open this app's database, as an operator beside the node would give them.</summary>
    public IReadOnlyList<string> CliDatabaseOptions => TestDatabase.IsPostgres
        ? ["--provider", "postgres", "--connection", _postgres.Value]
        : ["--data", DataFolder];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureTestServices(services => TestServices.ForEach(configure => configure(services)));
        Directory.CreateDirectory(DataFolder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("SalesWheel:DataFolder", DataFolder);
        if (TestDatabase.IsPostgres)
        {
            builder.UseSetting("Database:Provider", "postgres");
            builder.UseSetting("ConnectionStrings:SalesWheel", _postgres.Value);
            // One test app is one node: it migrates its own database, as the first node started with --migrate would.
            builder.UseSetting("Database:Migrate", "true");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    public HttpClient Browser()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        return client;
    }

    // Every client of this app (also those a test makes itself, or through a derived factory) can sign up: its
    // confirmation link is read from this app's mailbox.
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        Html.AppOf.AddOrUpdate(client, this);
    }

    private IReadOnlyList<string> OutboxMessagesTo(string address) =>
        (Directory.Exists(OutboxFolder) ? Directory.GetFiles(OutboxFolder, "*.eml") : [])
        .Select(path => (Path: path, Message: MimeKit.MimeMessage.Load(path)))
        .Where(m => m.Message.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))
        .OrderBy(m => File.GetLastWriteTimeUtc(m.Path)).ThenBy(m => m.Message.Date)
        .Select(m => m.Message.TextBody ?? "")
        .ToList();

    public T Service<T>(Func<AppDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public string OutboxFolder => Settings.TryGetValue("SalesWheel:OutboxFolder", out var configured) && !string.IsNullOrEmpty(configured)
        ? configured
        : Path.Combine(DataFolder, "outbox");

    /// <summary>The CLI's options that open this app's database (none on SQLite: --data finds the file).</summary>
    public string[] DatabaseArguments => TestDatabase.IsPostgres ? ["--provider", "postgres", "--connection", _postgres.Value] : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _postgres.IsValueCreated)
        {
            TestDatabase.DropPostgres(_postgres.Value);
        }
    }
}

/// <summary>A logger provider that keeps every message.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
            {
                owner._lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}

/// <summary>Reading pages and posting forms as a browser would: antiforgery token included.</summary>
public static partial class Html
{
    public static async Task<string> GetPage(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: {(int)response.StatusCode}, expected {(int)expected}\n{body[..Math.Min(body.Length, 2000)]}");
        return body;
    }

    /// <summary>The page a browser ends on after a response: the GET page a redirect leads to (Post/Redirect/Get), else this one.</summary>
    public static async Task<HttpResponseMessage> Follow(this HttpClient client, HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect ? await client.GetAsync(response.Headers.Location) : response;

    /// <summary>GETs the form page, then POSTs the fields with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var page = await client.GetPage(pageUrl);
        return await client.PostForm(postUrl ?? pageUrl, Antiforgery(page), fields);
    }

    public static Task<HttpResponseMessage> PostForm(this HttpClient client, string url, string antiforgery, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", antiforgery))));

    public static string Antiforgery(string page)
    {
        var match = AntiforgeryField().Match(page);
        Assert.True(match.Success, "the page has no antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>The app each test browser belongs to (so a step can read that app's emails).</summary>
    internal static ConditionalWeakTable<HttpClient, AppFactory> AppOf { get; } = new();

    /// <summary>
    /// Signs up a new owner with a new organization, as a person does: the form, then the link emailed to the address,
    /// then "Create my organization". The client then holds the session cookie.
    /// </summary>
    public static async Task SignUp(this HttpClient client, string email, string organization, string? quick = null,
        string password = "correct horse battery staple")
    {
        var posted = await client.PostForm("/signup" + (quick is null ? "" : "?quick=" + quick),
        [
            new("Form.Name", "Owner of " + organization),
            new("Form.Email", email),
            new("Form.Organization", organization),
            new("Form.Password", password),
            new("Form.Quick", quick ?? ""),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode); // Post/Redirect/Get: a reload sends nothing again
        var response = await client.Follow(posted);
        var page = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && page.Contains("Check your email", StringComparison.Ordinal), page[..Math.Min(page.Length, 3000)]);
        Assert.True(AppOf.TryGetValue(client, out var app), "sign up with a client made by AppFactory.Browser()");
        var confirm = await client.PostForm(ConfirmLink(app!, email), [new("Password", password)]);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal("/assessments", confirm.Headers.Location?.ToString());
    }

    /// <summary>The path of the latest sign-up confirmation link emailed to the address.</summary>
    public static string ConfirmLink(AppFactory app, string email)
    {
        var link = app.Mailbox(email).Select(body => ConfirmLinkPattern().Match(body)).LastOrDefault(m => m.Success);
        Assert.True(link is not null, $"no sign-up link was emailed to {email}");
        return link.Groups[1].Value;
    }

    [GeneratedRegex(@"https?://[^/\s]+(/signup/confirm/[A-Za-z0-9_-]{22})\b")]
    private static partial Regex ConfirmLinkPattern();
}
