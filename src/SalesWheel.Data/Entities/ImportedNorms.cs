namespace SalesWheel.Data.Entities;

/// <summary>
/// The norms file an operator imported (<c>saleswheel norms import</c>): published percentiles to compare with where this
/// SalesWheel has too few comparable organizations of its own. At most one row: an import replaces it.
/// </summary>
public sealed class ImportedNorms
{
    public Guid Id { get; set; } = Guid.NewGuid();

    /// <summary>The norms file's JSON as written by <c>NormsFile.Write</c> (checked on import).</summary>
    public required string NormsJson { get; set; }

    public DateTime ImportedAt { get; set; } = DateTime.UtcNow;
}
