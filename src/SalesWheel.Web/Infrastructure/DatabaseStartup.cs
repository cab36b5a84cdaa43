using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// Whether this node brings the database up to date when it starts. Migrations are applied once, by one process:
/// <c>saleswheel migrate</c>, or a node started with <c>--migrate</c> (<c>Database:Migrate=true</c>), under the
/// database's migration lock (<see cref="IDatabaseMigrator"/>). By default only SQLite's single-node set-up migrates at
/// start-up (so <c>./run.sh</c> needs no extra step); any other node checks that nothing is pending and refuses to start
/// otherwise, saying what to run.
/// </summary>
public static class DatabaseStartup
{
    public const string MigrateSetting = "Database:Migrate";

    /// <summary>The command line with the <c>--migrate</c> switch read as <c>Database:Migrate=true</c>.</summary>
    public static string[] WithMigrateSwitch(string[] args) =>
        [.. args.Select(arg => arg == "--migrate" ? $"--{MigrateSetting}=true" : arg)];

    /// <summary>Migrates when this node should, else checks that nothing is pending; then the upgrade steps every start runs.</summary>
    /// <exception cref="InvalidOperationException">Migrations are pending and this node does not apply them.</exception>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<AppDbContext>();
        if (app.Configuration.GetValue<bool?>(MigrateSetting) ?? db.Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            await services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(db);
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).ToList() is { Count: > 0 } pending)
        {
            throw new InvalidOperationException(
                $"The database is not up to date for this version of SalesWheel: {pending.Count} migration(s) to apply, the last {pending[^1]}. "
                + "Run `saleswheel migrate` (or start one node with --migrate), then start the nodes.");
        }

        // Roles and teams stored in the clear by earlier releases are sealed now, and no copy is left in the log (safe to
        // repeat, and on several nodes at once: each row is sealed from its clear value).
        if (await ResponseAttributes.SealClearValuesAsync(db, services.GetRequiredService<SubmissionSeal>()) > 0)
        {
            await SubmissionRelease.EmptyWriteAheadLogAsync(db);
        }
    }
}
