using System.Collections.Concurrent;

namespace SalesWheel.Web.Infrastructure;

/// <summary>What a lookup of something kept by <see cref="ShownOnce"/> found.</summary>
public enum ShownOnceState
{
    /// <summary>Still there, for this member of this organization.</summary>
    Found,

    /// <summary>Its time is up (or it never existed): it cannot be shown again, and nothing is re-issued.</summary>
    Gone,

    /// <summary>Kept for another member or organization: answered as "not found".</summary>
    NotYours,
}

/// <summary>
/// Secrets made by a POST (personal links, an API token, a join or reset link) kept in this server's memory for
/// <see cref="Lifetime"/>, under a random key that goes in the redirect's URL. The page the POST redirects to reads
/// them with a GET, so a reload shows them again instead of repeating the action; only the member who made them, in
/// the same organization, can read them, and after the lifetime the page says they are gone. Memory, not the database:
/// they must never be stored, and a restart simply makes them gone sooner.
/// </summary>
public sealed class ShownOnce(TimeProvider clock)
{
    /// <summary>How long a secret stays viewable after the POST that made it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    // Expired entries are kept a while longer so that their owner reads "gone" and anyone else still reads "not found".
    private static readonly TimeSpan Forgotten = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Keeps a value for the member of the organization; returns the key for the URL (22 URL-safe characters).</summary>
    public string Keep<T>(Guid organizationId, string userId, T value)
        where T : class
    {
        var now = clock.GetUtcNow();
        foreach (var (key, old) in _entries)
        {
            if (old.MadeAt + Forgotten <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }

        var id = Data.Tokens.New();
        _entries[id] = new Entry(organizationId, userId, now, value);
        return id;
    }

    /// <summary>The value kept under the key for this member of this organization, with what the lookup found.</summary>
    public (ShownOnceState State, T? Value, DateTimeOffset Until) Find<T>(string? key, Guid organizationId, string userId)
        where T : class
    {
        if (key is null || !_entries.TryGetValue(key, out var entry) || entry.Value is not T value)
        {
            return (ShownOnceState.Gone, null, default);
        }

        if (entry.OrganizationId != organizationId || !string.Equals(entry.UserId, userId, StringComparison.Ordinal))
        {
            return (ShownOnceState.NotYours, null, default);
        }

        var until = entry.MadeAt + Lifetime;
        return clock.GetUtcNow() < until ? (ShownOnceState.Found, value, until) : (ShownOnceState.Gone, null, until);
    }

    private sealed record Entry(Guid OrganizationId, string UserId, DateTimeOffset MadeAt, object Value);
}
