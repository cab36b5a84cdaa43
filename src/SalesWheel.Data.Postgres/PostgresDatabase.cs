using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace SalesWheel.Data.Postgres;

/// <summary>PostgreSQL, for several web nodes on one database: migrations from this assembly, bulk answers by binary COPY.</summary>
public static class PostgresDatabase
{
    /// <summary>
    /// PostgreSQL through Npgsql, with two pool settings for a survey's many short requests unless the connection string
    /// sets them itself: Npgsql prepares the statements a node runs most (<c>Max Auto Prepare</c>), so PostgreSQL
    /// neither parses nor plans them again; and a connection goes back to the pool without a reset of its session
    /// (<c>No Reset On Close</c>): SalesWheel never changes session state (no SET outside a transaction, no temporary
    /// tables, no LISTEN; the migration lock is released by EF Core), and the reset's seven statements ran on every
    /// connection taken from the pool, one and a half per survey page (bench/README.md "Scale out").
    /// </summary>
    public static DbContextOptionsBuilder UseSalesWheelPostgres(this DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseNpgsql(WithPoolDefaults(connectionString), npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ResponseCopyExtension());
        return builder;
    }

    /// <summary>The connection string with <c>Max Auto Prepare=64</c> and <c>No Reset On Close=true</c> where it does not set them.</summary>
    public static string WithPoolDefaults(string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for any keyword it knows; the plain one says what the string holds.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 64;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        return settings.ConnectionString;
    }

    /// <summary>
    /// Applies migrations. EF Core locks its migrations table inside the migration's transaction (released with it), so
    /// nodes starting together apply each migration once.
    /// </summary>
    public static Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.MigrateAsync(cancellationToken);
}
