namespace SalesWheel.Data.Entities;

/// <summary>
/// One thing the organization decided to do about a driver (often a playbook action), who owns it, by when, and how far
/// it got: the organization's action plan, compared later with what moved between two waves.
/// </summary>
public sealed class PlannedAction
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Title { get; set; }

    /// <summary>The driver's id in the built-in instrument, e.g. <c>enablement</c>.</summary>
    public required string Driver { get; set; }

    /// <summary>The facet's id within the driver; null when the action is about the driver as a whole.</summary>
    public string? Facet { get; set; }

    /// <summary>The playbook action it was made from (<c>enablement.coaching.live-call-feedback</c>); null when written from scratch.</summary>
    public string? PlaybookActionId { get; set; }

    /// <summary>The member who owns it; null when nobody does or when the owner is a name typed in.</summary>
    public string? OwnerUserId { get; set; }

    /// <summary>The owner's name: the member's name when it was assigned, or the name typed in; "" when nobody owns it.</summary>
    public string OwnerName { get; set; } = "";

    public DateOnly? DueDate { get; set; }

    public PlannedActionStatus Status { get; set; }

    public string Notes { get; set; } = "";

    /// <summary>The assessment whose results led to it, when there was one.</summary>
    public Guid? AssessmentId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When it was last marked done (UTC); null while it is not done.</summary>
    public DateTime? DoneAt { get; set; }
}
