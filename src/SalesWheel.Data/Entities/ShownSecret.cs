namespace SalesWheel.Data.Entities;

/// <summary>
/// Something a POST made (personal links, an API token, a join or reset link), kept sealed for the GET page its
/// redirect leads to, on whichever web node that GET reaches. Kept in the database for a few minutes only.
/// </summary>
public sealed class ShownSecret
{
    /// <summary>The SHA-256 hash of the key in the redirect's URL (the key itself is never stored).</summary>
    public required string KeyHash { get; set; }

    public Guid OrganizationId { get; set; }

    public required string UserId { get; set; }

    /// <summary>When the POST made it (UTC).</summary>
    public DateTime MadeAt { get; set; }

    /// <summary>The value, sealed with the submission key; null once its time is up (the row stays to say "gone").</summary>
    public byte[]? Sealed { get; set; }
}
