namespace SalesWheel.Data.Entities;

/// <summary>
/// An attribute an organization gives its people besides role and team (tenure band, segment, region, manager): people
/// carry a value for it, invitations keep the value they were sent with, and results can break down by it.
/// </summary>
public sealed class AttributeDefinition
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    /// <summary>As shown and as the breakdown is named ("by region"); never "role" or "team".</summary>
    public required string Name { get; set; }

    /// <summary>Where it is listed among the organization's attributes.</summary>
    public int Position { get; set; }
}
