namespace SalesWheel.Data.Entities;

/// <summary>A further link of an invitation (sent with a reminder); only the SHA-256 of its token is stored.</summary>
public sealed class InvitationToken
{
    public required string TokenHash { get; set; }

    public Guid InvitationId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
