namespace SalesWheel.Data.Entities;

/// <summary>A member of the sales team who can be invited to answer.</summary>
public sealed class Person
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    /// <summary>The role family: the person's own role's family when they have one (<see cref="RoleId"/>).</summary>
    public PersonRole Role { get; set; }

    /// <summary>The organization's own role (AE, SDR…) the person holds; null for a family name only.</summary>
    public Guid? RoleId { get; set; }

    public string Team { get; set; } = "";

    /// <summary>The person's values of the organization's attributes (<see cref="AttributeValues"/>); "" for none.</summary>
    public string AttributesJson { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When the email address was last changed (an address edited just before opening is shown as a sign of padding).</summary>
    public DateTime? EmailChangedAt { get; set; }
}
