namespace SalesWheel.Data.Entities;

/// <summary>A member of the sales team who can be invited to answer.</summary>
public sealed class Person
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public PersonRole Role { get; set; }

    public string Team { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When the email address was last changed (an address edited just before opening is shown as a sign of padding).</summary>
    public DateTime? EmailChangedAt { get; set; }
}
