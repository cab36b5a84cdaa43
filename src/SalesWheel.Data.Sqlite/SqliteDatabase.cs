using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SalesWheel.Data.Sqlite;

/// <summary>The embedded default: a SQLite file, WAL mode, migrations from this assembly.</summary>
public static class SqliteDatabase
{
    public static DbContextOptionsBuilder UseSalesWheelSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(SqliteDatabase).Assembly.GetName().Name))
            .AddInterceptors(SqliteGate.For(connectionString));

    /// <summary>A connection string for a database file, creating its folder.</summary>
    public static string ConnectionStringFor(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new SqliteConnectionStringBuilder { DataSource = path, Cache = SqliteCacheMode.Default, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>Applies migrations and switches the file to write-ahead logging (readers never wait for the writer).</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        await SqliteGate.WithoutGateAsync(() => db.Database.MigrateAsync(cancellationToken));
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        // Nothing a migration rewrote (a VACUUM, deleted rows) stays behind in the write-ahead log.
        await SubmissionRelease.EmptyWriteAheadLogAsync(db, cancellationToken);
    }
}
