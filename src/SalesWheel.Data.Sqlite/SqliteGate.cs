using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SalesWheel.Data.Sqlite;

/// <summary>
/// Lets one connection at a time use a SQLite file within this process. SQLite has a single writer; when several
/// connections race for it, the losers get SQLITE_BUSY and Microsoft.Data.Sqlite retries them with Thread.Sleep,
/// blocking thread-pool threads (seen in a trace of the load test: a fifth of all thread time asleep). Waiting on an
/// async gate instead costs nothing, and every statement here is short: reads and writes take microseconds.
/// The gate is held from a connection's opening to its closing, which covers explicit transactions too.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One gate per database, kept for the life of the process (Gates): it is never disposed.")]
public sealed class SqliteGate : DbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<string, SqliteGate> Gates = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<bool> Suspended = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Which connections hold the gate, so each release matches exactly one acquisition. A plain dictionary by
    // reference: every holder is removed when it closes or is disposed. (A ConditionalWeakTable here allocated a GC
    // handle per request that only its finalizer freed, under a lock the requests wanted too: a fifth of the CPU at load.)
    private readonly ConcurrentDictionary<DbConnection, byte> _holders = new(ReferenceEqualityComparer.Instance);

    // Native connections (pooled by Microsoft.Data.Sqlite and reused across opens) already tuned: tuning is once per
    // native connection, not once per request.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Tuned = [];

    private SqliteGate()
    {
    }

    /// <summary>The gate of one database (one per connection string).</summary>
    public static SqliteGate For(string connectionString) => Gates.GetOrAdd(connectionString, _ => new SqliteGate());

    /// <summary>
    /// Runs work without the gate: migrations open more than one connection at a time (a lock connection beside the
    /// working one) and run alone at start-up anyway.
    /// </summary>
    public static async Task WithoutGateAsync(Func<Task> work)
    {
        Suspended.Value = true;
        try
        {
            await work();
        }
        finally
        {
            Suspended.Value = false;
        }
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        if (Suspended.Value)
        {
            return result;
        }

        _gate.Wait();
        return OpenHoldingGate(connection);
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (Suspended.Value)
        {
            return result;
        }

        await _gate.WaitAsync(cancellationToken);
        return OpenHoldingGate(connection);
    }

    // The connection is opened here, not by EF after this returns: EF opens with the request's cancellation token, and
    // when a client goes away at that moment the open is cancelled without any event that would give the gate back
    // (seen under load: one aborted request, then every request waited for ever). Opening a SQLite file is a short
    // local call, so it runs to the end whatever the token says; EF is told the connection is already open.
    private InterceptionResult OpenHoldingGate(DbConnection connection)
    {
        _holders[connection] = 0;
        try
        {
            connection.Open();
        }
        catch
        {
            Release(connection);
            throw;
        }

        return InterceptionResult.Suppress();
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Tune(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Tune(connection);
        return Task.CompletedTask;
    }

    public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    public override void ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData)
    {
        // Opening failed: give the gate back. (A failure on an open connection is followed by its closing.)
        if (connection.State != System.Data.ConnectionState.Open)
        {
            Release(connection);
        }
    }

    public override Task ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionFailed(connection, eventData);
        return Task.CompletedTask;
    }

    // A safety net: a connection disposed without a closing event (EF's CanConnect closes that way) gives the gate back.
    public override void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public override Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    private void Release(DbConnection connection)
    {
        if (_holders.TryRemove(connection, out _))
        {
            _gate.Release();
        }
    }

    // In WAL mode, synchronous=NORMAL never corrupts the file and keeps every commit through a crash of the app (only
    // a power loss can undo the latest commits); it saves a disk flush per commit. secure_delete overwrites deleted
    // content with zeros instead of leaving it in free pages (a deleted draft or sealed submission must not be readable
    // in the file afterwards). Both are per-connection settings.
    private static void Tune(DbConnection connection)
    {
        var native = (connection as SqliteConnection)?.Handle;
        if (native is not null && Tuned.TryGetValue(native, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA secure_delete=ON;";
        command.ExecuteNonQuery();
        if (native is not null)
        {
            Tuned.TryAdd(native, Tuned);
        }
    }
}
