using System.CommandLine;
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
}
