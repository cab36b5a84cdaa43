using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel restore FILE</c>: puts a backup in place as the data folder's database, for the web app to start on.
/// It refuses a file that is not a SalesWheel database (or was made by a newer SalesWheel), a data folder whose
/// database is in use (the app must be stopped: swapping the file under a running app would lose its next writes), and
/// a backup whose sealed content the submission key at hand cannot open (unless told to go on without it). The database
/// it replaces is kept beside it, never deleted.
/// </summary>
public static class RestoreCommand
{
    private static readonly string[] Tables = ["__EFMigrationsHistory", "Organizations", "Assessments", "Invitations", "SurveyResponses", "SealedSubmissions", "AspNetUsers"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE") { Description = "A backup made by `saleswheel backup`." };
        var data = new Option<string>("--data")
        {
            Description = "The data folder of the stopped web app: the backup becomes FOLDER/saleswheel.db.",
            DefaultValueFactory = _ => "data",
            HelpName = "FOLDER",
        };
        var key = new Option<string?>("--key")
        {
            Description = "The submission key file in use when the backup was made: it becomes FOLDER/keys/submission.key.",
            HelpName = "KEYFILE",
        };
        var withoutKey = new Option<bool>("--without-key")
        {
            Description = "Restore even though the submission key at hand cannot open the backup's sealed submissions and "
                + "the roles and teams of its responses (they stay unreadable until the right key is back).",
        };
        var command = new Command("restore",
            "Put a backup in place as the web app's database (stop the app first). The database it replaces is kept beside "
            + "it as saleswheel.db.before-restore-TIME.")
        {
            file, data, key, withoutKey,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(file) ?? "", parse.GetValue(data) ?? "data", parse.GetValue(key),
            parse.GetValue(withoutKey), stdout, stderr, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string file, string dataFolder, string? keyFile, bool withoutKey, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        var backup = Path.GetFullPath(file);
        if (!File.Exists(backup))
        {
            stderr.WriteLine($"error: there is no file at {backup}");
            return CliApp.BadInput;
        }

        if (!LooksLikeSqlite(backup))
        {
            stderr.WriteLine($"error: {backup} is not a SalesWheel database (not a SQLite file): nothing was restored");
            return CliApp.BadInput;
        }

        var folder = Path.GetFullPath(dataFolder);
        var database = Path.Combine(folder, "saleswheel.db");
        var incoming = database + ".restoring";
        try
        {
            if (DataFolder.Secure(folder) is { } narrowed)
            {
                stderr.WriteLine("warning: " + narrowed);
            }

            // Checked as a private copy in the data folder, so the backup itself is never touched and the swap below is a rename.
            File.Delete(incoming);
            BackupCommand.CreateOwnerOnly(incoming);
            File.Copy(backup, incoming, overwrite: true);
            if (await SchemaProblemAsync(incoming, cancellationToken) is { } problem)
            {
                File.Delete(incoming);
                stderr.WriteLine($"error: {backup} is not a SalesWheel database this version can use: {problem}. Nothing was restored.");
                return CliApp.BadInput;
            }

            var seal = KeyFor(folder, keyFile);
            var unreadable = Unreadable(incoming, seal);
            if (unreadable.Total > 0 && !withoutKey)
            {
                File.Delete(incoming);
                var which = keyFile is not null ? $"the key in {Path.GetFullPath(keyFile)}"
                    : seal is null ? "no submission key (none in FOLDER/keys, no SalesWheel__SubmissionKey)" : "the submission key of this data folder";
                stderr.WriteLine($"error: with {which}, {unreadable.Submissions} sealed submissions and {unreadable.Responses} responses' roles and teams "
                    + "in this backup cannot be read. Give the key in use when the backup was made (--key KEYFILE), or restore anyway "
                    + "with --without-key (they stay unreadable until that key is back). Nothing was restored.");
                return CliApp.BadInput;
            }

            var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var kept = File.Exists(database) ? database + ".before-restore-" + stamp : null;
            if (kept is not null && !SetAside(database, kept))
            {
                File.Delete(incoming);
                stderr.WriteLine($"error: the database {database} is in use: stop the web app (and any `saleswheel` command) on {folder} first. Nothing was restored.");
                return CliApp.BadInput;
            }

            File.Move(incoming, database);
            if (keyFile is not null)
            {
                InstallKey(folder, keyFile, stamp);
            }

            stdout.WriteLine($"Restored {backup} as {database}.");
            stdout.WriteLine(DatabaseCounts.Of(database).Describe());
            if (kept is not null)
            {
                stdout.WriteLine($"The database it replaced is kept as {kept}.");
            }

            if (unreadable.Total > 0)
            {
                stdout.WriteLine($"warning: {unreadable.Submissions} sealed submissions and {unreadable.Responses} responses' roles and teams stay unreadable until the submission key in use when the backup was made is back.");
            }

            stdout.WriteLine("Start the web app on this folder: it brings the database up to date first.");
            return CliApp.Success;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            File.Delete(incoming);
            stderr.WriteLine($"error: could not restore: {e.GetBaseException().Message}");
            return CliApp.BadInput;
        }
    }

    private static bool LooksLikeSqlite(string path)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = File.OpenRead(path);
        return stream.ReadAtLeast(header, 16, throwOnEndOfStream: false) == 16 && header.SequenceEqual("SQLite format 3\0"u8);
    }

