using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel migrate</c>: brings the web app's database up to date, once, before the nodes of a new version start
/// (they do not migrate by default, except SQLite's single node). Holds the database's migration lock meanwhile
/// (SQLite: a file lock beside the database; PostgreSQL: EF Core's migration lock), so a node started with
/// <c>--migrate</c> at the same moment waits instead of migrating too.
/// </summary>
public static class MigrateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var database = new DatabaseOptions();
        var command = new Command("migrate", "Apply the database migrations this version needs (run once, before starting the web nodes).");
        foreach (var option in database.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => MigrateAsync(database, parse, stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> MigrateAsync(DatabaseOptions database, ParseResult parse, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        try
        {
            var choice = database.Choice(parse);
            var options = new DbContextOptionsBuilder<AppDbContext>();
            options.UseSalesWheelDatabase(choice);
            await using var db = new AppDbContext(options.Options);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await new ProviderMigrator().MigrateAsync(db, cancellationToken);
            stdout.WriteLine(pending.Count == 0
                ? $"The database ({choice.Describe()}) was already up to date."
                : $"Applied {pending.Count} migration(s) to {choice.Describe()}, the last {pending[^1]}: the database is up to date.");
            return CliApp.Success;
        }
        catch (Exception e) when (SalesWheelDatabase.IsDatabaseError(e) || e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
        {
            stderr.WriteLine($"error: could not migrate the database: {e.GetBaseException().Message}");
            return CliApp.BadInput;
        }
    }
}
