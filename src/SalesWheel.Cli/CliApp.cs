using System.CommandLine;

namespace SalesWheel.Cli;

/// <summary>The <c>saleswheel</c> command line: exit code 0 on success, 1 for bad input data, 2 for usage errors.</summary>
public static class CliApp
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int UsageError = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool showProgress = false)
    {
        var root = new RootCommand(
            "SalesWheel: score a sales team on the eight drivers of sales performance, draw the wheel, and rank what to fix first.")
        {
            ScoreCommand.Create(stdout, stderr, showProgress),
            CompareCommand.Create(stdout, stderr, showProgress),
            TrendCommand.Create(stdout, stderr, showProgress),
            AnonymizeCommand.Create(stdout, stderr),
            InspectCommand.Create(stdout, stderr),
            InstrumentCommand.Create(stdout),
            PlaybookCommand.Create(stdout),
            SampleCommand.Create(stdout),
            DemoCommand.Create(stdout, stderr),
            BackupCommand.Create(stdout, stderr),
            RestoreCommand.Create(stdout, stderr),
            UsersCommand.Create(stdout, stderr),
            MigrateCommand.Create(stdout, stderr),
            NormsCommand.Create(stdout, stderr),
        };

        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        if (parsed.Errors.Count > 0)
        {
            // The built-in error action prints the errors and the command's help; usage errors exit with 2.
            parsed.Invoke(new InvocationConfiguration { Output = stderr, Error = stderr });
            return UsageError;
        }

        return parsed.Invoke(configuration);
    }
}
