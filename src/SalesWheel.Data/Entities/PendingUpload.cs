namespace SalesWheel.Data.Entities;

/// <summary>
/// An answers file uploaded and waiting for its mapping to be confirmed: kept in the database (not in memory or on
/// a node's disk) so the preview, its corrections and the confirmation may be served by any node without a second
/// upload. Nothing of it is an assessment until it is confirmed; it is confirmed at most once and expires soon.
/// </summary>
public sealed class PendingUpload
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    /// <summary>The file's name as uploaded (without folders).</summary>
    public required string FileName { get; set; }

    /// <summary>The file's bytes as uploaded; emptied once confirmed.</summary>
    public required byte[] Content { get; set; }

    /// <summary>The name the new assessment will have (the replaced one's for a replacement).</summary>
    public required string Name { get; set; }

    /// <summary>"full", "quick" or "custom" as chosen on the upload form.</summary>
    public required string Instrument { get; set; }

    /// <summary>The custom instrument's file, when <see cref="Instrument"/> is "custom".</summary>
    public string? InstrumentJson { get; set; }

    /// <summary>The uploaded assessment whose answers this file replaces; null for a new assessment.</summary>
    public Guid? ReplacesAssessmentId { get; set; }

    /// <summary>The mapping (ImportMapping JSON) to apply: the organization's last one at first, then the corrections made on the preview.</summary>
    public string? MappingJson { get; set; }

    /// <summary>Whether <see cref="MappingJson"/> started as the organization's last confirmed mapping.</summary>
    public bool UsesLastMapping { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresAt { get; set; }

    /// <summary>The assessment made (or whose answers were replaced) when it was confirmed; null while pending.</summary>
    public Guid? AssessmentId { get; set; }
}
