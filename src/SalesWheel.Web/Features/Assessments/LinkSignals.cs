using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// Signs of insider padding, shown to every member on the participation page: a member who holds links could answer
/// for others, or add people (with addresses of their own) just before opening. That cannot be prevented outright, so
/// it is made visible. Whole-assessment counts only, never which person or group.
/// </summary>
/// <param name="OpenedBySignedInMembers">Personal links opened in a browser signed in to this organization.</param>
/// <param name="AddedShortlyBeforeOpening">People invited who were added to the people list within a day before it opened.</param>
/// <param name="HandedToAdmin">Personal links the admin received to pass on (no mail server, or the email failed).</param>
public sealed record LinkSignals(int OpenedBySignedInMembers, int AddedShortlyBeforeOpening, int HandedToAdmin)
{
    public static async Task<LinkSignals> LoadAsync(AppDbContext db, Assessment assessment, CancellationToken cancellationToken = default)
    {
        var invitations = db.Invitations.AsNoTracking().Where(i => i.AssessmentId == assessment.Id);
        var opened = await invitations.CountAsync(i => i.OpenedBySignedInMemberAt != null, cancellationToken);
        var handed = await invitations.CountAsync(i => i.HandedToAdmin, cancellationToken);
        var added = 0;
        if (assessment.OpenedAt is { } at)
        {
            var since = at.AddDays(-1);
            added = await (from i in invitations
                           join p in db.People on i.PersonId equals (Guid?)p.Id
                           where p.CreatedAt >= since && p.CreatedAt <= at
                           select i.Id).CountAsync(cancellationToken);
        }

        return new LinkSignals(opened, added, handed);
    }
}
