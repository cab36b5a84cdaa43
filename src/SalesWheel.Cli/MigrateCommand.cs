using System.CommandLine;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel migrate</c>: brings the web app's database up to date, once, before the nodes of a new version start
/// (they do not migrate by default, except SQLite's single node). Holds the database's migration lock meanwhile, so a
/// node started with <c>--migrate</c> at the same moment waits instead of migrating too.
/// </summary>
public static class MigrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var data = new Option<string>("--data")
        {
            Description = "The web app's data folder: the database is FOLDER/saleswheel.db.",
            DefaultValueFactory = _ => "data",
            HelpName = "FOLDER",
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "SQLite connection string of the web app's database, instead of the one in the data folder.",
            HelpName = "STRING",
        };
        var command = new Command("migrate", "Apply the database migrations this version needs (run once, before starting the web nodes).")
        {
            data, connection,
        };
        command.SetAction((parse, cancellationToken) => MigrateAsync(parse.GetValue(data) ?? "data", parse.GetValue(connection), stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> MigrateAsync(string dataFolder, string? connection, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            options.UseSalesWheelSqlite(connection ?? SqliteDatabase.ConnectionStringFor(Path.Combine(dataFolder, "saleswheel.db")));
            await using var db = new AppDbContext(options.Options);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await new SqliteMigrator().MigrateAsync(db, cancellationToken);
            stdout.WriteLine(pending.Count == 0
                ? "The database was already up to date."
                : $"Applied {pending.Count} migration(s), the last {pending[^1]}: the database is up to date.");
            return CliApp.Success;
        }
        catch (Exception e) when (e is SqliteException or DbUpdateException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stderr.WriteLine($"error: could not migrate the database: {e.GetBaseException().Message}");
            return CliApp.BadInput;
        }
    }
}
