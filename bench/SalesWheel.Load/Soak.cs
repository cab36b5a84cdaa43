using System.Collections.Concurrent;
using System.Diagnostics;

namespace SalesWheel.Load;

/// <summary>
/// A steady load below saturation for a long time: a new survey is started every 1/RATE s whatever the server's pace
/// (open loop), each taken whole as <see cref="Runner.TakeSurvey"/> takes it. Prints a line a minute, then totals.
/// </summary>
internal static class Soak
{
    public static async Task<int> RunAsync(string url, double rate, double seconds, string data)
    {
        var tokens = new ConcurrentQueue<string>(await File.ReadAllLinesAsync(Path.Combine(data, "load-tokens.txt")));
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var completed = 0;
        var errors = 0;
        var firstErrors = new ConcurrentQueue<string>();
        var latencies = new ConcurrentBag<List<double>>();
        var running = new List<Task>();
        var stopwatch = Stopwatch.StartNew();
        var started = 0;
        var nextReport = 60.0;
        while (stopwatch.Elapsed.TotalSeconds < seconds)
        {
            // Start every survey that is due by now; then sleep until the next one.
            while (started < stopwatch.Elapsed.TotalSeconds * rate && tokens.TryDequeue(out var token))
            {
                started++;
                var mine = new List<double>();
                latencies.Add(mine);
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await Runner.TakeSurvey(http, token, mine);
                        Interlocked.Increment(ref completed);
                    }
                    catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException or IOException)
                    {
                        Interlocked.Increment(ref errors);
                        if (firstErrors.Count < 5)
                        {
                            firstErrors.Enqueue(e.Message);
                        }
                    }
                }));
            }

            if (stopwatch.Elapsed.TotalSeconds >= nextReport)
            {
                Console.WriteLine($"{nextReport / 60:0} min: {Volatile.Read(ref completed)} surveys completed, {Volatile.Read(ref errors)} errors");
                nextReport += 60;
                running.RemoveAll(t => t.IsCompleted);
            }

            if (tokens.IsEmpty)
            {
                Console.WriteLine("out of links: seed more");
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        await Task.WhenAll(running);
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine($"surveys completed:   {completed} in {elapsed:0} s = {completed / elapsed:0.0} surveys/s (target {rate:0.0} started/s)");
        Console.WriteLine($"page latency:        p50 {Percentile(all, 0.50):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms, max {all.LastOrDefault():0.0} ms over {all.Length} requests");
        Console.WriteLine($"errors:              {errors}");
        foreach (var error in firstErrors)
        {
            Console.WriteLine($"  e.g. {error}");
        }

        Console.WriteLine($"completed={completed} warmup=0 errors={errors}");
        return errors == 0 ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
