using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.TwoNodes.Tests;

/// <summary>
/// A node dies mid-load (SIGKILL: no shutdown, nothing flushed, requests cut off): what it acknowledged is in the
/// database, and nginx sends everything after to the node left (proxy_next_upstream, max_fails: docs/deploy.md).
/// </summary>
[Collection(SharedNodes.Name)]
public sealed class NodeKilledUnderLoadTests(TwoNodesBehindNginx nodes)
{
    private const int Respondents = 8;
    private const int SurveysEachSide = 40;

    [TwoNodesFact]
    public async Task WhenNodeBIsKilledUnderLoadEveryAcknowledgedSurveyIsStoredAndNodeAServesEverySurveyStartedAfter()
    {
        var (assessment, tokens) = await nodes.SeedLinksAsync(1000);
        var links = new ConcurrentQueue<string>(tokens);
        var acknowledged = new ConcurrentQueue<(string Token, bool StartedAfterKill)>();
        var failed = new ConcurrentQueue<(bool StartedAfterKill, string Error)>();
        var killed = 0;
        using var stop = new CancellationTokenSource();
        // Virtual respondents through nginx, each a new browser per link, one after another until stopped.
        var load = Enumerable.Range(0, Respondents).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && links.TryDequeue(out var token))
            {
                var afterKill = Volatile.Read(ref killed) == 1;
                try
                {
                    await new Respondent(token).FinishAsync(nodes.Through);
                    acknowledged.Enqueue((token, afterKill));
                }
                catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TaskCanceledException)
                {
                    failed.Enqueue((afterKill, e.Message));
                }
            }
        })).ToArray();

        try
        {
            await Until(() => acknowledged.Count >= SurveysEachSide, "surveys acknowledged before the kill");
            nodes.B.Kill(); // returns once the process is gone (its sockets closed by the kernel)
            Volatile.Write(ref killed, 1);
            await Until(() => acknowledged.Count(a => a.StartedAfterKill) >= SurveysEachSide, "surveys acknowledged after the kill");
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(load);
            await nodes.RestartBAsync(); // the other tests run on two nodes
        }

        // Only a survey with a request in flight on B when it died may fail (nginx never sends a POST twice).
        Assert.True(failed.Count <= Respondents, $"{failed.Count} surveys failed: {string.Join("; ", failed.Select(f => f.Error).Distinct())}");
        Assert.Empty(failed.Where(f => f.StartedAfterKill).Select(f => f.Error));
        await using var db = nodes.Database();
        var hashes = acknowledged.Select(a => Tokens.Hash(a.Token)).ToList();
        var submitted = await db.Invitations.Where(i => i.AssessmentId == assessment && i.State == InvitationState.Submitted).Select(i => i.TokenHash).ToListAsync();
        Assert.Empty(hashes.Except(submitted)); // every acknowledged survey is stored…
        var (responses, sealedAnswers) = await nodes.StoredAnswersAsync(assessment);
        Assert.Equal(submitted.Count, responses + sealedAnswers); // …once
    }

    private static async Task Until(Func<bool> done, string what)
    {
        for (var wait = 0; wait < 1200 && !done(); wait++)
        {
            await Task.Delay(100);
        }

        Assert.True(done(), $"waited two minutes for {SurveysEachSide} {what}");
    }
}
