using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Data.Sqlite;

namespace SalesWheel.Cli.Tests;

public sealed class BackupCommandTests
{
    [Fact]
    public async Task ABackupTakenWhileAnotherConnectionWritesRestoresToTheSameDemo()
    {
        var source = Cli.TempFolder();
        Assert.Equal(0, Cli.Run("demo", "--data", source).ExitCode);
        var before = await CountsAsync(source);

        // Another connection keeps committing while the backup runs, as the web app would.
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            await using var db = Open(source);
            var organization = await db.Organizations.Select(o => o.Id).SingleAsync();
            while (!stop.IsCancellationRequested)
            {
                db.AuditEntries.Add(new AuditEntry { OrganizationId = organization, UserName = "writer", Action = "written during a backup", Detail = "" });
                await db.SaveChangesAsync();
                Interlocked.Increment(ref written);
            }
        });
        SpinWait.SpinUntil(() => Volatile.Read(ref written) > 20 || writer.IsCompleted);
        var backup = Path.Combine(Cli.TempFolder(), "saleswheel-backup.db");
        var (code, output, error) = Cli.Run("backup", backup, "--data", source);
        var writtenAfterBackup = Volatile.Read(ref written);
        SpinWait.SpinUntil(() => Volatile.Read(ref written) > writtenAfterBackup + 20 || writer.IsCompleted);
        await stop.CancelAsync();
        await writer; // it never failed: the backup did not stop the writer

        Assert.True(code == 0, error);
        Assert.Contains("The submission key is not in the backup", output);
        Assert.False(File.Exists(backup + "-wal"));

        var restored = Cli.TempFolder();
        (code, output, error) = Cli.Run("restore", backup, "--data", restored, "--key", Path.Combine(source, "keys", "submission.key"));
        Assert.True(code == 0, error);
        Assert.Contains("Restored", output);

        var after = await CountsAsync(restored);
        Assert.Equal(before with { AuditEntries = 0 }, after with { AuditEntries = 0 });
        // A consistent snapshot: some of the writer's rows, and none of those it wrote after the backup ended (give or take
        // the one it may have committed but not yet counted when the backup returned).
        Assert.InRange(after.AuditEntries, before.AuditEntries + 1, before.AuditEntries + writtenAfterBackup + 1);
        Assert.Equal(File.ReadAllBytes(Path.Combine(source, "keys", "submission.key")), File.ReadAllBytes(Path.Combine(restored, "keys", "submission.key")));
    }

    [Fact]
    public void ABackupNeverOverwritesAFile()
    {
        var source = Cli.TempFolder();
        Assert.Equal(0, Cli.Run("demo", "--data", source).ExitCode);
        var existing = Path.Combine(Cli.TempFolder(), "precious.txt");
        File.WriteAllText(existing, "keep me");

        var (code, _, error) = Cli.Run("backup", existing, "--data", source);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("exists already", error);
        Assert.Equal("keep me", File.ReadAllText(existing));
    }

    [Fact]
    public void RestoreRefusesAFileThatIsNotADatabaseAndTouchesNothing()
    {
        var target = Cli.TempFolder();
        var notes = Path.Combine(Cli.TempFolder(), "notes.db");
        File.WriteAllText(notes, "name,email\nAda,ada@example.com\n");

        var (code, _, error) = Cli.Run("restore", notes, "--data", target);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains($"{notes} is not a SalesWheel database (not a SQLite file): nothing was restored", error);
        Assert.Empty(Directory.GetFiles(target));
    }

    [Fact]
    public void RestoreRefusesASqliteDatabaseOfAnotherApplication()
    {
        var target = Cli.TempFolder();
        var other = Path.Combine(Cli.TempFolder(), "other.db");
        using (var connection = new SqliteConnection($"Data Source={other};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Orders (Id INTEGER PRIMARY KEY); INSERT INTO Orders VALUES (1);";
            command.ExecuteNonQuery();
        }

        var (code, _, error) = Cli.Run("restore", other, "--data", target);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("is not a SalesWheel database this version can use: it has no __EFMigrationsHistory table. Nothing was restored.", error);
        Assert.Empty(Directory.GetFiles(target));
    }

    [Fact]
    public async Task RestoreRefusesWhileTheDatabaseIsInUseAndReplacesItOnceStoppedKeepingTheOldOneAside()
    {
        var first = Cli.TempFolder();
        Assert.Equal(0, Cli.Run("demo", "--data", first).ExitCode);
        var backup = Path.Combine(Cli.TempFolder(), "first.db");
        Assert.Equal(0, Cli.Run("backup", backup, "--data", first).ExitCode);

        var target = Cli.TempFolder();
        Assert.Equal(0, Cli.Run("demo", "--data", target).ExitCode);
        Assert.Equal(0, Cli.Run("demo", "--data", target).ExitCode); // two organizations, the backup has one
        var key = Path.Combine(first, "keys", "submission.key");
        int code;
        string output, error;
        await using (var running = Open(target))
        {
            await running.Database.OpenConnectionAsync(); // an app's open connection, idle
            await running.Organizations.CountAsync();
            (code, _, error) = Cli.Run("restore", backup, "--data", target, "--key", key);
            Assert.Equal(CliApp.BadInput, code);
            Assert.Contains("is in use: stop the web app", error);
            Assert.Equal(2, await running.Organizations.CountAsync());
        }

        SqliteConnection.ClearAllPools();
        (code, output, error) = Cli.Run("restore", backup, "--data", target, "--key", key);

        Assert.True(code == 0, error);
        Assert.Equal(1, (await CountsAsync(target)).Organizations);
        var kept = Assert.Single(Directory.GetFiles(target, "saleswheel.db.before-restore-*"));
        Assert.Contains($"kept as {kept}", output);
        await using var old = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={kept};Pooling=False").Options);
        Assert.Equal(2, await old.Organizations.CountAsync());
    }

    [Fact]
    public void RestoreWithoutTheSubmissionKeyRefusesUnlessToldToGoOn()
    {
        var source = Cli.TempFolder();
        Assert.Equal(0, Cli.Run("demo", "--data", source).ExitCode);
        var backup = Path.Combine(Cli.TempFolder(), "demo.db");
        Assert.Equal(0, Cli.Run("backup", backup, "--data", source).ExitCode);
        var target = Cli.TempFolder();

        var (code, _, error) = Cli.Run("restore", backup, "--data", target);
        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("responses' roles and teams in this backup cannot be read. Give the key in use when the backup was made (--key KEYFILE)", error);
        Assert.Empty(Directory.GetFiles(target));

        (code, var output, error) = Cli.Run("restore", backup, "--data", target, "--without-key");
        Assert.True(code == 0, error);
        Assert.Contains("stay unreadable until the submission key in use when the backup was made is back", output);
    }

    private sealed record Counts(int Organizations, int Assessments, int Invitations, int Responses, int Users, int AuditEntries);

    private static async Task<Counts> CountsAsync(string folder)
    {
        await using var db = Open(folder);
        return new Counts(await db.Organizations.CountAsync(), await db.Assessments.CountAsync(), await db.Invitations.CountAsync(),
            await db.SurveyResponses.CountAsync(), await db.Users.CountAsync(), await db.AuditEntries.CountAsync());
    }

    private static AppDbContext Open(string folder)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSalesWheelSqlite(SqliteDatabase.ConnectionStringFor(Path.Combine(folder, "saleswheel.db")));
        return new AppDbContext(options.Options);
    }
}
