using Npgsql;

namespace SalesWheel.Web.Tests;

/// <summary>
/// The database provider the tests run on: SQLite (a file in each app's data folder) unless
/// SALESWHEEL_TEST_PROVIDER=postgres, then a database of its own per app on the server SALESWHEEL_TEST_POSTGRES points
/// at (tests/postgres.sh start prints it; test.sh runs the web tests a second time that way).
/// </summary>
public static class TestDatabase
{
    public static bool IsPostgres { get; } =
        string.Equals(Environment.GetEnvironmentVariable("SALESWHEEL_TEST_PROVIDER"), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The column that gives rows in the order they were written (for tests about what a copy of the tables shows).</summary>
    public static string InsertionOrder => IsPostgres ? "ctid" : "rowid";

    /// <summary>A SELECT of the tests' own, ordered by <see cref="InsertionOrder"/>.</summary>
    public static string InInsertionOrder(string select) => $"{select} ORDER BY {InsertionOrder}";

    private static string Server => Environment.GetEnvironmentVariable("SALESWHEEL_TEST_POSTGRES") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("SALESWHEEL_TEST_PROVIDER=postgres needs SALESWHEEL_TEST_POSTGRES (the connection string tests/postgres.sh start prints).");

    /// <summary>Creates an empty database on the test server; returns its connection string.</summary>
    public static string CreatePostgres()
    {
        var name = "saleswheel_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(Server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreatePostgres"/>, closing what the app left open.</summary>
    public static void DropPostgres(string connectionString)
    {
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var connection = new NpgsqlConnection(Server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
