using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Infrastructure;

/// <summary>
/// The app lets one SQLite connection at a time into the database file. A request whose client goes away is cancelled
/// wherever it is, also while its connection opens; that must never keep the database from everyone else.
/// Each moment is reached on purpose (a token cancelled beforehand, a connection held open by another request, the
/// connection's own "opened" event), not by racing a timer against the query.
/// </summary>
public sealed class DatabaseGateTests(AppFactory app) : IClassFixture<AppFactory>
{
    public enum Moment
    {
        /// <summary>The client went away before the query asked for a connection.</summary>
        BeforeItAsks,

        /// <summary>Another request holds the database; the query waits its turn and is cancelled while waiting.</summary>
        WhileItWaitsItsTurn,

        /// <summary>The token is cancelled from inside the connection's opening, before the query runs on it.</summary>
        WhileItsConnectionOpens,
    }

    [Theory]
    [InlineData("an EF query", Moment.BeforeItAsks)]
    [InlineData("an EF query", Moment.WhileItsConnectionOpens)]
    [InlineData("the survey link lookup", Moment.BeforeItAsks)] // plain SQL on a connection opened through EF
    [InlineData("the survey link lookup", Moment.WhileItsConnectionOpens)]
    public Task AQueryCancelledAtAnyMomentLeavesTheDatabaseUsable(string query, Moment moment) => CancelledAsync(query, moment);

    // Only SQLite has the gate: on PostgreSQL another open connection keeps no query waiting.
    [Theory]
    [Trait("Provider", "Sqlite")]
    [InlineData("an EF query", Moment.WhileItWaitsItsTurn)]
    [InlineData("the survey link lookup", Moment.WhileItWaitsItsTurn)]
    public Task AQueryCancelledWhileItWaitsForTheGateLeavesTheDatabaseUsable(string query, Moment moment) => CancelledAsync(query, moment);

    private async Task CancelledAsync(string query, Moment moment)
    {
        var link = app.Seed().Token;
        var browser = Data.DraftSeal.NewBrowserSecret();
        var organizations = app.Service(db => db.Organizations.Count());

        // Twice over, so the second round runs on pooled contexts and connections the first round cancelled.
        for (var round = 0; round < 2; round++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            using var source = new CancellationTokenSource();
            await using var holder = app.Services.CreateAsyncScope();
            var connection = db.Database.GetDbConnection();
            void CancelOnOpen(object? sender, System.Data.StateChangeEventArgs change)
            {
                if (change.CurrentState == System.Data.ConnectionState.Open)
                {
                    source.Cancel();
                }
            }

            switch (moment)
            {
                case Moment.BeforeItAsks:
                    await source.CancelAsync();
                    break;
                case Moment.WhileItWaitsItsTurn:
                    // The other request opens its connection first and keeps it open: the query cannot get past the gate.
                    await holder.ServiceProvider.GetRequiredService<AppDbContext>().Database.OpenConnectionAsync();
                    break;
                case Moment.WhileItsConnectionOpens:
                    connection.StateChange += CancelOnOpen;
                    break;
            }

            var running = Run(db, query, link, browser, source.Token);
            if (moment == Moment.WhileItWaitsItsTurn)
            {
                Assert.False(running.IsCompleted, "the query ran while another request held the database");
                await source.CancelAsync();
                await holder.ServiceProvider.GetRequiredService<AppDbContext>().Database.CloseConnectionAsync();
            }

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            connection.StateChange -= CancelOnOpen; // the connection is pooled: the next request must not be cancelled

            // The database still answers, on this context and on others: the query gave its turn back. A gate left held
            // would make these wait for ever; the watchdog only turns that hang into a failure (it never decides a pass).
            var answers = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                await using var other = app.Services.CreateAsyncScope();
                return await other.ServiceProvider.GetRequiredService<AppDbContext>().Organizations.CountAsync();
            })));
            Assert.All(await answers.WaitAsync(Watchdog), count => Assert.Equal(organizations, count));
            Assert.Equal(organizations, await db.Organizations.CountAsync().WaitAsync(Watchdog));
            Assert.NotNull(await SurveyLink.FindAsync(db, link, browser, CancellationToken.None).WaitAsync(Watchdog));
        }
    }

    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(2);

    private static async Task Run(AppDbContext db, string query, string link, string browser, CancellationToken cancellationToken)
    {
        if (query == "an EF query")
        {
            await db.Organizations.CountAsync(cancellationToken);
        }
        else
        {
            Assert.NotNull(await SurveyLink.FindAsync(db, link, browser, cancellationToken));
        }
    }
}
