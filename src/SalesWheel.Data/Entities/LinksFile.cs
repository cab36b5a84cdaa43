namespace SalesWheel.Data.Entities;

/// <summary>
/// The CSV of personal links made by opening or reminding when they reach the admin (no mail server, emails that
/// failed), sealed with the submission key: downloadable by the assessment's admins from any web node.
/// </summary>
public sealed class LinksFile
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssessmentId { get; set; }

    /// <summary>The download name, <c>links-{assessment}-{yyyyMMddHHmmss}.csv</c> (UTC): ordinal order is time order.</summary>
    public required string Name { get; set; }

    /// <summary>The CSV (UTF-8 with a byte order mark), sealed.</summary>
    public required byte[] Sealed { get; set; }
}
