namespace SalesWheel.Data.Entities;

/// <summary>
/// A sign-up waiting for its address to be confirmed. No account exists, and the address is not taken, until the
/// emailed link is followed: someone who typed a colleague's address cannot hold it, and the colleague can still sign up.
/// </summary>
public sealed class PendingSignUp
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The address as typed (trimmed).</summary>
    public required string Email { get; set; }

    /// <summary>Upper case, as Identity normalizes NormalizedEmail.</summary>
    public required string NormalizedEmail { get; set; }

    public required string DisplayName { get; set; }

    public required string OrganizationName { get; set; }

    /// <summary>Identity's hash of the chosen password (the password itself is never stored).</summary>
    public required string PasswordHash { get; set; }

    /// <summary>The hash of the quick check's token to keep, when sign-up started from one.</summary>
    public string? QuickTokenHash { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresAt { get; set; }
}
