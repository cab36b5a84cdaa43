using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace SalesWheel.Data.Postgres;

/// <summary>PostgreSQL, for several web nodes on one database: migrations from this assembly, bulk answers by binary COPY.</summary>
public static class PostgresDatabase
{
    /// <summary>
    /// PostgreSQL through Npgsql. Unless the connection string says otherwise, Npgsql prepares the statements a node
    /// runs most (<c>Max Auto Prepare</c>): each survey page runs the same few queries, which PostgreSQL then neither
    /// parses nor plans again (bench/README.md "Scale out" compares it side by side with <c>Max Auto Prepare=0</c>).
    /// </summary>
    public static DbContextOptionsBuilder UseSalesWheelPostgres(this DbContextOptionsBuilder builder, string connectionString)
    {
        // Npgsql's own builder answers ContainsKey for any keyword it knows; the plain one says what the string holds.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            connectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
        }

        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(typeof(PostgresDatabase).Assembly.GetName().Name));
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ResponseCopyExtension());
        return builder;
    }

    /// <summary>
    /// Applies migrations. EF Core takes PostgreSQL's advisory lock around them, so nodes starting together apply each
    /// migration once.
    /// </summary>
    public static Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.MigrateAsync(cancellationToken);
}
