using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

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
/// Secrets made by a POST (personal links, an API token, a join or reset link) kept for <see cref="Lifetime"/> under a
/// random key that goes in the redirect's URL. The page the POST redirects to reads them with a GET, so a reload shows
/// them again instead of repeating the action; only the member who made them, in the same organization, can read them,
/// and after the lifetime the page says they are gone. In the database, so the GET may reach another web node than the
/// POST did: sealed with the submission key (kept outside the database), under the key's hash; once their time is up,
/// the next secret kept wipes their value (secure_delete zeroes it in a SQLite file), and after two hours the row.
/// </summary>
public sealed class ShownOnce(AppDbContext db, SubmissionSeal seal, TimeProvider clock)
{
    /// <summary>How long a secret stays viewable after the POST that made it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    // Expired entries are kept a while longer (without their value) so that their owner reads "gone" and anyone else
    // still reads "not found".
    private static readonly TimeSpan Forgotten = TimeSpan.FromHours(2);

    /// <summary>Keeps a value for the member of the organization; returns the key for the URL (22 URL-safe characters).</summary>
    public async Task<string> KeepAsync<T>(Guid organizationId, string userId, T value, CancellationToken cancellationToken = default)
        where T : class
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var forgotten = now - Forgotten;
        var expired = now - Lifetime;
        await db.ShownSecrets.Where(s => s.MadeAt <= forgotten).ExecuteDeleteAsync(cancellationToken);
        await db.ShownSecrets.Where(s => s.MadeAt <= expired && s.Sealed != null).ExecuteUpdateAsync(s => s.SetProperty(r => r.Sealed, (byte[]?)null), cancellationToken);

        var key = Tokens.New();
        db.ShownSecrets.Add(new ShownSecret
        {
            KeyHash = Tokens.Hash(key),
            OrganizationId = organizationId,
            UserId = userId,
            MadeAt = now,
            Sealed = seal.SealSecret(Purpose<T>(), JsonSerializer.SerializeToUtf8Bytes(value)),
        });
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>The value kept under the key for this member of this organization, with what the lookup found.</summary>
    public async Task<(ShownOnceState State, T? Value, DateTimeOffset Until)> FindAsync<T>(string? key, Guid organizationId, string userId, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!Tokens.LooksValid(key))
        {
            return (ShownOnceState.Gone, null, default);
        }

        var hash = Tokens.Hash(key!);
        var entry = await db.ShownSecrets.AsNoTracking().SingleOrDefaultAsync(s => s.KeyHash == hash, cancellationToken);
        if (entry is null)
        {
            return (ShownOnceState.Gone, null, default);
        }

        if (entry.OrganizationId != organizationId || !string.Equals(entry.UserId, userId, StringComparison.Ordinal))
        {
            return (ShownOnceState.NotYours, null, default);
        }

        var until = new DateTimeOffset(DateTime.SpecifyKind(entry.MadeAt, DateTimeKind.Utc)) + Lifetime;
        if (clock.GetUtcNow() >= until || entry.Sealed is null || seal.OpenSecret(Purpose<T>(), entry.Sealed) is not { } plain)
        {
            return (ShownOnceState.Gone, null, until);
        }

        return (ShownOnceState.Found, JsonSerializer.Deserialize<T>(plain), until);
    }

    // The type is part of what is sealed: a value kept as one type never opens as another.
    private static string Purpose<T>() => "shown once " + typeof(T).FullName;
}
