using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Text;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>What creating or renaming an assessment did: the assessment, or why nothing was saved (by field).</summary>
public sealed record AssessmentOutcome(Assessment? Assessment, FieldErrors Errors);

/// <summary>
/// Creating a new (draft) assessment, shared by the "new assessment" page and the API: a name, the full or quick form,
/// an audience of existing teams and roles, an optional close date from today on, and the invitation's optional note and
/// sender name (by default the name of the member creating it); audited once saved. Messages are keyed by field: "name",
/// "instrument", "teams", "roles", "closeDate", "note", "senderName".
/// </summary>
public sealed class NewAssessment(AppDbContext db, AuditLog audit)
{
    public const int MaximumNameLength = 200;

    /// <summary>Why a new or renamed assessment's name was refused: none given.</summary>
    public const string NameMissing = "Give the assessment a name, for example \u201cQ3 sales health check\u201d.";

    /// <summary>Why an assessment's name (new, renamed or uploaded) was refused: longer than <see cref="MaximumNameLength"/>.</summary>
    public static string NameTooLong(int length) => $"Use at most {MaximumNameLength} characters for the name (this one has {length}).";

    /// <summary>
    /// Saves the draft the fields describe, or nothing with a message per bad field. <paramref name="roles"/> are parsed
    /// already by the caller (null for one that is not a role): the page posts role names, the API the roles in words.
    /// </summary>
    public async Task<AssessmentOutcome> CreateAsync(
        Guid organizationId,
        Actor actor,
        string? name,
        string? instrument,
        IEnumerable<string?> teams,
        IReadOnlyList<PersonRole?> roles,
        string? closeDate,
        string? note,
        string? senderName,
        CancellationToken cancellationToken)
    {
        var knownTeams = (await db.People.AsNoTracking().Where(p => p.OrganizationId == organizationId).Select(p => p.Team).Distinct().ToListAsync(cancellationToken))
            .Select(t => t.Trim()).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        var errors = new FieldErrors();
        var checkedNote = CheckNote(note, errors);
        var sender = CheckSenderName(senderName, errors);
        if (Check(organizationId, name, instrument, teams, roles, closeDate, knownTeams, errors) is not { } assessment)
        {
            return new AssessmentOutcome(null, errors);
        }

        assessment.InvitationNote = checkedNote;
        assessment.SenderName = sender.Length > 0 ? sender : await DefaultSenderAsync(actor, cancellationToken);

        db.Assessments.Add(assessment);
        audit.Record(organizationId, actor, "assessment created", Describe(assessment));
        await db.SaveChangesAsync(cancellationToken);
        return new AssessmentOutcome(assessment, errors);
    }

    /// <summary>
    /// The draft described by the fields, or null with a message per bad field. <paramref name="knownTeams"/> are the
    /// teams people are in today.
    /// </summary>
    private static Assessment? Check(
        Guid organizationId,
        string? name,
        string? instrument,
        IEnumerable<string?> teams,
        IReadOnlyList<PersonRole?> roles,
        string? closeDate,
        IReadOnlySet<string> knownTeams,
        FieldErrors errors)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", NameMissing);
        }
        else if (name.Length > MaximumNameLength)
        {
            errors.Add("name", NameTooLong(name.Length));
        }

        if (instrument is not ("full" or "quick"))
        {
            errors.Add("instrument", "Choose the full instrument or the quick form.");
        }

        var chosenTeams = teams.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknownTeams = chosenTeams.Where(t => !knownTeams.Contains(t)).ToList();
        if (unknownTeams.Count > 0)
        {
            errors.Add("teams", $"No one is in {(unknownTeams.Count == 1 ? "team" : "teams")} {string.Join(", ", unknownTeams.Select(t => $"\u201c{t}\u201d"))}: untick it, or add people to it first.");
        }

        if (roles.Any(r => r is null))
        {
            errors.Add("roles", "Choose roles from the list: leaders, managers, sellers, ops & enablement.");
        }

        var close = CheckCloseDate(closeDate, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }

        return new Assessment
        {
            OrganizationId = organizationId,
            Name = name,
            QuickForm = instrument == "quick",
            AudienceTeams = Audience.StoreTeams(chosenTeams),
            AudienceRoles = Audience.StoreRoles(PersonRoles.Listed.Where(r => roles.Contains(r))),
            CloseDate = close,
            Status = AssessmentStatus.Draft,
        };
    }

    /// <summary>
    /// A renamed or follow-up assessment's name, cleaned (control characters become spaces) and trimmed; a message under
    /// "name" when it is empty or longer than <see cref="MaximumNameLength"/>.
    /// </summary>
    public static string CheckName(string? name, FieldErrors errors)
    {
        var cleaned = PlainText.Line(name).Trim();
        if (cleaned.Length == 0)
        {
            errors.Add("name", NameMissing);
        }
        else if (cleaned.Length > MaximumNameLength)
        {
            errors.Add("name", NameTooLong(cleaned.Length));
        }

        return cleaned;
    }

    /// <summary>
    /// The close date typed as year-month-day, from today on; null when left empty or refused (with a message under
    /// "closeDate").
    /// </summary>
    public static DateOnly? CheckCloseDate(string? closeDate, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(closeDate))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(closeDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add("closeDate", "Enter the close date as year-month-day, for example 2026-12-31, or leave it empty.");
            return null;
        }

        if (date < AssessmentDeadline.Today)
        {
            errors.Add("closeDate", $"The close date {date:yyyy-MM-dd} is in the past: choose today ({AssessmentDeadline.Today:yyyy-MM-dd}) or a later day, or leave it empty.");
            return null;
        }

        return date;
    }

    public const int MaximumNoteLength = 1000;

    /// <summary>
    /// The invitation's personal note as typed: control characters become spaces, line breaks are kept (as line feeds),
    /// surrounding blank space is trimmed; null when empty. A message under "note" when longer than
    /// <see cref="MaximumNoteLength"/> characters.
    /// </summary>
    public static string? CheckNote(string? note, FieldErrors errors)
    {
        var cleaned = PlainText.Lines(note).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (cleaned.Length > MaximumNoteLength)
        {
            errors.Add("note", $"Keep the note to at most {MaximumNoteLength:N0} characters (this one has {cleaned.Length:N0}).");
        }

        return cleaned.Length == 0 ? null : cleaned;
    }

    /// <summary>
    /// The name invitations come from, on one line (control characters, line breaks included, become spaces) and trimmed;
    /// empty when none was given. A message under "senderName" when longer than <see cref="MaximumNameLength"/>.
    /// </summary>
    public static string CheckSenderName(string? senderName, FieldErrors errors)
    {
        var cleaned = PlainText.Line(senderName).Trim();
        if (cleaned.Length > MaximumNameLength)
        {
            errors.Add("senderName", $"Use at most {MaximumNameLength} characters for the sender name (this one has {cleaned.Length}).");
        }

        return cleaned;
    }

    /// <summary>The name of the member creating the assessment: invitations come from a person the team knows.</summary>
    private async Task<string> DefaultSenderAsync(Actor actor, CancellationToken cancellationToken) =>
        actor.UserId is { } userId && await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) is { } name
            ? PlainText.Line(name).Trim()
            : "";

    /// <summary>The audit log's words for a new assessment.</summary>
    private static string Describe(Assessment assessment)
    {
        var audience = Audience.Of(assessment);
        return $"{assessment.Name}: {(assessment.QuickForm ? "quick form" : "full instrument")}; {audience.TeamsText}; {audience.RolesText}; closes {assessment.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "when closed by hand"}";
    }
}
