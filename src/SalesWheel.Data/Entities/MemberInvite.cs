namespace SalesWheel.Data.Entities;

/// <summary>An emailed invitation to become an admin or viewer; the token is stored only as a hash.</summary>
public sealed class MemberInvite
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Email { get; set; }

    public MemberRole Role { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }
}
