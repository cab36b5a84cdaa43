using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SalesWheel.E2E;

/// <summary>
/// The real app on Kestrel (a free port on 127.0.0.1, its own SQLite file and outbox), and Debian's Chromium driven
/// by Playwright: no browser is downloaded.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync, which disposes the factory.")]
public sealed class LiveApp : IAsyncLifetime
{
    private readonly Factory _factory;
    private readonly Func<string, IReadOnlyList<string>> _mailsTo;
    private IPlaywright? _playwright;

    /// <summary>The app without a mail server: every email is written to the outbox folder.</summary>
    public LiveApp()
        : this(new Dictionary<string, string>(), null)
    {
    }

    /// <summary>
    /// The app with further <paramref name="settings"/> (a mail server, for <see cref="SmtpLiveApp"/>), reading the
    /// texts of the messages sent to an address with <paramref name="mailsTo"/> instead of from the outbox.
    /// </summary>
    internal LiveApp(IReadOnlyDictionary<string, string> settings, Func<string, IReadOnlyList<string>>? mailsTo)
    {
        _factory = new Factory(settings);
        _mailsTo = mailsTo ?? OutboxMailsTo;
    }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public string DataFolder => _factory.DataFolder;

    public string OutboxFolder => Path.Combine(DataFolder, "outbox");

    /// <summary>The app's services, to seed data a test does not click through.</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>Screenshots land here (a test artifact: look at them).</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Directory.CreateDirectory(Screenshots);

        Assertions.SetDefaultExpectTimeout(30_000);

        // Warm the app (first requests compile and start everything), so a slow CI machine does not eat a test's time.
        using (var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) })
        {
            foreach (var path in new[] { "/", "/quick", "/signin", "/signup" })
            {
                (await http.GetAsync(path)).EnsureSuccessStatusCode();
            }
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1200, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = BaseUrl });
        // CI runs the test projects side by side on 2 cores: allow a slow step, while a broken one still fails.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// The second step of signing up, as a person does it: the page says to check the email; the link in the message
    /// (in the outbox, or received by the mail server) opens the confirmation, whose button creates the organization.
    /// </summary>
    public async Task ConfirmSignUp(IPage page, string email, string password)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();
        var link = _mailsTo(email)
            .Select(mail => Regex.Match(mail, @"/signup/confirm/[A-Za-z0-9_-]{22}").Value)
            .Single(l => l.Length > 0);
        await page.GotoAsync(link);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my organization" }).ClickAsync();
    }

    public static Task Arrived(IPage page, Regex url) =>
        Parsed(page, $"the page to show {url}", () => Assertions.Expect(page).ToHaveURLAsync(url));

    /// <summary>Waits until the page has left <paramref name="before"/> for another parsed document.</summary>
    public static Task Left(IPage page, string before) =>
        Parsed(page, $"the page to leave {before}", () => Assertions.Expect(page).Not.ToHaveURLAsync(before));

    private static async Task Parsed(IPage page, string waitingFor, Func<Task> urlCheck)
    {
        try
        {
            await urlCheck();
            await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new() { PollingInterval = 50 }); // a timer, not animation frames (paused in a page the browser thinks hidden)
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            // Say where the browser is and what it shows, so a failure on CI explains itself.
            var shown = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            await Screenshot(page, "failed-" + DateTime.UtcNow.ToString("HHmmss")).ContinueWith(_ => { });
            throw new InvalidOperationException($"Waited for {waitingFor}; the browser is at {page.Url} showing: {shown[..Math.Min(shown.Length, 600)]}", e);
        }
    }

    // Without a mail server, a message is a file in the outbox; the whole file is searched (headers name the address).
    private List<string> OutboxMailsTo(string address) => Directory.Exists(OutboxFolder)
        ? [.. Directory.GetFiles(OutboxFolder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText).Where(mail => mail.Contains(address, StringComparison.OrdinalIgnoreCase))]
        : [];

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "saleswheel-e2e", Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            Directory.CreateDirectory(DataFolder);
            builder.UseEnvironment("Testing");
            builder.UseSetting("SalesWheel:DataFolder", DataFolder);
            builder.UseSetting("SalesWheel:RateLimits:SignInPerMinute", "1000");
            builder.UseSetting("SalesWheel:RateLimits:SurveyPerMinute", "100000");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
