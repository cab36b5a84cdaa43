using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Members;

/// <summary>The confirmation before revoking a pending member invitation (owners); its button posts to the members page.</summary>
public sealed class RevokeInvitationModel(AppDbContext db) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Owner;

    public Confirmation Confirmation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var invite = await db.MemberInvites.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == id && i.OrganizationId == OrganizationId && i.AcceptedAt == null, cancellationToken);
        if (invite is null)
        {
            return NotFound();
        }

        Confirmation = new Confirmation(
            $"Revoke the invitation to {invite.Email}?",
            $"The link they were sent stops working at once, so they cannot join {Organization.Name} as {invite.Role.ToString().ToLowerInvariant()} with it. You can invite the address again later.",
            "Revoke the invitation",
            $"/members?handler=Revoke&id={invite.Id}",
            "/members",
            Danger: true);
        return Page();
    }
}
