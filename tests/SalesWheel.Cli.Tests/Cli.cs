using System.Diagnostics;

namespace SalesWheel.Cli.Tests;

/// <summary>Runs the command line in-process (fast) or as the real executable, and a scratch folder per test.</summary>
internal static class Cli
{
    public static string RepositoryRoot => RepositoryFiles.Root;

    public static string SharedData => RepositoryFiles.SharedData;

    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built <c>saleswheel</c> program as a separate process, as a user would.</summary>
    public static (int ExitCode, string Out, string Error) Process(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "saleswheel.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>What a run wrote on stderr besides the import summary every reading command prints (lines starting "import: ").</summary>
    public static string WithoutImportSummary(string error) =>
        string.Join('\n', error.Split('\n').Where(line => !line.StartsWith("import: ", StringComparison.Ordinal)));

    public static string TempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "saleswheel-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
