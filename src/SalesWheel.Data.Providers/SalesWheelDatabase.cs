using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;
using SalesWheel.Data.Postgres;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Data;

/// <summary>The database providers SalesWheel runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file in the data folder, one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several nodes.</summary>
    Postgres,
}

/// <summary>Which database to use: a provider and its connection string.</summary>
public sealed record DatabaseChoice(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>
    /// <c>Database:Provider</c> (<c>sqlite</c>, the default, or <c>postgres</c>) and <c>ConnectionStrings:SalesWheel</c>;
    /// without a connection string, SQLite uses DATAFOLDER/saleswheel.db and PostgreSQL is an error.
    /// </summary>
    /// <exception cref="InvalidOperationException">An unknown provider, or PostgreSQL without a connection string.</exception>
    public static DatabaseChoice From(IConfiguration configuration, string dataFolder) =>
        From(configuration["Database:Provider"], configuration.GetConnectionString("SalesWheel"), dataFolder);

    /// <inheritdoc cref="From(IConfiguration, string)"/>
    public static DatabaseChoice From(string? provider, string? connectionString, string dataFolder)
    {
        var chosen = ParseProvider(provider);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new DatabaseChoice(chosen, connectionString);
        }

        return chosen == DatabaseProvider.Sqlite
            ? new DatabaseChoice(chosen, SqliteDatabase.ConnectionStringFor(DefaultSqliteFile(dataFolder)))
            : throw new InvalidOperationException(
                "Database:Provider is postgres but no connection string is set: set ConnectionStrings:SalesWheel "
                + "(environment variable ConnectionStrings__SalesWheel), e.g. Host=db;Database=saleswheel;Username=saleswheel;Password=…");
    }

    /// <exception cref="InvalidOperationException">Neither <c>sqlite</c> nor <c>postgres</c>.</exception>
    public static DatabaseProvider ParseProvider(string? provider) => provider?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider \"{provider}\" is not known: use sqlite (the default) or postgres."),
    };

    /// <summary>The SQLite file of a data folder.</summary>
    public static string DefaultSqliteFile(string dataFolder) => Path.Combine(dataFolder, "saleswheel.db");

    /// <summary>Where the data is, for a person to read (no password).</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource),
        _ => new NpgsqlConnectionStringBuilder(ConnectionString) is var npgsql
            ? $"PostgreSQL database {npgsql.Database} on {npgsql.Host}:{npgsql.Port}"
            : "",
    };
}

/// <summary>Sets up <see cref="AppDbContext"/> on the chosen provider, and migrates it.</summary>
public static class SalesWheelDatabase
{
    public static DbContextOptionsBuilder UseSalesWheelDatabase(this DbContextOptionsBuilder builder, DatabaseChoice choice) =>
        choice.Provider switch
        {
            DatabaseProvider.Postgres => builder.UseSalesWheelPostgres(choice.ConnectionString),
            _ => builder.UseSalesWheelSqlite(choice.ConnectionString),
        };

    /// <summary>Applies the provider's migrations (and, on SQLite, its file settings).</summary>
    public static Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.IsNpgsql() ? PostgresDatabase.MigrateAsync(db, cancellationToken) : SqliteDatabase.MigrateAsync(db, cancellationToken);

    /// <summary>Whether an error came from the database itself (cannot connect, refused statement), on either provider.</summary>
    public static bool IsDatabaseError(Exception exception) => exception is DbException or DbUpdateException;
}

/// <summary>
/// Migrates the chosen provider's database once: SQLite under a file lock beside the database
/// (<see cref="SqliteDatabase.MigrateAsync"/>), PostgreSQL under EF Core's own migration lock.
/// </summary>
public sealed class ProviderMigrator : IDatabaseMigrator
{
    public Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default) => SalesWheelDatabase.MigrateAsync(db, cancellationToken);
}
