namespace SalesWheel.Data.Entities;

/// <summary>A user's place in an organization.</summary>
public sealed class Membership
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string UserId { get; set; }

    public MemberRole Role { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
