using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.Infrastructure;

/// <summary>
/// The app lets one SQLite connection at a time into the database file. A request whose client goes away is cancelled
/// wherever it is, also while its connection opens; that must never keep the database from everyone else.
/// </summary>
public sealed class DatabaseGateTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("an EF query")]
    [InlineData("the survey link lookup")] // plain SQL on a connection opened through EF
    public async Task QueriesCancelledAtAnyMomentLeaveTheDatabaseUsable(string query)
    {
        var link = app.Seed().Token;
        var browser = Data.DraftSeal.NewBrowserSecret();
        var organizations = app.Service(db => db.Organizations.Count());
        var cancelled = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, 3000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            // Pooled contexts, as requests get them; each query's token is cancelled after a different short spin, so
            // the cancellation lands before, during and after the connection opens.
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            using var source = new CancellationTokenSource();
            var spins = i % 400;
            var canceller = Task.Run(() =>
            {
                Thread.SpinWait(spins * 20);
                source.Cancel();
            });
            try
            {
                if (query == "an EF query")
                {
                    await db.Organizations.CountAsync(source.Token);
                }
                else
                {
                    Assert.NotNull(await SurveyLink.FindAsync(db, link, browser, source.Token));
                }
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
            }

            await canceller;
        });

        // Some queries were cut short and some were not, so both paths ran.
        Assert.InRange(cancelled, 1, 2999);

        // The database still answers, from pooled contexts that were cancelled before.
        var counts = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organizations.CountAsync();
        }));
        var all = Task.WhenAll(counts);
        var finished = await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == all, "the database stopped answering after cancelled queries");
        Assert.All(await all, count => Assert.Equal(organizations, count));
    }
}
