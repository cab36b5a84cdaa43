using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Actions;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Plan;

/// <summary>The fields of a planned action as the API names them, and where the plan's pages show each field's messages.</summary>
public static class PlannedActionFields
{
    public const string Title = "title";
    public const string Driver = "driver";
    public const string Facet = "facet";
    public const string PlaybookAction = "playbookAction";
    public const string Owner = "owner";
    public const string DueDate = "dueDate";
    public const string Status = "status";
    public const string Notes = "notes";
    public const string Assessment = "assessmentId";

    /// <summary>The model-state key of a field on the new and edit pages, which bind the form as <c>Form</c>.</summary>
    public static string PageKey(string field) => field switch
    {
        Title => "Form.Title",
        Driver => "Form.Driver",
        Facet => "Form.Facet",
        PlaybookAction => "Form.PlaybookAction",
        Owner => "Form.OwnerName",
        DueDate => "Form.DueDate",
        Status => "Form.Status",
        Notes => "Form.Notes",
        Assessment => "Form.Assessment",
        _ => "",
    };
}

/// <summary>The statuses of a planned action: their codes (API, CSV, filters) and their words (pages).</summary>
public static class PlannedActionStatuses
{
    public static IReadOnlyList<PlannedActionStatus> InOrder { get; } =
        [PlannedActionStatus.Planned, PlannedActionStatus.InProgress, PlannedActionStatus.Done, PlannedActionStatus.Dropped];

    public const string Accepted = "planned, in-progress, done or dropped";

    public static string Code(this PlannedActionStatus status) => status switch
    {
        PlannedActionStatus.InProgress => "in-progress",
        PlannedActionStatus.Done => "done",
        PlannedActionStatus.Dropped => "dropped",
        _ => "planned",
    };

    public static string DisplayName(this PlannedActionStatus status) => status switch
    {
        PlannedActionStatus.InProgress => "In progress",
        PlannedActionStatus.Done => "Done",
        PlannedActionStatus.Dropped => "Dropped",
        _ => "Planned",
    };

