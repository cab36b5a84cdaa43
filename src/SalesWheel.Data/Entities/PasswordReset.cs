namespace SalesWheel.Data.Entities;

/// <summary>A one-time link to choose a new password, emailed or made by an owner or the operator; stored as a hash.</summary>
public sealed class PasswordReset
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string UserId { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>Who made it: "email", "owner" or "operator" (for the audit trail).</summary>
    public required string MadeBy { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresAt { get; set; }
}
