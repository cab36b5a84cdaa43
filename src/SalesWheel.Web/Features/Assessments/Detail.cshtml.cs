using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// One assessment: its details and participation for every member; open, remind and close for admins. Personal links
/// exist only as hashes in the database, so they are shown (and written to a CSV in the outbox) once, when made.
/// </summary>
public sealed partial class DetailModel(
    AppDbContext db,
    AuditLog audit,
    IMailer mailer,
    LinkBuilder linkBuilder,
    IOptions<SalesWheelOptions> options,
    ILogger<DetailModel> logger) : OrganizationPageModel
{
    public Assessment Assessment { get; private set; } = null!;

    public Audience Audience { get; private set; } = null!;

    /// <summary>People who match the audience today (what opening would invite).</summary>
    public int AudienceSize { get; private set; }

    public bool HasPeople { get; private set; }

    public int Responses { get; private set; }

    public Participation? Participation { get; private set; }

    public bool HasLinksFile { get; private set; }

    /// <summary>The links just made by opening or reminding; shown this once.</summary>
    public IReadOnlyList<InvitationLink> Links { get; private set; } = [];

    public string? LinksFile { get; private set; }

    public int NotSent { get; private set; }

    public string? Done { get; private set; }

    public string? Problem { get; private set; }

    public bool MailDelivers => mailer.Delivers;

    public string OutboxFolder => options.Value.OutboxFolder;

    public bool HasResults => Assessment.Status == AssessmentStatus.Closed || Responses > 0;

    /// <summary>Why an uploaded assessment cannot be opened, reminded or closed.</summary>
    public const string UploadedRefusal = "This assessment was made from answers uploaded from a file: it has no survey, "
        + "so nobody can be invited or reminded, and it is closed already.";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        Done = TempData["Notice"] as string;
        return await ShowAsync(assessment, cancellationToken);
    }

    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken)
    {
        var (assessment, refusal) = await FindToChangeAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (assessment.Uploaded)
        {
            Problem = UploadedRefusal;
            return await ShowAsync(assessment, cancellationToken);
        }

        if (assessment.Status != AssessmentStatus.Draft)
        {
            Problem = $"This assessment is already {assessment.Status.ToString().ToLowerInvariant()}: it can be opened only once.";
            return await ShowAsync(assessment, cancellationToken);
        }

        if (assessment.CloseDate is { } closeDate && closeDate < AssessmentDeadline.Today)
        {
            Problem = $"Its close date, {closeDate:yyyy-MM-dd}, has passed, so it would close at once. Create a new assessment with a later close date.";
            return await ShowAsync(assessment, cancellationToken);
        }

        var audience = Audience.Of(assessment);
        var people = (await db.People.AsNoTracking().Where(p => p.OrganizationId == OrganizationId).ToListAsync(cancellationToken))
            .Where(audience.Includes).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (people.Count == 0)
        {
            Problem = $"Nobody to invite: no one in your people list matches this audience ({audience.TeamsText.ToLowerInvariant()}, {audience.RolesText.ToLowerInvariant()}). "
                + "Add people with those teams and roles first, or create an assessment with a wider audience. Nothing was sent.";
            return await ShowAsync(assessment, cancellationToken);
        }

        var now = DateTime.UtcNow;
        var links = new List<(Person Person, InvitationLink Link)>(people.Count);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Only one of two admins pressing "Open" at the same moment gets to invite.
            var opened = await db.Assessments
                .Where(a => a.Id == assessment.Id && a.OrganizationId == OrganizationId && a.Status == AssessmentStatus.Draft)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssessmentStatus.Open).SetProperty(a => a.OpenedAt, now), cancellationToken);
            if (opened == 0)
            {
                await db.Entry(assessment).ReloadAsync(cancellationToken);
                Problem = "Someone else changed this assessment a moment ago; here it is as it is now.";
                return await ShowAsync(assessment, cancellationToken);
            }

            foreach (var person in people)
            {
                var token = Tokens.New();
                db.Invitations.Add(new Invitation
                {
                    AssessmentId = assessment.Id,
                    PersonId = person.Id,
                    TokenHash = Tokens.Hash(token),
                    Role = PersonRoles.Text(person.Role),
                    Team = person.Team.Trim(),
                    State = InvitationState.Invited,
                    LastSentAt = now,
                });
                links.Add((person, InvitationLinks.For(person, linkBuilder.Absolute("/s/" + token))));
            }

            audit.Record(OrganizationId, CurrentUser, "assessment opened", $"{assessment.Name}: {people.Count} invitations");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await db.Entry(assessment).ReloadAsync(cancellationToken);
        await DeliverAsync(assessment, links, InvitationEmails.Invitation, cancellationToken);
        Done = $"The assessment is open: {people.Count} {(people.Count == 1 ? "person was" : "people were")} invited.";
        return await ShowAsync(assessment, cancellationToken);
    }

    public async Task<IActionResult> OnPostRemindAsync(Guid id, CancellationToken cancellationToken)
    {
        var (assessment, refusal) = await FindToChangeAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (assessment.Uploaded)
        {
            Problem = UploadedRefusal;
            return await ShowAsync(assessment, cancellationToken);
        }

        if (assessment.Status != AssessmentStatus.Open)
        {
            Problem = assessment.Status == AssessmentStatus.Draft
                ? "This assessment is not open yet: open it first, which sends the invitations."
                : "This assessment is closed: no more answers are taken, so there is nobody to remind.";
            return await ShowAsync(assessment, cancellationToken);
        }

        var pending = await (from i in db.Invitations
                             join p in db.People on i.PersonId equals (Guid?)p.Id
                             where i.AssessmentId == assessment.Id && p.OrganizationId == OrganizationId
                             select new { InvitationId = i.Id, Person = p }).AsNoTracking().ToListAsync(cancellationToken);

        // Everyone invited is reminded, those who answered too ("if you already answered, thank you"): a list of only
        // the people still to answer would tell the admin who has answered, which participation never shows.
        if (pending.Count == 0)
        {
            Done = "Nobody on this assessment is still on your people list, so no reminder was sent.";
            return await ShowAsync(assessment, cancellationToken);
        }

        var now = DateTime.UtcNow;
        var links = new List<(Person Person, InvitationLink Link)>(pending.Count);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var row in pending.OrderBy(r => r.Person.Name, StringComparer.OrdinalIgnoreCase))
            {
                // A new token replaces the old one; the draft is keyed by the invitation, so answers so far are kept,
                // and a submitted invitation's new link still says "already submitted".
                var token = Tokens.New();
                var hash = Tokens.Hash(token);
                var updated = await db.Invitations
                    .Where(i => i.Id == row.InvitationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.TokenHash, hash)
                        .SetProperty(i => i.RemindersSent, i => i.RemindersSent + 1)
                        .SetProperty(i => i.LastSentAt, now), cancellationToken);
                if (updated == 1)
                {
                    links.Add((row.Person, InvitationLinks.For(row.Person, linkBuilder.Absolute("/s/" + token))));
                }
            }

            audit.Record(OrganizationId, CurrentUser, "reminder sent", $"{assessment.Name}: {links.Count} reminders with new links");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await DeliverAsync(assessment, links, InvitationEmails.Reminder, cancellationToken);
        Done = $"A reminder with a new personal link went to all {links.Count} {(links.Count == 1 ? "person" : "people")} invited (those who already answered are thanked and need do nothing). Earlier links no longer work; answers saved so far are kept.";
        return await ShowAsync(assessment, cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken cancellationToken)
    {
        var (assessment, refusal) = await FindToChangeAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (assessment.Uploaded)
        {
            Problem = UploadedRefusal;
            return await ShowAsync(assessment, cancellationToken);
        }

        if (assessment.Status != AssessmentStatus.Open)
        {
            Problem = assessment.Status == AssessmentStatus.Draft
                ? "This assessment was never opened, so there is nothing to close."
                : "This assessment is already closed.";
            return await ShowAsync(assessment, cancellationToken);
        }

        var now = DateTime.UtcNow;
        var closed = await db.Assessments
            .Where(a => a.Id == assessment.Id && a.OrganizationId == OrganizationId && a.Status == AssessmentStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssessmentStatus.Closed).SetProperty(a => a.ClosedAt, now), cancellationToken);
        if (closed == 1)
        {
            audit.Record(OrganizationId, CurrentUser, "assessment closed", assessment.Name);
            await db.SaveChangesAsync(cancellationToken);
            await AssessmentDeadline.DeleteDraftsAsync(db, assessment.Id, cancellationToken);
        }

        return Redirect($"/assessments/{assessment.Id}");
    }

    /// <summary>The assessment to act on: 404 when it is not this organization's, 403 below admin.</summary>
    private async Task<(Assessment Assessment, IActionResult? Refusal)> FindToChangeAsync(Guid id, CancellationToken cancellationToken)
    {
        var assessment = await FindAsync(id, cancellationToken);
        return assessment is null ? (null!, NotFound()) : !CanAdminister ? (assessment, Forbid()) : (assessment, null);
    }

    /// <summary>
    /// The assessment if it belongs to this organization. One whose close date has passed is closed by an action (a
    /// POST), and only shown as closed by a GET, which changes nothing.
    /// </summary>
    private async Task<Assessment?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == OrganizationId, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        if (HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method))
        {
            AssessmentDeadline.ShowAsClosedIfDue(assessment);
        }
        else if (AssessmentDeadline.CloseIfDue(assessment, audit))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return assessment;
    }

    /// <summary>Writes the links CSV first (so the links survive a mail failure), then emails each person.</summary>
    private async Task DeliverAsync(
        Assessment assessment,
        List<(Person Person, InvitationLink Link)> links,
        Func<Organization, Assessment, Person, string, (string Subject, string Body)> compose,
        CancellationToken cancellationToken)
    {
        Links = links.Select(l => l.Link).ToList();
        LinksFile = await InvitationLinks.WriteAsync(OutboxFolder, assessment.Id, Links, cancellationToken);
        Exception? firstError = null;
        foreach (var (person, link) in links)
        {
            var (subject, body) = compose(Organization, assessment, person, link.Link);
            try
            {
                await mailer.SendAsync(person.Name, person.Email, subject, body, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                NotSent++;
                firstError ??= error;
            }
        }

        if (firstError is not null)
        {
            // No address and no link in the log: only how many failed and why.
            LogNotSent(logger, NotSent, links.Count, assessment.Id, firstError.GetType().Name, firstError.Message);
        }

        // The page now carries live personal links: keep it out of every cache.
        Response.Headers.CacheControl = "no-store";
    }

    private async Task<IActionResult> ShowAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        Assessment = assessment;
        Audience = Audience.Of(assessment);
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == OrganizationId).ToListAsync(cancellationToken);
        HasPeople = people.Count > 0;
        AudienceSize = people.Count(Audience.Includes);
        Responses = await db.SurveyResponses.CountAsync(r => r.AssessmentId == assessment.Id, cancellationToken);
        if (assessment.Status != AssessmentStatus.Draft && !assessment.Uploaded)
        {
            Participation = await Participation.LoadAsync(db, assessment.Id, Organization.MinimumGroupSize, cancellationToken);
        }

        HasLinksFile = CanAdminister && InvitationLinks.Latest(OutboxFolder, assessment.Id) is not null;
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{NotSent} of {Total} emails for assessment {AssessmentId} could not be sent: {ErrorType}: {Error}")]
    private static partial void LogNotSent(ILogger logger, int notSent, int total, Guid assessmentId, string errorType, string error);
}