    /// <summary>A status from its code, its words or its name (any case); null when it is none of them.</summary>
    public static PlannedActionStatus? Parse(string? text)
    {
        var key = (text ?? "").Trim().Replace(" ", "-", StringComparison.Ordinal).Replace("_", "-", StringComparison.Ordinal).ToLowerInvariant();
        return InOrder.Cast<PlannedActionStatus?>().FirstOrDefault(s => s!.Value.Code() == key || s.Value.ToString().Equals(key, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>
/// What a planned action says, as typed on the page or sent to the API (text, checked by <see cref="ActionPlan"/>):
/// the owner is a member's user id or a name typed in (empty for nobody), the due date yyyy-MM-dd or empty, the status a
/// code or name (empty for planned), the assessment the id of one of the organization's assessments or empty.
/// </summary>
public sealed record PlannedActionInput(
    string? Title, string? Driver, string? Facet, string? PlaybookAction, string? Owner, string? DueDate, string? Status, string? Notes, string? Assessment)
{
    public static PlannedActionInput From(PlannedAction action) => new(
        action.Title, action.Driver, action.Facet, action.PlaybookActionId, action.OwnerUserId ?? action.OwnerName,
        action.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), action.Status.Code(), action.Notes,
        action.AssessmentId?.ToString());
}

/// <summary>Which actions of the plan to show: by driver, owner (a member's user id or a typed name) and status.</summary>
public sealed record PlanFilter(string? Driver = null, string? Owner = null, PlannedActionStatus? Status = null);

/// <summary>A member who can own an action.</summary>
public sealed record PlanMember(string UserId, string Name, string Email);

/// <summary>What adding or changing an action did: the action saved and what changed, or why nothing was saved (by field).</summary>
public sealed record PlannedActionOutcome(PlannedAction? Action, FieldErrors Errors, IReadOnlyList<string> Changes)
{
    public static PlannedActionOutcome Refused(FieldErrors errors) => new(null, errors, []);
}

/// <summary>
/// The organization's action plan, shared by the plan pages and the API: the same checks (a driver and facet of the
/// instrument, a playbook action of that driver, a member or a name as owner, an assessment of the organization), the
/// same audit entries, and an email to a member who is given an action.
/// </summary>
public sealed partial class ActionPlan(AppDbContext db, AuditLog audit, IMailer mailer, LinkBuilder links, ILogger<ActionPlan> logger)
{
    public const int MaximumTitleLength = 200;
    public const int MaximumOwnerLength = 200;
    public const int MaximumNotesLength = 4000;

    /// <summary>The instrument whose drivers and facets actions are about (the one the playbook was validated against).</summary>
    public static Instrument Instrument => Playbook.BuiltIn.Instrument;

    public static string DriverName(string driver) => Instrument.Drivers.FirstOrDefault(d => d.Id == driver)?.Name ?? driver;

    public static string? FacetName(string driver, string? facet) => facet is null
        ? null
        : Instrument.Drivers.FirstOrDefault(d => d.Id == driver)?.Facets.FirstOrDefault(f => f.Id == facet)?.Name ?? facet;

    /// <summary>Due and not finished: the due date has passed (before <paramref name="today"/>) and it is neither done nor dropped.</summary>
    public static bool IsOverdue(PlannedAction action, DateOnly today) =>
        action.DueDate is { } due && due < today && action.Status is PlannedActionStatus.Planned or PlannedActionStatus.InProgress;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// A new action prefilled from a playbook action (its title, driver and facet) or from a driver and facet, for the
    /// assessment it comes from. Unknown ids are left out rather than refused: the form says what is missing.
    /// </summary>
    public static PlannedActionInput Prefill(string? driver, string? facet, string? playbookAction, string? assessment)
    {
        if (Playbook.BuiltIn.Actions.FirstOrDefault(a => a.Id == playbookAction) is { } action)
        {
            return new(action.Title, action.Driver, action.Facet, action.Id, "", "", PlannedActionStatus.Planned.Code(), "", assessment);
        }

        var known = Instrument.Drivers.FirstOrDefault(d => d.Id == driver);
        var knownFacet = known?.Facets.FirstOrDefault(f => f.Id == facet)?.Id;
        return new("", known?.Id, knownFacet, "", "", "", PlannedActionStatus.Planned.Code(), "", assessment);
    }

    /// <summary>The action if it belongs to the organization (tracked, to be changed or removed).</summary>
    public Task<PlannedAction?> FindAsync(Guid organizationId, Guid id, CancellationToken cancellationToken) =>
        db.PlannedActions.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == organizationId, cancellationToken);

    /// <summary>The organization's actions that pass the filter: by due date (none last), then oldest first.</summary>
    public IQueryable<PlannedAction> List(Guid organizationId, PlanFilter filter)
    {
        var actions = db.PlannedActions.AsNoTracking().Where(a => a.OrganizationId == organizationId);
        if (!string.IsNullOrEmpty(filter.Driver))
        {
            actions = actions.Where(a => a.Driver == filter.Driver);
        }

        if (!string.IsNullOrEmpty(filter.Owner))
        {
            actions = actions.Where(a => a.OwnerUserId == filter.Owner || (a.OwnerUserId == null && a.OwnerName == filter.Owner));
        }

        if (filter.Status is { } status)
        {
            actions = actions.Where(a => a.Status == status);
        }

        return actions.OrderBy(a => a.DueDate == null).ThenBy(a => a.DueDate).ThenBy(a => a.CreatedAt).ThenBy(a => a.Id);
    }

    /// <summary>The organization's members, by name: who can be chosen as an owner.</summary>
    public async Task<IReadOnlyList<PlanMember>> MembersAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var members = await (from m in db.Memberships
                             join u in db.Users on m.UserId equals u.Id
                             where m.OrganizationId == organizationId
                             select new PlanMember(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(cancellationToken);
        return members.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ThenBy(m => m.Email, StringComparer.Ordinal).ToList();
    }

    public async Task<PlannedActionOutcome> AddAsync(Guid organizationId, Actor actor, PlannedActionInput input, CancellationToken cancellationToken)
    {
        var (checkedInput, errors) = await CheckAsync(organizationId, input, cancellationToken);
        if (checkedInput is not { } valid)
        {
            return PlannedActionOutcome.Refused(errors);
        }

        var action = new PlannedAction { OrganizationId = organizationId, Title = valid.Title, Driver = valid.Driver };
        Apply(action, valid);
        db.PlannedActions.Add(action);
        audit.Record(organizationId, actor, "action added", Describe(action));
        await db.SaveChangesAsync(cancellationToken);
        await TellOwnerAsync(organizationId, actor, action, previousOwner: null, cancellationToken);
        return new PlannedActionOutcome(action, errors, []);
    }

    /// <summary>Gives the action the input's fields; saves and audits only when something changed.</summary>
    public async Task<PlannedActionOutcome> ChangeAsync(Guid organizationId, Actor actor, PlannedAction action, PlannedActionInput input, CancellationToken cancellationToken)
    {
        var (checkedInput, errors) = await CheckAsync(organizationId, input, cancellationToken);
        if (checkedInput is not { } valid)
        {
            return PlannedActionOutcome.Refused(errors);
        }

        var previousOwner = action.OwnerUserId;
        var changes = Apply(action, valid);
        if (changes.Count > 0)
        {
            action.UpdatedAt = DateTime.UtcNow;
            audit.Record(organizationId, actor, "action changed", $"\"{action.Title}\": " + string.Join("; ", changes));
            await db.SaveChangesAsync(cancellationToken);
            await TellOwnerAsync(organizationId, actor, action, previousOwner, cancellationToken);
        }

        return new PlannedActionOutcome(action, errors, changes);
    }

    public async Task RemoveAsync(Guid organizationId, Actor actor, PlannedAction action, CancellationToken cancellationToken)
    {
        db.PlannedActions.Remove(action);
        audit.Record(organizationId, actor, "action removed", Describe(action));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>How an action reads in the audit log.</summary>
    public static string Describe(PlannedAction action) =>
        $"\"{action.Title}\", {Area(action)}, owner {Owner(action.OwnerName)}, due {Due(action.DueDate)}, {action.Status.DisplayName().ToLowerInvariant()}";

    /// <summary>"Enablement / Coaching", or the driver alone.</summary>
    public static string Area(PlannedAction action) =>
        FacetName(action.Driver, action.Facet) is { } facet ? $"{DriverName(action.Driver)} / {facet}" : DriverName(action.Driver);

    private static string Owner(string name) => name.Length == 0 ? "(nobody)" : name;

    private static string Due(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(none)";

    /// <summary>An input that passed every check, in the entity's terms.</summary>
    private readonly record struct Valid(
        string Title, string Driver, string? Facet, string? PlaybookAction, string? OwnerUserId, string OwnerName, DateOnly? DueDate,
        PlannedActionStatus Status, string Notes, Guid? Assessment);

    private async Task<(Valid? Input, FieldErrors Errors)> CheckAsync(Guid organizationId, PlannedActionInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var title = (input.Title ?? "").Trim();
        if (title.Length == 0)
        {
            errors.Add(PlannedActionFields.Title, "Say what will be done, in a short title.");
        }
        else if (title.Length > MaximumTitleLength)
        {
            errors.Add(PlannedActionFields.Title, $"Use at most {MaximumTitleLength} characters for the title (put the details in the notes).");
        }

        var driverId = Blank(input.Driver);
        var driver = Instrument.Drivers.FirstOrDefault(d => d.Id == driverId);
        if (driverId is null)
        {
            errors.Add(PlannedActionFields.Driver, "Choose the driver the action is about.");
        }
        else if (driver is null)
        {
            errors.Add(PlannedActionFields.Driver, $"\"{driverId}\" is not a driver: use one of {string.Join(", ", Instrument.Drivers.Select(d => d.Id))}.");
        }

        var facet = Blank(input.Facet);
        if (facet is not null && driver is not null && driver.Facets.All(f => f.Id != facet))
        {
            errors.Add(PlannedActionFields.Facet, $"\"{facet}\" is not a facet of {driver.Name}: use one of {string.Join(", ", driver.Facets.Select(f => f.Id))}, or leave it empty.");
        }

        var playbookId = Blank(input.PlaybookAction);
        if (playbookId is not null)
        {
            var playbook = Playbook.BuiltIn.Actions.FirstOrDefault(a => a.Id == playbookId);
            if (playbook is null)
            {
                errors.Add(PlannedActionFields.PlaybookAction, $"\"{playbookId}\" is not an action of the playbook.");
            }
            else if (driver is not null && playbook.Driver != driver.Id)
            {
                errors.Add(PlannedActionFields.PlaybookAction, $"The playbook action \"{playbook.Title}\" is about {DriverName(playbook.Driver)}, not {driver.Name}.");
            }
        }

        var owner = (input.Owner ?? "").Trim();
        PlanMember? member = null;
        if (owner.Length > 0)
        {
            member = (await MembersAsync(organizationId, cancellationToken)).FirstOrDefault(m => m.UserId == owner);
            if (member is null && owner.Length > MaximumOwnerLength)
            {
                errors.Add(PlannedActionFields.Owner, $"Use at most {MaximumOwnerLength} characters for the owner's name.");
            }
        }

        DateOnly? due = null;
        if (Blank(input.DueDate) is { } dueText)
        {
            if (DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                due = parsed;
            }
            else
            {
                errors.Add(PlannedActionFields.DueDate, $"\"{dueText}\" is not a date: write it as yyyy-MM-dd, e.g. 2026-03-31, or leave it empty.");
            }
        }

        var status = PlannedActionStatus.Planned;
        if (Blank(input.Status) is { } statusText)
        {
            if (PlannedActionStatuses.Parse(statusText) is { } parsedStatus)
            {
                status = parsedStatus;
            }
            else
            {
                errors.Add(PlannedActionFields.Status, $"\"{statusText}\" is not a status: use {PlannedActionStatuses.Accepted}.");
            }
        }

        var notes = (input.Notes ?? "").Trim();
        if (notes.Length > MaximumNotesLength)
        {
            errors.Add(PlannedActionFields.Notes, $"Use at most {MaximumNotesLength} characters for the notes.");
        }

        Guid? assessment = null;
        if (Blank(input.Assessment) is { } assessmentText)
        {
            // Another organization's assessment reads as unknown, never as "not yours".
            if (Guid.TryParse(assessmentText, out var id)
                && await db.Assessments.AnyAsync(a => a.Id == id && a.OrganizationId == organizationId, cancellationToken))
            {
                assessment = id;
            }
            else
            {
                errors.Add(PlannedActionFields.Assessment, "There is no such assessment in your organization: leave it empty, or link an assessment of yours.");
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        return (new Valid(title, driver!.Id, facet, playbookId, member?.UserId, member?.Name ?? owner, due, status, notes, assessment), errors);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Gives the action the checked fields; returns what changed as "what: old → new" (empty when nothing did).</summary>
    private static List<string> Apply(PlannedAction action, Valid input)
    {
        var changes = new List<string>();
        void Change<T>(string what, T before, T after, Func<T, string> show, Action<T> set)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                changes.Add($"{what}: {show(before)} → {show(after)}");
                set(after);
            }
        }

        Change("title", action.Title, input.Title, t => t, v => action.Title = v);
        if (action.Facet != input.Facet)
        {
            // Named before the driver changes, so each side reads in its own driver.
            changes.Add($"facet: {FacetName(action.Driver, action.Facet) ?? "(none)"} → {FacetName(input.Driver, input.Facet) ?? "(none)"}");
            action.Facet = input.Facet;
        }

        Change("driver", action.Driver, input.Driver, DriverName, v => action.Driver = v);
        Change("playbook action", action.PlaybookActionId, input.PlaybookAction, p => p ?? "(none)", v => action.PlaybookActionId = v);
        if (action.OwnerUserId != input.OwnerUserId || action.OwnerName != input.OwnerName)
        {
            changes.Add($"owner: {Owner(action.OwnerName)} → {Owner(input.OwnerName)}");
            (action.OwnerUserId, action.OwnerName) = (input.OwnerUserId, input.OwnerName);
        }

        Change("due", action.DueDate, input.DueDate, Due, v => action.DueDate = v);
        if (action.Status != input.Status)
        {
            changes.Add($"status: {action.Status.DisplayName().ToLowerInvariant()} → {input.Status.DisplayName().ToLowerInvariant()}");
            action.Status = input.Status;
            action.DoneAt = input.Status == PlannedActionStatus.Done ? DateTime.UtcNow : null;
        }

        Change("notes", action.Notes, input.Notes, n => n.Length == 0 ? "(none)" : $"{n.Length} characters", v => action.Notes = v);
        Change("assessment", action.AssessmentId, input.Assessment, a => a?.ToString() ?? "(none)", v => action.AssessmentId = v);
        return changes;
    }

    /// <summary>
    /// Emails the member who was just given the action (not when they gave it to themselves). The change is saved
    /// already: an email that cannot be sent is logged, never a reason to undo it.
    /// </summary>
    private async Task TellOwnerAsync(Guid organizationId, Actor actor, PlannedAction action, string? previousOwner, CancellationToken cancellationToken)
    {
        if (action.OwnerUserId is not { } ownerId || ownerId == previousOwner || ownerId == actor.UserId)
        {
            return;
        }

        var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefaultAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        if (owner?.Email is null)
        {
            return;
        }

        var (subject, body) = PlanEmails.Assigned(organization, owner.DisplayName, actor.Name, action, links.Absolute("/plan?owner=" + Uri.EscapeDataString(ownerId)));
        try
        {
            await mailer.SendAsync(owner.DisplayName, owner.Email, subject, body, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotSent(logger, action.Id, e.GetType().Name, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The email telling the owner of planned action {ActionId} could not be sent: {ErrorType}: {Error}")]
    private static partial void LogNotSent(ILogger logger, Guid actionId, string errorType, string error);
}

/// <summary>The plain-text email a member receives when given an action (one paragraph per line, as for invitations).</summary>
public static class PlanEmails
{
    public static (string Subject, string Body) Assigned(string organization, string ownerName, string by, PlannedAction action, string link) => (
        $"{organization}: you own \"{action.Title}\"",
        $"""
        Hello {ownerName},

        {by} made you the owner of an action in {organization}'s action plan on SalesWheel.

        {action.Title}
        About: {ActionPlan.Area(action)}
        Due: {(action.DueDate is { } due ? due.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture) : "no date set")}
        Status: {action.Status.DisplayName()}
        {(action.Notes.Length > 0 ? "Notes: " + action.Notes : "")}

        Your actions in the plan:
        {link}
        """);
}
