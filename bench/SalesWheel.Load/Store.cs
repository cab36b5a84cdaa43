using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;

namespace SalesWheel.Load;

/// <summary>
/// The database the server under load uses, chosen as the app chooses it (<see cref="DatabaseChoice"/>): SQLite in the
/// data folder by default, or <c>--provider postgres --connection STRING</c>. The data folder still holds the load
/// tool's own files (links, assessment ids) either way.
/// </summary>
internal static class Store
{
    private static DatabaseChoice? choice;

    /// <summary>Takes <c>--provider NAME</c> and <c>--connection STRING</c> out of the arguments, wherever they are.</summary>
    public static string[] TakeOptions(string[] args)
    {
        string? provider = null;
        string? connection = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--provider" when i + 1 < args.Length:
                    provider = args[++i];
                    break;
                case "--connection" when i + 1 < args.Length:
                    connection = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        choice = provider is null && connection is null ? null : DatabaseChoice.From(provider, connection, ".");
        return [.. rest];
    }

    public static AppDbContext Open(string data)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelDatabase(choice ?? DatabaseChoice.From(null, null, data));
        return new AppDbContext(options.Options);
    }

    public static Task MigrateAsync(AppDbContext db) => SalesWheelDatabase.MigrateAsync(db);
}
