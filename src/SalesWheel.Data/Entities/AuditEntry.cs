namespace SalesWheel.Data.Entities;

/// <summary>Who changed what in an organization, and when (owners can read it).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string? UserId { get; set; }

    public required string UserName { get; set; }

    public required string Action { get; set; }

    public string Detail { get; set; } = "";

    public DateTime At { get; set; } = DateTime.UtcNow;
}
