using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// What opening, reminding or closing did: a problem (nothing was changed), or what was done and the personal links
/// just made (known only now: the database keeps their hashes).
/// </summary>
public sealed record ActionOutcome(
    string? Problem,
    string? Done = null,
    IReadOnlyList<InvitationLink>? Links = null,
    string? LinksFile = null,
    int NotSent = 0,
    string? OpenLink = null,
    int? Reminded = null,
    int? Answered = null)
{
    public static ActionOutcome Refused(string problem) => new(problem);
}

/// <summary>
/// Whom a reminder reaches: <paramref name="Invited"/> people still on the people list, <paramref name="Answered"/> of
/// them submitted, <paramref name="ToRemind"/> would get a reminder; <paramref name="ByEmail"/> when SalesWheel emails it.
/// </summary>
public sealed record ReminderReach(int Invited, int Answered, int ToRemind, bool ByEmail);

/// <summary>
/// Opening, reminding and closing an assessment, shared by the assessment page and the API: the same checks, the same
/// invitations and emails, the same audit entries.
/// </summary>
public sealed partial class AssessmentActions(
    AppDbContext db,
    AuditLog audit,
    IMailer mailer,
    LinkBuilder linkBuilder,
    SubmissionSeal seal,
    ILogger<AssessmentActions> logger)
{
    /// <summary>
    /// The assessment if it belongs to the organization. One whose close date has passed is closed when the caller is
    /// about to change something (a POST), and only shown as closed otherwise (a GET changes nothing).
    /// </summary>
    public async Task<Assessment?> FindAsync(Guid organizationId, Guid id, bool toChange, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == organizationId, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        if (!toChange)
        {
            AssessmentDeadline.ShowAsClosedIfDue(assessment);
        }
        else if (await AssessmentDeadline.CloseIfDueAsync(db, seal, audit, assessment, cancellationToken))
        {
            await db.Entry(assessment).ReloadAsync(cancellationToken);
        }

        return assessment;
    }

    /// <summary>Why an assessment whose sealed submissions this server cannot open is not closed.</summary>
    public static string UnreadableRefusal(int unreadable) =>
        $"{unreadable} submitted {(unreadable == 1 ? "answer is" : "answers are")} sealed with a different submission key than this server has, so closing now would "
        + "publish results without them. Restore the key (SalesWheel:SubmissionKey, or data/keys/submission.key from your backup) and close again. The assessment stays open.";

    /// <summary>Why an uploaded assessment cannot be opened, reminded or closed.</summary>
    public const string UploadedRefusal = "This assessment was made from answers uploaded from a file: it has no survey, "
        + "so nobody can be invited or reminded, and it is closed already.";

    public Task<ActionOutcome> OpenAsync(Organization organization, Assessment assessment, Actor actor, CancellationToken cancellationToken) =>
        OpenAsync(organization, assessment, actor, withOpenLink: false, cancellationToken);

    /// <summary>
    /// Opens the assessment with one anonymous open link instead of personal links: nobody, the admin included, holds a
    /// link that belongs to a person. Everyone in the audience is counted as invited (for participation); respondents
    /// pick their team and role; each browser answers once; more answers than people in a group are flagged.
    /// </summary>
    public Task<ActionOutcome> OpenWithOpenLinkAsync(Organization organization, Assessment assessment, Actor actor, CancellationToken cancellationToken) =>
        OpenAsync(organization, assessment, actor, withOpenLink: true, cancellationToken);

    private async Task<ActionOutcome> OpenAsync(Organization organization, Assessment assessment, Actor actor, bool withOpenLink, CancellationToken cancellationToken)
    {
        if (assessment.Uploaded)
        {
            return ActionOutcome.Refused(UploadedRefusal);
        }

        if (assessment.Status != AssessmentStatus.Draft)
        {
            return ActionOutcome.Refused($"This assessment is already {assessment.Status.ToString().ToLowerInvariant()}: it can be opened only once.");
        }

        if (assessment.CloseDate is { } closeDate && closeDate < AssessmentDeadline.Today)
        {
            return ActionOutcome.Refused($"Its close date, {closeDate:yyyy-MM-dd}, has passed, so it would close at once. Create a new assessment with a later close date.");
        }

        var audience = Audience.Of(assessment);
        var people = (await db.People.AsNoTracking().Where(p => p.OrganizationId == organization.Id).ToListAsync(cancellationToken))
            .Where(audience.Includes).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (people.Count == 0)
        {
            return ActionOutcome.Refused($"Nobody to invite: no one in your people list matches this audience ({audience.TeamsText.ToLowerInvariant()}, {audience.RolesText.ToLowerInvariant()}). "
                + "Add people with those teams and roles first, or create an assessment with a wider audience. Nothing was sent.");
        }

        var now = DateTime.UtcNow;
        var links = new List<Delivery>(people.Count);
        var openToken = withOpenLink ? Tokens.New() : null;
        var openLink = openToken is null ? null : linkBuilder.Absolute("/o/" + openToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Only one of two admins pressing "Open" at the same moment gets to invite. The minimum group size promised
            // in the emails is bound to the assessment now, for good.
            var k = MinimumGroupSizes.Of(null, organization);
            var openHash = openToken is null ? null : Tokens.Hash(openToken);
            var opened = await db.Assessments
                .Where(a => a.Id == assessment.Id && a.OrganizationId == organization.Id && a.Status == AssessmentStatus.Draft)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssessmentStatus.Open).SetProperty(a => a.OpenedAt, now)
                    .SetProperty(a => a.MinimumGroupSize, k).SetProperty(a => a.OpenLinkTokenHash, openHash), cancellationToken);
            if (opened == 0)
            {
                await db.Entry(assessment).ReloadAsync(cancellationToken);
                return ActionOutcome.Refused("Someone else changed this assessment a moment ago; here it is as it is now.");
            }

            foreach (var person in people)
            {
                // With an open link, a person is only counted as invited: the row has no usable link (a random hash nobody
                // holds the token of).
                var token = Tokens.New();
                var invitation = new Invitation
                {
                    AssessmentId = assessment.Id,
                    PersonId = person.Id,
                    TokenHash = Tokens.Hash(token),
                    Role = PersonRoles.Text(person.Role),
                    Team = person.Team.Trim(),
                    AttributesJson = person.AttributesJson,
                    Name = person.Name,
                    Email = person.Email,
                    Kind = withOpenLink ? InvitationKind.Headcount : InvitationKind.Personal,
                    ChangedShortlyBeforeOpening = person.CreatedAt >= now.AddDays(-1) || person.EmailChangedAt >= now.AddDays(-1),
                    HandedToAdmin = !withOpenLink && !mailer.Delivers,
                    State = InvitationState.Invited,
                    LastSentAt = now,
                };
                db.Invitations.Add(invitation);
                links.Add(new Delivery(invitation.Id, person.Name, person.Email, InvitationLinks.For(person, openLink ?? linkBuilder.Absolute("/s/" + token))));
            }

            audit.Record(organization.Id, actor, "assessment opened", $"{assessment.Name}: {people.Count} {(withOpenLink ? "people counted, one anonymous open link" : "invitations")}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await db.Entry(assessment).ReloadAsync(cancellationToken);
        if (openLink is not null)
        {
            // One link for everyone: emailed to each person when there is a mail server, and shown to the admin either way
            // (it belongs to nobody, so holding it tells nothing about anyone).
            var notSent = 0;
            Exception? firstError = null;
            if (mailer.Delivers)
            {
                foreach (var delivery in links)
                {
                    var email = InvitationEmails.OpenLinkInvitation(organization, assessment, delivery.Name, openLink);
                    try
                    {
                        await mailer.SendAsync(delivery.Name, delivery.Email, email, cancellationToken);
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        notSent++;
                        firstError ??= error;
                    }
                }
            }

            if (firstError is not null)
            {
                LogNotSent(logger, notSent, links.Count, assessment.Id, firstError.GetType().Name, firstError.Message);
            }

            return new ActionOutcome(null, $"The assessment is open with one anonymous link for everyone: {people.Count} {(people.Count == 1 ? "person is" : "people are")} counted as invited"
                + (mailer.Delivers ? $" and {people.Count - notSent} were emailed the link." : "; pass the link on to them (no mail server is set up)."),
                [], null, notSent, openLink);
        }

        var done = $"The assessment is open: {people.Count} {(people.Count == 1 ? "person was" : "people were")} invited.";
        return await DeliverAsync(organization, assessment, links, InvitationEmails.Invitation, done, cancellationToken);
    }

    public async Task<ActionOutcome> RemindAsync(Organization organization, Assessment assessment, Actor actor, CancellationToken cancellationToken)
    {
        if (assessment.Uploaded)
        {
            return ActionOutcome.Refused(UploadedRefusal);
        }

        if (assessment.Status != AssessmentStatus.Open)
        {
            return ActionOutcome.Refused(assessment.Status == AssessmentStatus.Draft
                ? "This assessment is not open yet: open it first, which sends the invitations."
                : "This assessment is closed: no more answers are taken, so there is nobody to remind.");
        }

        if (assessment.OpenLinkTokenHash is not null)
        {
            return ActionOutcome.Refused("This assessment runs on one anonymous open link, which SalesWheel does not keep (only its scrambled form): "
                + "share the link you were given when it opened again, with a reminder in your own words. Nobody was sent anything.");
        }

        var everyone = await InvitedAsync(organization, assessment, cancellationToken);
        var reach = Reach(everyone);
        if (everyone.Count == 0)
        {
            return new ActionOutcome(null, "Nobody on this assessment is still on your people list, so no reminder was sent.", [], Reminded: 0, Answered: reach.Answered);
        }

        if (reach.ToRemind == 0)
        {
            return new ActionOutcome(null, $"Everyone invited has answered ({reach.Answered} of {reach.Invited}), so no reminder was sent.", [], Reminded: 0, Answered: reach.Answered);
        }

        // With a mail server, only those who have not submitted are emailed, and the admin sees counts only. Without one,
        // the admin hands the links out, so everyone invited gets one: links for only those still to answer would tell
        // the admin who has answered, which participation never shows.
        var pending = mailer.Delivers ? everyone.Where(r => r.State != InvitationState.Submitted).ToList() : everyone;
        var now = DateTime.UtcNow;
        var links = new List<Delivery>(pending.Count);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var row in pending.OrderBy(r => r.Name.Length > 0 ? r.Name : r.Person.Name, StringComparer.OrdinalIgnoreCase))
            {
                // A further link for the same invitation: earlier links keep working (one may be in a message already
                // read), drafts belong to the invitation and the browser, and a submitted invitation stays submitted.
                var token = Tokens.New();
                db.InvitationTokens.Add(new InvitationToken { TokenHash = Tokens.Hash(token), InvitationId = row.InvitationId, CreatedAt = now });
                var updated = await db.Invitations
                    .Where(i => i.Id == row.InvitationId)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.RemindersSent, i => i.RemindersSent + 1)
                        .SetProperty(i => i.LastSentAt, now)
                        .SetProperty(i => i.HandedToAdmin, i => i.HandedToAdmin || !mailer.Delivers), cancellationToken);
                if (updated == 1)
                {
                    var name = row.Name.Length > 0 ? row.Name : row.Person.Name;
                    var email = row.Email.Length > 0 ? row.Email : row.Person.Email;
                    links.Add(new Delivery(row.InvitationId, name, email, new InvitationLink(name, email, row.Team, row.Role, linkBuilder.Absolute("/s/" + token))));
                }
            }

            audit.Record(organization.Id, actor, "reminder sent", mailer.Delivers
                ? $"{assessment.Name}: {links.Count} reminders emailed to those who have not answered ({reach.Answered} of {reach.Invited} have answered)"
                : $"{assessment.Name}: {links.Count} reminders with new links");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var done = mailer.Delivers
            ? $"Reminded {links.Count}; {reach.Answered} {(reach.Answered == 1 ? "has" : "have")} answered. Each of the {links.Count} was emailed a further personal link; earlier links keep working and answers saved so far are kept."
            : $"A reminder with a further personal link went to all {links.Count} {(links.Count == 1 ? "person" : "people")} invited (those who already answered are thanked and need do nothing). Earlier links keep working; answers saved so far are kept.";
        var outcome = await DeliverAsync(organization, assessment, links, InvitationEmails.Reminder, done, cancellationToken);
        return outcome with { Reminded = links.Count, Answered = reach.Answered };
    }

    public async Task<ActionOutcome> CloseAsync(Organization organization, Assessment assessment, Actor actor, CancellationToken cancellationToken)
    {
        if (assessment.Uploaded)
        {
            return ActionOutcome.Refused(UploadedRefusal);
        }

        if (assessment.Status != AssessmentStatus.Open)
        {
            return ActionOutcome.Refused(assessment.Status == AssessmentStatus.Draft
                ? "This assessment was never opened, so there is nothing to close."
                : "This assessment is already closed.");
        }

        var now = DateTime.UtcNow;
        // The status flips and the sealed submissions become responses in one transaction: results are never computed
        // from part of the answers.
        var (_, release) = await SubmissionRelease.CloseAsync(db, seal, assessment.Id, async token =>
        {
            var closed = await db.Assessments
                .Where(a => a.Id == assessment.Id && a.OrganizationId == organization.Id && a.Status == AssessmentStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AssessmentStatus.Closed).SetProperty(a => a.ClosedAt, now), token);
            if (closed == 1)
            {
                audit.Record(organization.Id, actor, "assessment closed", assessment.Name);
            }

            return closed == 1;
        }, cancellationToken);

        await db.Entry(assessment).ReloadAsync(cancellationToken);
        if (release.Unreadable > 0)
        {
            return ActionOutcome.Refused(UnreadableRefusal(release.Unreadable));
        }

        return new ActionOutcome(null, "The assessment is closed.");
    }

    /// <summary>
    /// Whom a reminder would reach now: everyone invited who is still on the people list, how many of them have answered,
    /// and how many would be reminded (with a mail server, only those who have not answered; without one, everyone, as
    /// the admin hands the links out).
    /// </summary>
    public async Task<ReminderReach> ReminderReachAsync(Organization organization, Assessment assessment, CancellationToken cancellationToken) =>
        Reach(await InvitedAsync(organization, assessment, cancellationToken));

    private ReminderReach Reach(List<Invited> everyone)
    {
        var answered = everyone.Count(r => r.State == InvitationState.Submitted);
        return new ReminderReach(everyone.Count, answered, mailer.Delivers ? everyone.Count - answered : everyone.Count, mailer.Delivers);
    }

    // The name and address each invitation was made for: editing a person's email later never redirects their link.
    // (Invitations made before addresses were kept fall back to the person's current address.)
    private Task<List<Invited>> InvitedAsync(Organization organization, Assessment assessment, CancellationToken cancellationToken) =>
        (from i in db.Invitations
         join p in db.People on i.PersonId equals (Guid?)p.Id
         where i.AssessmentId == assessment.Id && p.OrganizationId == organization.Id
         select new Invited(i.Id, i.Name, i.Email, i.Role, i.Team, i.State, p)).AsNoTracking().ToListAsync(cancellationToken);

    private sealed record Invited(Guid InvitationId, string Name, string Email, string Role, string Team, InvitationState State, Person Person);

    /// <summary>
    /// Delivers the personal links. Without SMTP (the outbox), the admin must pass them on, so all of them are returned and
    /// written to the links CSV first. With SMTP, each person gets their own by email and only the links whose email
    /// failed reach the admin: whoever holds a link can see whether it was used and what was saved with it, so an admin
    /// who needs no links gets none.
    /// </summary>
    private async Task<ActionOutcome> DeliverAsync(
        Organization organization,
        Assessment assessment,
        List<Delivery> links,
        Func<Organization, Assessment, string, string, OutgoingEmail> compose,
        string done,
        CancellationToken cancellationToken)
    {
        var list = links.Select(l => l.Link).ToList();
        var file = mailer.Delivers ? null : await InvitationLinks.WriteAsync(db, seal, assessment.Id, list, cancellationToken);
        var failed = new List<InvitationLink>();
        Exception? firstError = null;
        var handedOver = new List<Guid>();
        foreach (var delivery in links)
        {
            var email = compose(organization, assessment, delivery.Name, delivery.Link.Link);
            try
            {
                await mailer.SendAsync(delivery.Name, delivery.Email, email, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                failed.Add(delivery.Link);
                handedOver.Add(delivery.InvitationId);
                firstError ??= error;
            }
        }

        if (mailer.Delivers && handedOver.Count > 0)
        {
            // These links reach the admin instead: their respondents are told so when they open them.
            await db.Invitations.Where(i => handedOver.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.HandedToAdmin, true), cancellationToken);
        }

        if (firstError is not null)
        {
            // No address and no link in the log: only how many failed and why.
            LogNotSent(logger, failed.Count, links.Count, assessment.Id, firstError.GetType().Name, firstError.Message);
        }

        if (mailer.Delivers && failed.Count > 0)
        {
            file = await InvitationLinks.WriteAsync(db, seal, assessment.Id, failed, cancellationToken);
        }

        return new ActionOutcome(null, done, mailer.Delivers ? failed : list, file, failed.Count);
    }

    /// <summary>One link to deliver: to the name and address the invitation was made for.</summary>
    private sealed record Delivery(Guid InvitationId, string Name, string Email, InvitationLink Link);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{NotSent} of {Total} emails for assessment {AssessmentId} could not be sent: {ErrorType}: {Error}")]
    private static partial void LogNotSent(ILogger logger, int notSent, int total, Guid assessmentId, string errorType, string error);
}
