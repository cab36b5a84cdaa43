using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SalesWheel.Web.Tests.ScaleOut;

/// <summary>
/// Two web nodes on one database, as behind a load balancer: node B is started on node A's database with A's
/// submission key (every node is given the same key), and nothing else in common: its own data folder, its own memory.
/// On SQLite each node gets its own connection gate, as two processes would.
/// </summary>
public sealed class TwoNodes : IDisposable
{
    public AppFactory A { get; } = new();

    public AppFactory B { get; } = new();

    public TwoNodes()
        : this(null)
    {
    }

    /// <param name="configure">Settings both nodes get (a shared outbox folder…), applied before either starts.</param>
    internal TwoNodes(Action<AppFactory>? configure)
    {
        configure?.Invoke(A);
        configure?.Invoke(B);
        var connection = A.Service(db => db.Database.GetConnectionString())!;
        if (connection.StartsWith("Data Source", StringComparison.OrdinalIgnoreCase))
        {
            // Another spelling of the same file: SqliteGate keeps one gate per connection string, and two processes
            // would share none.
            connection = new SqliteConnectionStringBuilder(connection) { DefaultTimeout = 31 }.ToString();
        }

        B.Settings["ConnectionStrings:SalesWheel"] = connection;
        B.Settings["SalesWheel:SubmissionKey"] = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(A.DataFolder, "keys", "submission.key")));
        _ = B.Server; // started now, like a second node already running
    }

    /// <summary>One browser (one cookie jar) whose requests go to either node, as a round-robin proxy sends them.</summary>
    public (HttpClient OnA, HttpClient OnB) OneBrowser()
    {
        var jar = new CookieContainer();
        return (A.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(jar)),
            B.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(jar)));
    }

    public void Dispose()
    {
        B.Dispose();
        A.Dispose();
    }
}
