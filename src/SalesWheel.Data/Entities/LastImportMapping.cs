namespace SalesWheel.Data.Entities;

/// <summary>
/// The import mapping (ImportMapping JSON) an organization last confirmed, applied by default to its next upload so the
/// next wave's export of the same survey maps the same way.
/// </summary>
public sealed class LastImportMapping
{
    public Guid OrganizationId { get; set; }

    public required string MappingJson { get; set; }

    public DateTime SavedAt { get; set; } = DateTime.UtcNow;
}
