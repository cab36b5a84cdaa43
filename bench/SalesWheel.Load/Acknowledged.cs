using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Load;

/// <summary>
/// Virtual respondents that write down every survey the server acknowledged (its "Your answers are in" page came back
/// after the last submit), one link per line, flushed at once: a durability check kills the server mid-load and then
/// looks for each of them. Once the server is gone (connection refused or reset), each respondent stops.
/// </summary>
internal static class Acknowledged
{
    public static async Task<int> RunAsync(string url, int concurrency, double seconds, string data, string output)
    {
        var tokens = new ConcurrentQueue<string>(await File.ReadAllLinesAsync(Path.Combine(data, "load-tokens.txt")));
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency * 2 };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        await using var acknowledged = new StreamWriter(output, append: true) { AutoFlush = true };
        using var gate = new SemaphoreSlim(1, 1);
        var failed = 0;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<double>();
            while (DateTime.UtcNow < deadline && tokens.TryDequeue(out var token))
            {
                try
                {
                    await Runner.TakeSurvey(http, token, latencies);
                }
                catch (HttpRequestException)
                {
                    return; // the server is gone
                }
                catch (Exception e) when (e is InvalidOperationException or TaskCanceledException or IOException)
                {
                    // Not acknowledged: not written down. The first such error is shown (a broken run should say why).
                    if (Interlocked.Exchange(ref failed, 1) == 0)
                    {
                        await Console.Error.WriteLineAsync($"not acknowledged: {e.Message}");
                    }

                    continue;
                }

                await gate.WaitAsync();
                try
                {
                    await acknowledged.WriteLineAsync(token);
                }
                finally
                {
                    gate.Release();
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return 0;
    }

    /// <summary>
    /// Prints how many of the links in <paramref name="file"/> are not marked submitted in the database. (Asked over HTTP,
    /// a link never tells whether it was used, by design: only the browser that submitted is thanked.)
    /// </summary>
    public static async Task<int> NotSubmittedAsync(string data, string file)
    {
        await using var db = Store.Open(data);
        var hashes = (await File.ReadAllLinesAsync(file)).Where(l => l.Length > 0).Select(Tokens.Hash).ToHashSet(StringComparer.Ordinal);
        var submitted = await db.Invitations.Where(i => hashes.Contains(i.TokenHash) && i.State == InvitationState.Submitted).CountAsync();
        Console.WriteLine(hashes.Count - submitted);
        return 0;
    }
}
