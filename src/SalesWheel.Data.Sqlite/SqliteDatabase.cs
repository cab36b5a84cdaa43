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

    /// <summary>
    /// Applies migrations and switches the file to write-ahead logging (readers never wait for the writer), holding the
    /// file's migration lock (<see cref="MigrationLockAsync"/>) meanwhile.
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        using var held = await MigrationLockAsync(db.Database.GetConnectionString(), cancellationToken);
        await SqliteGate.WithoutGateAsync(() => db.Database.MigrateAsync(cancellationToken));
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        // Nothing a migration rewrote (a VACUUM, deleted rows) stays behind in the write-ahead log.
        await SubmissionRelease.EmptyWriteAheadLogAsync(db, cancellationToken);
    }

    /// <summary>
    /// An exclusive lock on <c>FILE.migrating</c> beside the database file (null for an in-memory database), waited
    /// for while another process or node holds it. A file lock rather than a row: the operating system releases it when
    /// its process dies, so a node killed in the middle of a migration never leaves the others waiting for ever.
    /// </summary>
    public static async Task<IDisposable?> MigrationLockAsync(string? connectionString, CancellationToken cancellationToken = default)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        while (true)
        {
            try
            {
                return new FileStream(Path.GetFullPath(source) + ".migrating", options);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken); // another node is migrating
            }
        }
    }
}

/// <summary>SQLite's <see cref="IDatabaseMigrator"/>: <see cref="SqliteDatabase.MigrateAsync"/>.</summary>
public sealed class SqliteMigrator : IDatabaseMigrator
{
    public Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default) => SqliteDatabase.MigrateAsync(db, cancellationToken);
}
