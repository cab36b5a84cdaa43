using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;

namespace SalesWheel.Cli;

/// <summary>
/// The options of every command that opens the web app's database: <c>--data</c>, <c>--provider</c>, <c>--connection</c>.
/// Without them, the web app's own environment variables decide (<c>Database__Provider</c>,
/// <c>ConnectionStrings__SalesWheel</c>), so the CLI run beside a node opens that node's database.
/// </summary>
public sealed class DatabaseOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "The web app's data folder: the SQLite database is FOLDER/saleswheel.db.",
        DefaultValueFactory = _ => "data",
        HelpName = "FOLDER",
    };

    public Option<string?> Provider { get; } = new("--provider")
    {
        Description = "sqlite (the default) or postgres; default: the Database__Provider environment variable.",
        HelpName = "PROVIDER",
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "Connection string of the web app's database (required for postgres); default: the "
            + "ConnectionStrings__SalesWheel environment variable, else FOLDER/saleswheel.db.",
        HelpName = "STRING",
    };

    public IEnumerable<Option> All => [Data, Provider, Connection];

    public string DataFolder(ParseResult parse) => parse.GetValue(Data) ?? "data";

    /// <summary>Whether a connection string was given (on the command line or in the environment).</summary>
    public bool HasConnection(ParseResult parse) => !string.IsNullOrWhiteSpace(ConnectionOf(parse));

    /// <exception cref="InvalidOperationException">An unknown provider, or postgres without a connection string.</exception>
    public DatabaseChoice Choice(ParseResult parse) =>
        DatabaseChoice.From(parse.GetValue(Provider) ?? Environment.GetEnvironmentVariable("Database__Provider"), ConnectionOf(parse), DataFolder(parse));

    private string? ConnectionOf(ParseResult parse) =>
        parse.GetValue(Connection) ?? Environment.GetEnvironmentVariable("ConnectionStrings__SalesWheel");

    /// <summary>
    /// Opens the chosen database (brought up to date under the migration lock) and runs <paramref name="run"/> on it;
    /// a bad choice, a missing SQLite file or a database error is one line on stderr and <see cref="CliApp.BadInput"/>.
    /// </summary>
    public async Task<int> WithDatabaseAsync(ParseResult parse, TextWriter stderr, Func<AppDbContext, Task<int>> run, CancellationToken cancellationToken)
    {
        DatabaseChoice choice;
        try
        {
            choice = Choice(parse);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CliApp.BadInput;
        }

        // SQLite would create an empty file: say where it looked instead.
        var sqliteFile = DatabaseChoice.DefaultSqliteFile(DataFolder(parse));
        if (choice.Provider == DatabaseProvider.Sqlite && !HasConnection(parse) && !File.Exists(sqliteFile))
        {
            stderr.WriteLine($"error: there is no SalesWheel database at {Path.GetFullPath(sqliteFile)} (use --data FOLDER, or --provider and --connection STRING)");
            return CliApp.BadInput;
        }

        try
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            options.UseSalesWheelDatabase(choice);
            await using var db = new AppDbContext(options.Options);
            await SalesWheelDatabase.MigrateAsync(db, cancellationToken);
            return await run(db);
        }
        catch (Exception e) when (SalesWheelDatabase.IsDatabaseError(e) || e is IOException or UnauthorizedAccessException or InvalidOperationException
                                      or System.Security.Cryptography.CryptographicException)
        {
            stderr.WriteLine($"error: {e.GetBaseException().Message}");
            return CliApp.BadInput;
        }
    }
}
