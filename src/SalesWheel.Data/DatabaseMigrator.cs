namespace SalesWheel.Data;

/// <summary>
/// One database provider's way of applying its migrations. While it applies them it holds a lock of the database
/// itself, so when several web nodes (or <c>saleswheel migrate</c> and a node) start at once, one migrates and the
/// others wait, then find nothing left to do. SQLite: a lock on a file beside the database, which the operating system
/// releases if the process dies (<c>SqliteMigrator</c>); a server database: its own lock, taken by that provider's
/// migrator (on PostgreSQL, EF Core's migration lock: a table lock inside the migration's transaction, released with it).
/// </summary>
public interface IDatabaseMigrator
{
    /// <summary>Applies every pending migration, under the database's migration lock (waits for it while another holds it).</summary>
    Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default);
}
