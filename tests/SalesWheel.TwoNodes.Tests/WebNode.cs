using System.Diagnostics;
using System.Net;

namespace SalesWheel.TwoNodes.Tests;

/// <summary>
/// One web node: a real <c>dotnet SalesWheel.Web.dll</c> process, as an operator starts it (Production, PostgreSQL, its
/// own data folder), on a loopback port of its own. Its console output is kept, to read what its background jobs did.
/// </summary>
public sealed class WebNode(string name, int port, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private readonly List<string> _output = [];
    private Process? _process;

    public string Name { get; } = name;

    public Uri Url { get; } = new($"http://127.0.0.1:{port}");

    public string DataFolder { get; } = Directory.CreateTempSubdirectory($"saleswheel-twonodes-{name}-").FullName;

    /// <summary>Every line the process wrote (stdout and stderr), across restarts.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output)
            {
                return [.. _output];
            }
        }
    }

    /// <summary>Starts the process (the first node with <c>--migrate</c>) and waits until its /healthz answers 200.</summary>
    public async Task StartAsync(bool migrate = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the project folder, as run.sh has it: the pages' static files are there, not in bin.
            WorkingDirectory = Repository.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Repository.WebDll, "--urls", Url.ToString().TrimEnd('/'), "--SalesWheel:DataFolder", DataFolder })
        {
            start.ArgumentList.Add(argument);
        }

        if (migrate)
        {
            start.ArgumentList.Add("--migrate");
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"node {Name} did not start");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(10) };
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"node {Name} exited with {process.ExitCode} while starting:\n{Tail()}");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"node {Name} did not answer /healthz within 2 minutes:\n{Tail()}");
    }

    /// <summary>SIGKILL: the process ends at once, finishing nothing (no shutdown, no flush, no response sent).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(); // on Linux, SIGKILL
            process.WaitForExit();
        }
    }

    /// <summary>The last lines of its output, for a failure message.</summary>
    public string Tail(int lines = 30) => string.Join('\n', Output.TakeLast(lines));

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        Directory.Delete(DataFolder, recursive: true);
    }
}
