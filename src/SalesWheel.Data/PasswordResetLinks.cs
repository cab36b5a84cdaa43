using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>One-time password reset links (/reset-password/{token}), shared by the web app and the command line.</summary>
public static class PasswordResetLinks
{
    /// <summary>How long an emailed link works: the person asked for it a moment ago.</summary>
    public static readonly TimeSpan EmailedLifetime = TimeSpan.FromHours(1);

    /// <summary>How long a link made by an owner or the operator works: it is passed on by hand.</summary>
    public static readonly TimeSpan HandedLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// Makes a new link for the user and saves it; earlier links of the user stop working (only the newest one is
    /// valid). Returns the token for the link (kept nowhere) and when it expires.
    /// </summary>
    public static async Task<(string Token, DateTime ExpiresAt)> CreateAsync(AppDbContext db, string userId, string madeBy, TimeSpan lifetime,
        CancellationToken cancellationToken = default)
    {
        await db.Set<PasswordReset>().Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var token = Tokens.New();
        var reset = new PasswordReset { UserId = userId, TokenHash = Tokens.Hash(token), MadeBy = madeBy, ExpiresAt = DateTime.UtcNow + lifetime };
        db.Set<PasswordReset>().Add(reset);
        await db.SaveChangesAsync(cancellationToken);
        return (token, reset.ExpiresAt);
    }
}
