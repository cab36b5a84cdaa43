using System.CommandLine;
using System.Text;
using SalesWheel.Core.Benchmarks;
using SalesWheel.Data;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel norms export --out FILE</c> and <c>saleswheel norms import FILE</c>: for the operator, the norms of this
/// SalesWheel's anonymous peer pool (cells of at least five organizations, counts and quantiles only) written to a file,
/// and a norms file from another SalesWheel read, checked and stored in place of the one imported before
/// (docs/benchmarks.md).
/// </summary>
public static class NormsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var exportDatabase = new DatabaseOptions();
        var output = new Option<string>("--out") { Description = "The norms file to write (JSON).", Required = true, HelpName = "FILE" };
        var key = new Option<string?>("--submission-key")
        {
            Description = "The web app's submission key file; default: the SalesWheel__SubmissionKey environment variable, else FOLDER/keys/submission.key.",
            HelpName = "FILE",
        };
        var export = new Command("export", "Write the norms of the peer pool (organizations that opted in; cells of at least 10 organizations only, quantiles in whole points) to a file.") { output, key };
        foreach (var option in exportDatabase.All)
        {
            export.Options.Add(option);
        }

        export.SetAction((parse, cancellationToken) => ExportAsync(exportDatabase, parse, parse.GetValue(output)!, parse.GetValue(key), stdout, stderr, cancellationToken));

        var importDatabase = new DatabaseOptions();
        var file = new Argument<string>("FILE") { Description = "A norms file written by `saleswheel norms export`." };
        var import = new Command("import", "Check a norms file and store it in place of the norms imported before; results use it where this SalesWheel has fewer than 5 comparable organizations.") { file };
        foreach (var option in importDatabase.All)
        {
            import.Options.Add(option);
        }

        import.SetAction((parse, cancellationToken) => ImportAsync(importDatabase, parse, parse.GetValue(file)!, stdout, stderr, cancellationToken));
        return new Command("norms", "Export the peer pool's norms, or import published norms (benchmarks).") { export, import };
    }

    private static async Task<int> ExportAsync(DatabaseOptions database, ParseResult parse, string output, string? keyFile, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        return await database.WithDatabaseAsync(parse, stderr, async db =>
        {
            var seal = SealFor(database.DataFolder(parse), keyFile);
            var norms = await new PeerPool(db, new AssessmentScoring(db, seal)).ExportAsync(cancellationToken);
            await File.WriteAllTextAsync(output, norms.Write(), new UTF8Encoding(false), cancellationToken);
            stdout.WriteLine(norms.Cells.Count == 0
                ? $"Wrote {output}: no phase, deal size and driver has {NormsCell.MinimumOrganizations} organizations in the peer pool yet, so it holds no cells."
                : $"Wrote {output}: {norms.Cells.Count} cells (phase × deal size × driver), each of at least {NormsCell.MinimumOrganizations} organizations.");
            return CliApp.Success;
        }, cancellationToken);
    }

    private static async Task<int> ImportAsync(DatabaseOptions database, ParseResult parse, string file, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        NormsFile norms;
        try
        {
            norms = NormsFile.Read(await File.ReadAllTextAsync(file, cancellationToken));
        }
        catch (NormsFileException e)
        {
            stderr.WriteLine($"error: {file}: {e.Message} Nothing was imported.");
            return CliApp.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot read {file}: {e.Message}");
            return CliApp.BadInput;
        }

        return await database.WithDatabaseAsync(parse, stderr, async db =>
        {
            await PeerPool.ImportAsync(db, norms, cancellationToken);
            stdout.WriteLine($"Imported {norms.Cells.Count} cells from {file}; they replace the norms imported before.");
            return CliApp.Success;
        }, cancellationToken);
    }

    /// <summary>The key the web app uses (needed to score an assessment whose result is not stored yet); never made here.</summary>
    private static SubmissionSeal SealFor(string folder, string? keyFile)
    {
        var configured = Environment.GetEnvironmentVariable("SalesWheel__SubmissionKey");
        var inFolder = keyFile ?? Path.Combine(folder, "keys", "submission.key");
        if (keyFile is null && string.IsNullOrWhiteSpace(configured) && !File.Exists(inFolder))
        {
            throw new InvalidOperationException(
                $"there is no submission key at {Path.GetFullPath(inFolder)}: give the web app's key with --submission-key FILE or SalesWheel__SubmissionKey");
        }

        return SubmissionSeal.FromConfiguredKeyOrFile(keyFile is null ? configured : null, inFolder);
    }
}
