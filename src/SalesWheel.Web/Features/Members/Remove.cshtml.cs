using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Members;

/// <summary>
/// Removing a member ends their membership; their sign-in is deleted with their last membership (an account without one
/// would only lock the address out of a later invitation), and kept while other organizations have them.
/// </summary>
public sealed class RemoveModel(AppDbContext db, AuditLog audit, SignInManager<AppUser> signIn) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Owner;

    public Membership Member { get; private set; } = null!;

    public AppUser MemberUser { get; private set; } = null!;

    public bool IsYou => MemberUser.Id == CurrentUser.Id;

    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Refusal = await RefusalAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Refusal = await RefusalAsync();
        if (Refusal is not null)
        {
            return Page();
        }

        var you = IsYou;
        // The account goes with its last membership; one that belongs to other organizations too stays theirs.
        var elsewhere = await db.Memberships.AnyAsync(m => m.UserId == MemberUser.Id && m.OrganizationId != OrganizationId);
        audit.Record(OrganizationId, CurrentUser, "member removed", $"{MemberUser.Email} ({MemberRoles.Word(Member.Role)})");
        db.Memberships.Remove(Member);
        if (!elsewhere)
        {
            db.Users.Remove(MemberUser);
        }

        await db.SaveChangesAsync();
        if (you)
        {
            if (elsewhere)
            {
                return Redirect("/assessments");
            }

            await signIn.SignOutAsync();
            return Redirect("/");
        }

        TempData["Notice"] = elsewhere
            ? $"{MemberUser.DisplayName} was removed from {Organization.Name}; they keep their account for their other organizations."
            : $"{MemberUser.DisplayName} was removed and can no longer sign in.";
        return Redirect("/members");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == id && m.OrganizationId == OrganizationId);
        if (membership is null)
        {
            return false;
        }

        Member = membership;
        MemberUser = await db.Users.FirstAsync(u => u.Id == membership.UserId);
        return true;
    }

    private async Task<string?> RefusalAsync() =>
        Member.Role == MemberRole.Owner && await MemberRoles.OwnerCountAsync(db, OrganizationId) <= 1 ? MemberRoles.LastOwner : null;
}
