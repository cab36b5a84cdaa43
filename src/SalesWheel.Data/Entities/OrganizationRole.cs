namespace SalesWheel.Data.Entities;

/// <summary>
/// A role an organization names for itself (AE, SDR, CSM…), mapped to one of the four role families that results
/// break down by, so results stay comparable and anonymous whatever an organization calls its people.
/// </summary>
public sealed class OrganizationRole
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>The family the role counts in (the standard "by role" views).</summary>
    public PersonRole Family { get; set; }
}
