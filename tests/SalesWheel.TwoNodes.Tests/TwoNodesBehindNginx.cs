using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.TwoNodes.Tests;

/// <summary>
/// Two web nodes on one PostgreSQL database behind Debian's nginx, as docs/deploy.md sets them up: a database of their
/// own on the server SALESWHEEL_TEST_POSTGRES points at (test.sh starts one with tests/postgres.sh), node A started with
/// --migrate, then node B; the same submission key and public address (nginx's) on both, each its own data folder and
/// port; nginx round robin over the two. Everything is stopped and removed at dispose.
/// </summary>
public sealed partial class TwoNodesBehindNginx : IAsyncLifetime
{
    public const string ServerVariable = "SALESWHEEL_TEST_POSTGRES";

    private string _database = "";

    public WebNode A { get; private set; } = null!;

    public WebNode B { get; private set; } = null!;

    public Nginx Proxy { get; private set; } = null!;

    /// <summary>Straight to node A's port.</summary>
    public HttpClient OnA { get; private set; } = null!;

    /// <summary>Straight to node B's port.</summary>
    public HttpClient OnB { get; private set; } = null!;

    /// <summary>Through nginx, as people reach the app.</summary>
    public HttpClient Through { get; private set; } = null!;

    public static string? Server => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? server : null;

    public async Task InitializeAsync()
    {
        if (Server is null)
        {
            return; // every test says why it is skipped (TwoNodesFact)
        }

        Assert.True(File.Exists(Repository.WebDll), $"build the web app first: dotnet build src/SalesWheel.Web -c Release (no {Repository.WebDll})");
        Assert.True(Nginx.Installed, "nginx is not installed (apt-get install nginx; test.sh does it)");
        _database = CreateDatabase();
        var proxyPort = FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Provider"] = "postgres",
            ["ConnectionStrings__SalesWheel"] = _database,
            ["SalesWheel__PublicBaseUrl"] = $"http://127.0.0.1:{proxyPort}",
            ["SalesWheel__KnownProxies"] = "127.0.0.1",
            ["SalesWheel__SubmissionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            // Every virtual respondent comes from 127.0.0.1.
            ["SalesWheel__RateLimits__SurveyPerMinute"] = "100000000",
            ["SalesWheel__RateLimits__SignInPerMinute"] = "100000",
            // The close-date job every second, saying so in the log: the deadline test watches both nodes run it.
            ["SalesWheel__CloseDateCheckInterval"] = "00:00:01",
            ["Logging__LogLevel__SalesWheel.Web.Features.Assessments.AssessmentDeadlines"] = "Debug",
            ["Logging__LogLevel__SalesWheel.Web.Infrastructure.RequestLogging"] = "Warning",
            ["Logging__Console__FormatterName"] = "systemd", // one line per message
        };
        A = new WebNode("a", FreePort(), environment);
        B = new WebNode("b", FreePort(), environment);
        await A.StartAsync(migrate: true);
        await B.StartAsync();
        Proxy = new Nginx(proxyPort, A.Url, B.Url);
        OnA = Client(A.Url);
        OnB = Client(B.Url);
        Through = Client(Proxy.Url);
    }

    private static HttpClient Client(Uri url) =>
        new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Starts node B again (after a test killed it), on its port, data folder and settings.</summary>
    public Task RestartBAsync() => B.StartAsync();

