using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SalesWheel.Data.Postgres;

/// <summary>PostgreSQL, for several web nodes on one database: migrations from this assembly, bulk answers by binary COPY.</summary>
public static class PostgresDatabase
{
    public static DbContextOptionsBuilder UseSalesWheelPostgres(this DbContextOptionsBuilder builder, string connectionString)
    {
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
