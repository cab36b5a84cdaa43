using Microsoft.AspNetCore.Identity;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Data.Entities;

/// <summary>A person who signs in: an owner, admin or viewer of one organization.</summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
}

/// <summary>A customer of SalesWheel: one sales organization and everything it measures.</summary>
public sealed class Organization
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public CompanyPhase? Phase { get; set; }

    public AcvBand? Acv { get; set; }

    /// <summary>Groups smaller than this are never shown (at least 3).</summary>
    public int MinimumGroupSize { get; set; } = Anonymity.DefaultMinimumGroupSize;

    /// <summary>Edited driver relevance levels as JSON; null means the defaults.</summary>
    public string? RelevanceJson { get; set; }

    /// <summary>
    /// Whether viewers may download row-level answers (the anonymous answers CSV and the workbook's Answers sheet);
    /// off by default: owners and admins only.
    /// </summary>
    public bool ViewersMayDownloadAnswers { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>What a signed-in user may do in their organization.</summary>
public enum MemberRole
{
    Viewer = 0,
    Admin = 1,
    Owner = 2,
}

/// <summary>A user's place in an organization.</summary>
public sealed class Membership
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string UserId { get; set; }

    public MemberRole Role { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>An emailed invitation to become an admin or viewer; the token is stored only as a hash.</summary>
public sealed class MemberInvite
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Email { get; set; }

    public MemberRole Role { get; set; }

    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresAt { get; set; }

    public DateTime? AcceptedAt { get; set; }
}

/// <summary>The role a person plays in the sales team (a breakdown attribute).</summary>
public enum PersonRole
{
    Seller = 0,
    Manager = 1,
    Leader = 2,
    OpsEnablement = 3,
}

/// <summary>A member of the sales team who can be invited to answer.</summary>
public sealed class Person
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public PersonRole Role { get; set; }

    public string Team { get; set; } = "";

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When the email address was last changed (an address edited just before opening is shown as a sign of padding).</summary>
    public DateTime? EmailChangedAt { get; set; }
}

public enum AssessmentStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
}

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

/// <summary>What an invitation row stands for.</summary>
public enum InvitationKind
{
    /// <summary>A person's personal link.</summary>
    Personal = 0,

    /// <summary>A person in the audience of an assessment opened with an open link: counted as invited, no link of its own.</summary>
    Headcount = 1,

    /// <summary>One browser that came through the open link, with the team and role it chose; its link is derived from the browser's secret.</summary>
    OpenLink = 2,
}

public enum InvitationState
{
    Invited = 0,
    Started = 1,
    Submitted = 2,
}

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

/// <summary>A further link of an invitation (sent with a reminder); only the SHA-256 of its token is stored.</summary>
public sealed class InvitationToken
{
    public required string TokenHash { get; set; }

    public Guid InvitationId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>
/// Answers saved page by page before submitting, one per invitation and browser. The content is sealed with a key
/// derived from a secret that only the respondent's browser holds (a cookie the server never stores), so neither the
/// database nor anyone opening the same link in another browser can read it. After a submit only an empty receipt is
/// left, so the browser that submitted can say "thank you". Deleted when the assessment closes.
/// </summary>
public sealed class SurveyDraft
{
    public Guid InvitationId { get; set; }

    /// <summary>A one-way id of the browser's secret for this invitation (<see cref="DraftSeal.BrowserId"/>): the same browser has
    /// different ids in different invitations, so its rows cannot be tied together.</summary>
    public required string BrowserId { get; set; }

    /// <summary>The sealed content (AES-GCM: nonce, padded ciphertext, tag); null for a receipt.</summary>
    public byte[]? Sealed { get; set; }

    /// <summary>A receipt: answers were submitted from this browser.</summary>
    public bool Submitted { get; set; }

    // No time is kept: a receipt's moment next to a response's day could tell who submitted what.
}

/// <summary>
/// A submitted survey waiting for its assessment to close, sealed with the server's submission key (kept outside the
/// database). At close all of them are opened, shuffled and written as <see cref="SurveyResponse"/>s in one go, and the
/// sealed rows are deleted (securely, then the write-ahead log is emptied): before close the database holds only
/// ciphertext next to the moment an invitation was submitted, after close nothing ties a response to an invitation.
/// </summary>
public sealed class SealedSubmission
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssessmentId { get; set; }

    /// <summary>AES-GCM: nonce, ciphertext, tag of the day, role, team, answers and comment.</summary>
    public required byte[] Sealed { get; set; }
}

/// <summary>
/// A submitted survey, anonymous by construction: a random id, the day (no time), the role and team, the answers and
/// the comment. No link to a person or an invitation.
/// </summary>
public sealed class SurveyResponse
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssessmentId { get; set; }

    public DateOnly SubmittedOn { get; set; }

    public required string Role { get; set; }

    public required string Team { get; set; }

    /// <summary>One byte per item in instrument order: 0 = not answered, else value − min + 1.</summary>
    public required byte[] Answers { get; set; }

    public string? Comment { get; set; }
}

/// <summary>The engine's result for an assessment, computed once per new response and reused by every page view.</summary>
public sealed class AssessmentResult
{
    public Guid AssessmentId { get; set; }

    /// <summary>How many responses the result was computed from (it is stale when the assessment has more).</summary>
    public int ResponseCount { get; set; }

    public required string ReportJson { get; set; }

    public DateTime ComputedAt { get; set; } = DateTime.UtcNow;
}

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

/// <summary>
/// A personal API token: it acts for the member who made it, in their organization, with at most their role. Only the
/// SHA-256 hash of the secret is stored; the secret is shown once, when made.
/// </summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid OrganizationId { get; set; }

    public required string Name { get; set; }

    /// <summary>Viewer (read only) or Admin; never above the role of the member who made it.</summary>
    public MemberRole Role { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The member who made it; the token stops working when they leave the organization.</summary>
    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>The day (UTC) the token was last used, updated at most once a day.</summary>
    public DateOnly? LastUsedOn { get; set; }

    public DateTime? RevokedAt { get; set; }
}
