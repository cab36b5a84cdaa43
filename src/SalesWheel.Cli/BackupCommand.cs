using System.CommandLine;
using Microsoft.Data.Sqlite;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel backup FILE</c>: an online copy of the web app's SQLite database, consistent while the app runs and
/// writes (SQLite's backup API reads one snapshot; in WAL mode the app's writers never wait for it). The copy is one
/// self-contained file (rollback journal, no -wal beside it), owner-only, checked before it gets its name. The
/// submission key is left out on purpose: a backup with its key beside it would unseal open assessments' submissions
/// and every response's role and team (docs/security.md, "Storage and keys").
/// </summary>
public static class BackupCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the backup (a new file: an existing one is never overwritten)." };
        var data = new Option<string>("--data")
        {
            Description = "The web app's data folder: the database is FOLDER/saleswheel.db.",
            DefaultValueFactory = _ => "data",
            HelpName = "FOLDER",
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "SQLite connection string of the web app's database, instead of the one in the data folder.",
            HelpName = "STRING",
        };
        var command = new Command("backup",
            "Copy the web app's SQLite database to FILE while the app keeps running (a consistent snapshot). The submission "
            + "key (FOLDER/keys/submission.key) is not in the copy: keep it apart, and give it back with `restore --key`.")
        {
            file, data, connection,
        };
        command.SetAction(parse => Run(parse.GetValue(file) ?? "", parse.GetValue(data) ?? "data", parse.GetValue(connection), stdout, stderr));
        return command;
    }

    private static int Run(string file, string dataFolder, string? connection, TextWriter stdout, TextWriter stderr)
    {
        var database = Path.Combine(dataFolder, "saleswheel.db");
        if (connection is null && !File.Exists(database))
        {
            stderr.WriteLine($"error: there is no SalesWheel database at {Path.GetFullPath(database)} (use --data FOLDER or --connection STRING)");
            return CliApp.BadInput;
        }

        var target = Path.GetFullPath(file);
        if (File.Exists(target))
        {
            stderr.WriteLine($"error: {target} exists already: a backup never overwrites a file (choose a new name)");
            return CliApp.BadInput;
        }

        // Written under a temporary name and renamed once checked, so FILE is either a whole backup or absent.
        var partial = target + ".partial";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Delete(partial);
            CreateOwnerOnly(partial);
            var source = new SqliteConnectionStringBuilder(connection ?? SqliteDatabase.ConnectionStringFor(database))
            {
                Mode = SqliteOpenMode.ReadWrite, // never creates an empty database where none was
                Pooling = false,
            };
            using (var from = new SqliteConnection(source.ToString()))
            using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                from.Open();
                to.Open();
                from.BackupDatabase(to);
                // The copy keeps the source's WAL flag; one file with no -wal beside it is what a backup should be.
                Execute(to, "PRAGMA journal_mode=DELETE;");
                if (Scalar(to, "PRAGMA quick_check;") is not "ok" and var problem)
                {
                    throw new InvalidOperationException($"the copy failed its integrity check: {problem}");
                }
            }

            var counts = DatabaseCounts.Of(partial);
            File.Move(partial, target);
            stdout.WriteLine($"Backed up to {target} ({new FileInfo(target).Length / 1024.0 / 1024.0:0.0} MB).");
            stdout.WriteLine(counts.Describe());
            stdout.WriteLine($"The submission key is not in the backup: keep a copy of {Path.GetFullPath(Path.Combine(dataFolder, "keys", "submission.key"))} "
                + "(or SalesWheel:SubmissionKey) apart from it. Without that key, sealed submissions of open assessments "
                + "and the roles and teams of responses cannot be read back.");
            return CliApp.Success;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            File.Delete(partial);
            stderr.WriteLine($"error: could not back up the database: {e.GetBaseException().Message}");
            return CliApp.BadInput;
        }
    }

    /// <summary>An empty file only its owner can read: the backup holds everything the database holds.</summary>
    internal static void CreateOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var _ = new FileStream(path, options);
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

/// <summary>What a SalesWheel database file holds, counted for the operator to compare a backup with its source.</summary>
internal sealed record DatabaseCounts(long Organizations, long Assessments, long Responses, long SealedSubmissions, long Invitations)
{
    public static DatabaseCounts Of(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        long Count(string table) => (long)BackupCommand.Scalar(connection, $"SELECT count(*) FROM \"{table}\";")!;
        return new DatabaseCounts(Count("Organizations"), Count("Assessments"), Count("SurveyResponses"), Count("SealedSubmissions"), Count("Invitations"));
    }

    public string Describe() =>
        $"It holds {Organizations} organizations, {Assessments} assessments, {Invitations} invitations, {Responses} responses "
        + $"and {SealedSubmissions} sealed submissions (of open assessments).";
}
