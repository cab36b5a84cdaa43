using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace SalesWheel.TwoNodes.Tests;

/// <summary>
/// Debian's nginx as a child process (<c>nginx -p FOLDER -c FOLDER/nginx.conf -g 'daemon off;'</c>), running the
/// <c>nginx.conf</c> of docs/deploy.md's "Try two nodes on one machine" word for word: only its three loopback ports are
/// replaced by free ones. Its pid file, logs and temporary files are in its own folder, removed at dispose.
/// </summary>
public sealed partial class Nginx : IDisposable
{
    /// <summary>The ports the guide's config uses: node A, node B, the proxy.</summary>
    public const string GuideNodeA = "127.0.0.1:5080";
    public const string GuideNodeB = "127.0.0.1:5081";
    public const string GuideProxy = "127.0.0.1:8080";

    private readonly Process _process;

    public string Folder { get; } = Directory.CreateTempSubdirectory("saleswheel-twonodes-nginx-").FullName;

    public Uri Url { get; }

    public Nginx(int port, Uri nodeA, Uri nodeB)
    {
        Url = new Uri($"http://127.0.0.1:{port}");
        // Started as root, nginx runs its workers as nobody: they must reach the folder (the guide says the same).
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Folder, (UnixFileMode)Convert.ToInt32("755", 8));
        }
        var config = GuideConfig()
            .Replace(GuideNodeA, nodeA.Authority, StringComparison.Ordinal)
            .Replace(GuideNodeB, nodeB.Authority, StringComparison.Ordinal)
            .Replace(GuideProxy, Url.Authority, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(Folder, "nginx.conf"), config);

        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", Folder, "-c", Path.Combine(Folder, "nginx.conf"), "-g", "daemon off;" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var until = DateTime.UtcNow.AddSeconds(30);
        while (!Listening(port))
        {
            if (_process.HasExited || DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"nginx did not start: {_process.StandardError.ReadToEnd()}\n{ErrorLog}");
            }

            Thread.Sleep(100);
        }
    }

    /// <summary>Debian's nginx (test.sh installs it).</summary>
    public static string Executable => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    public static bool Installed => File.Exists("/usr/sbin/nginx");

    public string ErrorLog => File.Exists(Path.Combine(Folder, "error.log")) ? File.ReadAllText(Path.Combine(Folder, "error.log")) : "";

    /// <summary>The whole <c>nginx.conf</c> the guide gives under "Try two nodes on one machine".</summary>
    public static string GuideConfig()
    {
        var guide = File.ReadAllText(Repository.DeployGuide);
        var section = guide[guide.IndexOf("## Try two nodes on one machine", StringComparison.Ordinal)..];
        return NginxBlock().Match(section) is { Success: true } block
            ? block.Groups[1].Value
            : throw new InvalidOperationException("docs/deploy.md has no ```nginx block under \"Try two nodes on one machine\"");
    }

    /// <summary>The first nginx block of the guide: the production site (TLS).</summary>
    public static string GuideSite() => NginxBlock().Match(File.ReadAllText(Repository.DeployGuide)).Groups[1].Value;

    [GeneratedRegex("```nginx\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();

    private static bool Listening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // `nginx -s stop` (SIGTERM through the pid file) ends the master and its workers; SIGKILL would leave workers.
            using (var stop = Process.Start(new ProcessStartInfo(Executable, ["-p", Folder, "-c", Path.Combine(Folder, "nginx.conf"), "-s", "stop"]) { RedirectStandardError = true }))
            {
                stop?.WaitForExit();
            }

            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill();
                _process.WaitForExit();
            }
        }

        _process.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