    /// <summary>A fresh context on the nodes' database.</summary>
    public AppDbContext Database()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelDatabase(new DatabaseChoice(DatabaseProvider.Postgres, _database));
        return new AppDbContext(options.Options);
    }

    /// <summary>A new organization and its owner, straight into the database (signing up is not what is tested here).</summary>
    public async Task<(Guid Organization, string Email, string Password)> NewOwnerAsync(string organizationName)
    {
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        const string password = "two nodes passphrase 2026";
        await using var db = Database();
        var organization = new Organization { Name = organizationName };
        var owner = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            NormalizedEmail = email.ToUpperInvariant(),
            NormalizedUserName = email.ToUpperInvariant(),
            DisplayName = "Owner of " + organizationName,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        owner.PasswordHash = new PasswordHasher<AppUser>().HashPassword(owner, password);
        db.Organizations.Add(organization);
        db.Users.Add(owner);
        db.Memberships.Add(new Membership { OrganizationId = organization.Id, UserId = owner.Id, Role = MemberRole.Owner });
        db.People.AddRange(Enumerable.Range(1, 3).Select(i => new Person
        {
            OrganizationId = organization.Id,
            Name = $"Seller {i}",
            Email = $"seller-{Guid.NewGuid():N}@example.com",
            Role = PersonRole.Seller,
            Team = "East",
        }));
        await db.SaveChangesAsync();
        return (organization.Id, email, password);
    }

    /// <summary>
    /// Creates a quick assessment of the organization's three people on <paramref name="server"/> and opens it there, as
    /// the owner does; returns its id and the address of the links page the Open redirects to.
    /// </summary>
    public static async Task<(Guid Id, string LinksPage)> OpenAssessmentAsync(Browser owner, HttpClient server, string name)
    {
        var form = await owner.GetAsync(server, "/assessments/new");
        var created = await owner.PostAsync(server, "/assessments/new", form.Body, [new("Form.Name", name), new("Form.Instrument", "quick"), new("Form.CloseDate", "")]);
        Assert.True(created.Status == HttpStatusCode.Redirect && created.Location is not null, $"creating the assessment answered {(int)created.Status}");
        var id = Guid.Parse(created.Location["/assessments/".Length..]);
        var anyForm = await owner.GetAsync(server, "/signin");
        var opened = await owner.PostAsync(server, $"/assessments/{id}?handler=Open", anyForm.Body, []);
        Assert.True(opened.Status == HttpStatusCode.Redirect && opened.Location is not null, $"opening the assessment answered {(int)opened.Status}");
        return (id, opened.Location);
    }

    /// <summary>An open quick assessment with <paramref name="count"/> personal links, straight into the database.</summary>
    public async Task<(Guid Assessment, List<string> Tokens)> SeedLinksAsync(int count)
    {
        var tokens = Enumerable.Range(0, count).Select(_ => Tokens.New()).ToList();
        await using var db = Database();
        var organization = new Organization { Name = "Load Co " + Guid.NewGuid().ToString("N")[..6] };
        var assessment = new Assessment { OrganizationId = organization.Id, Name = "Under load", QuickForm = true, Status = AssessmentStatus.Open, OpenedAt = DateTime.UtcNow };
        db.Organizations.Add(organization);
        db.Assessments.Add(assessment);
        db.Invitations.AddRange(tokens.Select(t => new Invitation { AssessmentId = assessment.Id, TokenHash = Tokens.Hash(t), Role = "Seller", Team = "East" }));
        await db.SaveChangesAsync();
        return (assessment.Id, tokens);
    }

    /// <summary>Answers stored for an assessment: sealed submissions (while open) and responses (once closed).</summary>
    public async Task<(int Responses, int Sealed)> StoredAnswersAsync(Guid assessment)
    {
        await using var db = Database();
        return (await db.SurveyResponses.CountAsync(r => r.AssessmentId == assessment), await db.SealedSubmissions.CountAsync(s => s.AssessmentId == assessment));
    }

    /// <summary>The personal-link tokens in a page or a CSV.</summary>
    public static List<string> TokensIn(string text) => SurveyLink().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    [GeneratedRegex("/s/([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])")]
    private static partial Regex SurveyLink();

    private static string CreateDatabase()
    {
        var name = "saleswheel_twonodes_" + Guid.NewGuid().ToString("N");
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        create.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (Server is null)
        {
            return Task.CompletedTask;
        }

        Proxy?.Dispose();
        B?.Dispose();
        A?.Dispose();
        OnA?.Dispose();
        OnB?.Dispose();
        Through?.Dispose();
        if (_database.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(Server);
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(_database).Database}\" WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }

        return Task.CompletedTask;
    }
}

/// <summary>The one set of processes every test class here shares (tests run one at a time: they share two nodes).</summary>
[CollectionDefinition(Name)]
public sealed class SharedNodes : ICollectionFixture<TwoNodesBehindNginx>
{
    public const string Name = "two nodes behind nginx";
}

/// <summary>A test that needs PostgreSQL: skipped, saying why, when SALESWHEEL_TEST_POSTGRES is not set.</summary>
public sealed class TwoNodesFactAttribute : FactAttribute
{
    public TwoNodesFactAttribute()
    {
        if (TwoNodesBehindNginx.Server is null)
        {
            Skip = $"{TwoNodesBehindNginx.ServerVariable} is not set: start PostgreSQL with `conn=$(tests/postgres.sh start)` and run with "
                + $"{TwoNodesBehindNginx.ServerVariable}=\"$conn\" (test.sh does both).";
        }
    }
}
