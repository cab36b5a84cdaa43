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
/// <param name="AddedShortlyBeforeOpening">People invited who were added to the people list, or whose email address was changed, within a day before it opened (kept at opening).</param>
/// <param name="HandedToAdmin">Personal links the admin received to pass on (no mail server, or the email failed).</param>
public sealed record LinkSignals(int OpenedBySignedInMembers, int AddedShortlyBeforeOpening, int HandedToAdmin)
{
    public static async Task<LinkSignals> LoadAsync(AppDbContext db, Assessment assessment, CancellationToken cancellationToken = default)
    {
        var invitations = db.Invitations.AsNoTracking().Where(i => i.AssessmentId == assessment.Id);
        var opened = await invitations.CountAsync(i => i.OpenedBySignedInMemberAt != null, cancellationToken);
        var handed = await invitations.CountAsync(i => i.HandedToAdmin, cancellationToken);
        var added = await invitations.CountAsync(i => i.ChangedShortlyBeforeOpening, cancellationToken);

        return new LinkSignals(opened, added, handed);
    }
}
