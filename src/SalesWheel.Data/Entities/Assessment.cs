namespace SalesWheel.Data.Entities;

/// <summary>A team survey: who is asked, with which form, and its state.</summary>
public sealed class Assessment
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>The quick form (two items per driver) instead of the full instrument.</summary>
    public bool QuickForm { get; set; }

    /// <summary>
    /// Made from answers uploaded from a file (a survey run in another tool): it has no invitations, is closed from the
    /// start and is never opened.
    /// </summary>
    public bool Uploaded { get; set; }

    /// <summary>The custom instrument (instrument file JSON) its answers are for; null for the built-in instrument.</summary>
    public string? InstrumentJson { get; set; }

    /// <summary>Teams asked, separated by newlines; empty means every team.</summary>
    public string AudienceTeams { get; set; } = "";

    /// <summary>Roles asked (PersonRole names, comma-separated); empty means every role.</summary>
    public string AudienceRoles { get; set; } = "";

    public DateOnly? CloseDate { get; set; }

    /// <summary>
    /// The admin's personal note in the invitation and reminder emails, as typed (plain text, line breaks kept, at most
    /// 1,000 characters); null for none.
    /// </summary>
    public string? InvitationNote { get; set; }

    /// <summary>The name the invitation and reminder emails come from (the address stays the server's); empty for none.</summary>
    public string SenderName { get; set; } = "";

    /// <summary>
    /// Whether respondents' links show the participant summary (overall driver scores and top priorities) once results
    /// are released. On unless the admin turns it off.
    /// </summary>
    public bool ShareParticipantSummary { get; set; } = true;

    /// <summary>
    /// The minimum group size in force when it opened (or was uploaded): the number respondents were promised on the
    /// welcome page and in their email. Bound for good: a later organization setting applies to later assessments only.
    /// Null while a draft.
    /// </summary>
    public int? MinimumGroupSize { get; set; }

    public AssessmentStatus Status { get; set; }

    /// <summary>
    /// SHA-256 of the token of its anonymous open link, when it was opened with one link for everyone instead of
    /// personal links (respondents pick their team and role; the link itself is shown once and never stored).
    /// </summary>
    public string? OpenLinkTokenHash { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? OpenedAt { get; set; }

    public DateTime? ClosedAt { get; set; }
}
