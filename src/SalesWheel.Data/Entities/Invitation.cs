namespace SalesWheel.Data.Entities;

/// <summary>
/// One person's personal survey link. It knows whether they have submitted (to stop a second response and to count
/// participation) but nothing links it to the response itself.
/// </summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssessmentId { get; set; }

    /// <summary>The person invited; null once the person is removed.</summary>
    public Guid? PersonId { get; set; }

    /// <summary>
    /// SHA-256 of the token in the first link; the token itself is never stored. Links sent later (reminders) are
    /// <see cref="InvitationToken"/>s: every link an invitation was ever sent keeps working.
    /// </summary>
    public required string TokenHash { get; set; }

    /// <summary>Role and team when invited, for participation counts.</summary>
    public required string Role { get; set; }

    public required string Team { get; set; }

    /// <summary>The person's attribute values when invited (<see cref="AttributeValues"/>), kept like role and team; "" for none.</summary>
    public string AttributesJson { get; set; } = "";

    /// <summary>
    /// The name and address the invitation was made for. Reminders go here, never to an address edited later, so
    /// editing a person's email cannot redirect their link. Empty for invitations made before this was kept.
    /// </summary>
    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>
    /// The admin received this link (no mail server, or its email failed) and had to pass it on, so they could open it
    /// too; the respondent is told so on the welcome page.
    /// </summary>
    public bool HandedToAdmin { get; set; }

    public InvitationState State { get; set; }

    public InvitationKind Kind { get; set; }

    public int RemindersSent { get; set; }

    public DateTime? LastSentAt { get; set; }

    /// <summary>
    /// The person was added to the people list, or their email address changed, within a day before the assessment
    /// opened: kept at opening, so removing or editing the person later does not erase the sign.
    /// </summary>
    public bool ChangedShortlyBeforeOpening { get; set; }

    /// <summary>When the link was first opened in a browser signed in to this organization (shown as a count to every member).</summary>
    public DateTime? OpenedBySignedInMemberAt { get; set; }
}
