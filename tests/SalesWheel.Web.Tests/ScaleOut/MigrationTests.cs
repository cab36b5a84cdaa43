using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Cli;
using SalesWheel.Data;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Web.Tests.ScaleOut;

public sealed class MigrationTests
{
    [Fact]
    public void ANodeThatDoesNotMigrateRefusesADatabaseBehindItsVersionAndSaysWhatToRun()
    {
        using var node = new AppFactory();
        node.Settings["Database:Migrate"] = "false";

        var refused = Assert.Throws<InvalidOperationException>(() => node.Server);

        Assert.Contains("saleswheel migrate", refused.Message);
        Assert.Contains("--migrate", refused.Message);
    }

    [Fact]
    public async Task AfterSalesWheelMigrateANodeThatDoesNotMigrateStartsAndServes()
    {
        using var node = new AppFactory();
        node.Settings["Database:Migrate"] = "false";
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = CliApp.Run(["migrate", .. node.CliDatabaseOptions], stdout, stderr);

        Assert.True(exit == 0, stderr.ToString());
        Assert.Contains("the database is up to date", stdout.ToString());
        await node.Browser().GetPage("/signin");
        Assert.Empty(node.Service(db => db.Database.GetPendingMigrations()));
        using var again = new StringWriter();
        Assert.Equal(0, CliApp.Run(["migrate", .. node.CliDatabaseOptions], again, stderr));
        Assert.Contains("already up to date", again.ToString());
    }

    [Fact]
    public async Task WhileOneProcessHoldsTheMigrationLockNoOtherGetsItAndOnceReleasedTheNextDoes()
    {
        var path = Path.Combine(Path.GetTempPath(), "saleswheel-lock-" + Guid.NewGuid().ToString("N") + ".db");
        var connection = SqliteDatabase.ConnectionStringFor(path);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        try
        {
            // A cancelled token returns at once when the lock is free, and is cancelled while it waits when it is not.
            using (await SqliteDatabase.MigrationLockAsync(connection))
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => SqliteDatabase.MigrationLockAsync(connection, cancelled.Token));
            }

            using var next = await SqliteDatabase.MigrationLockAsync(connection, cancelled.Token);
            Assert.NotNull(next);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path + ".migrating");
        }
    }

    [Fact]
    public async Task TwoNodesMigratingOneNewDatabaseAtOnceApplyEachMigrationOnce()
    {
        var path = Path.Combine(Path.GetTempPath(), "saleswheel-migrate-" + Guid.NewGuid().ToString("N") + ".db");
        var connection = SqliteDatabase.ConnectionStringFor(path);
        try
        {
            // Two spellings of one file: two gates, as two processes would have.
            var spellings = new[] { connection, new SqliteConnectionStringBuilder(connection) { DefaultTimeout = 31 }.ToString() };
            await Task.WhenAll(spellings.Select(spelling => Task.Run(async () =>
            {
                await using var db = Open(spelling);
                await new SqliteMigrator().MigrateAsync(db);
            })));

            await using var check = Open(connection);
            var applied = (await check.Database.GetAppliedMigrationsAsync()).ToList();
            Assert.Equal(check.Database.GetMigrations(), applied);
            Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + ".migrating" })
            {
                File.Delete(file);
            }
        }
    }

    private static AppDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelSqlite(connectionString);
        return new AppDbContext(options.Options);
    }
}
