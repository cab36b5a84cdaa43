using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Features.Members;

/// <summary>The confirmation before revoking a pending member invitation (owners); its button posts to the members page.</summary>
public sealed class RevokeInvitationModel(AppDbContext db) : ConfirmationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Owner;

    protected override async Task<ConfirmationStep?> AskAsync(Guid id, CancellationToken cancellationToken)
    {
        var invite = await db.MemberInvites.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == id && i.OrganizationId == OrganizationId && i.AcceptedAt == null, cancellationToken);
        return invite is null ? null : ConfirmationStep.Ask(new Confirmation(
            $"Revoke the invitation to {invite.Email}?",
            $"The link they were sent stops working at once, so they cannot join {Organization.Name} as {invite.Role.ToString().ToLowerInvariant()} with it. You can invite the address again later.",
            "Revoke the invitation",
            $"/members?handler=Revoke&id={invite.Id}",
            "/members",
            Danger: true));
    }
}
