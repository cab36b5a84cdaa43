namespace SalesWheel.Data.Entities;

/// <summary>
/// A personal API token: it acts for the member who made it, in their organization, with at most their role. Only the
/// SHA-256 hash of the secret is stored; the secret is shown once, when made.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>Viewer (read only) or Admin; never above the role of the member who made it.</summary>
    public MemberRole Role { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The member who made it; the token stops working when they leave the organization.</summary>
    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>The day (UTC) the token was last used, updated at most once a day.</summary>
    public DateOnly? LastUsedOn { get; set; }

    public DateTime? RevokedAt { get; set; }
}
