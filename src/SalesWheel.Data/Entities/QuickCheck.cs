using SalesWheel.Core.Scoring;

namespace SalesWheel.Data.Entities;

/// <summary>One leader's quick self-check, reachable by its private link; attached to an organization on sign-up.</summary>
public sealed class QuickCheck
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string TokenHash { get; set; }

    public CompanyPhase? Phase { get; set; }

    public AcvBand? Acv { get; set; }

    /// <summary>One byte per quick-form item (0 = don't know).</summary>
    public required byte[] Answers { get; set; }

    public Guid? OrganizationId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