    /// <summary>Why the file is not a database of this SalesWheel (tables missing, a migration this build does not know), or null.</summary>
    private static async Task<string?> SchemaProblemAsync(string path, CancellationToken cancellationToken)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            if (BackupCommand.Scalar(connection, "PRAGMA quick_check;") is not "ok" and var damage)
            {
                return $"it fails SQLite's integrity check ({damage})";
            }

            var tables = new HashSet<string>(StringComparer.Ordinal);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            if (Tables.FirstOrDefault(t => !tables.Contains(t)) is { } missing)
            {
                return $"it has no {missing} table";
            }
        }

        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await using var db = new AppDbContext(options.Options);
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        return applied.FirstOrDefault(m => !known.Contains(m)) is { } newer
            ? $"it was made by a newer SalesWheel (its migration {newer} is unknown here): upgrade SalesWheel first"
            : null;
    }

    /// <summary>The key the web app will use on this folder once restored, without making one (the web app would).</summary>
    private static SubmissionSeal? KeyFor(string folder, string? keyFile)
    {
        if (keyFile is not null)
        {
            var bytes = File.ReadAllBytes(keyFile);
            return bytes.Length == 32 ? new SubmissionSeal(bytes) : throw new InvalidOperationException($"{keyFile} is not a submission key (it holds {bytes.Length} bytes, not 32)");
        }

        var configured = Environment.GetEnvironmentVariable("SalesWheel__SubmissionKey");
        var inFolder = Path.Combine(folder, "keys", "submission.key");
        return !string.IsNullOrWhiteSpace(configured) || File.Exists(inFolder) ? SubmissionSeal.FromConfiguredKeyOrFile(configured, inFolder) : null;
    }

    private sealed record UnreadableContent(int Submissions, int Responses)
    {
        public int Total => Submissions + Responses;
    }

    /// <summary>Sealed submissions and sealed response roles that <paramref name="seal"/> cannot open (all of them without a key).</summary>
    private static UnreadableContent Unreadable(string path, SubmissionSeal? seal)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var submissions = 0;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT AssessmentId, Sealed FROM SealedSubmissions;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (seal?.Open(Guid.Parse(reader.GetString(0)), (byte[])reader.GetValue(1)) is null)
                {
                    submissions++;
                }
            }
        }

        var responses = 0;
        using (var command = connection.CreateCommand())
        {
            // Roles stored in the clear by old releases start with anything but the seal's mark: those read without a key.
            command.CommandText = "SELECT AssessmentId, Role FROM SurveyResponses WHERE substr(Role, 1, 1) = char(1);";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                try
                {
                    if (seal is null)
                    {
                        responses++;
                    }
                    else
                    {
                        seal.OpenAttribute(Guid.Parse(reader.GetString(0)), reader.GetString(1));
                    }
                }
                catch (CryptographicException)
                {
                    responses++;
                }
            }
        }

        return new UnreadableContent(submissions, responses);
    }

    /// <summary>
    /// Moves the current database aside, only when nothing else has it open: an exclusive lock succeeds only then (every
    /// connection of a running web app, even an idle pooled one, holds a shared lock). What its write-ahead log still
    /// held is copied into the file first, so the kept file is whole on its own.
    /// </summary>
    private static bool SetAside(string database, string kept)
    {
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 2 }.ToString()))
        {
            connection.Open();
            try
            {
                BackupCommand.Execute(connection, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;");
                // A checkpoint that truncates the log must wait for every reader: one that cannot means someone has it open.
                if (BackupCommand.Scalar(connection, "PRAGMA wal_checkpoint(TRUNCATE);") is not 0L)
                {
                    return false;
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
            {
                return false;
            }

            File.Move(database, kept); // still holding the lock: nobody can open it between the check and the move
        }

        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            File.Delete(database + suffix); // emptied by the checkpoint; a fresh database starts without them
        }

        return true;
    }

    private static void InstallKey(string folder, string keyFile, string stamp)
    {
        var keys = Path.Combine(folder, "keys");
        var target = Path.Combine(keys, "submission.key");
        var bytes = File.ReadAllBytes(keyFile);
        if (File.Exists(target))
        {
            if (File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
            {
                return;
            }

            File.Move(target, target + ".before-restore-" + stamp);
        }

        Directory.CreateDirectory(keys);
        BackupCommand.CreateOwnerOnly(target);
        File.WriteAllBytes(target, bytes);
    }
}
