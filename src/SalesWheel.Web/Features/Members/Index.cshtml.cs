using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.People;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Members;

/// <summary>
/// Who can sign in to the organization and with which role. Admins can look; only owners invite, change roles,
/// revoke invitations and remove members.
/// </summary>
public sealed class IndexModel(AppDbContext db, AuditLog audit, IMailer mailer, LinkBuilder links, ILogger<IndexModel> logger) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public InviteForm Invite { get; set; } = new();

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public IReadOnlyList<MemberInvite> Invites { get; private set; } = [];

    public string? Notice { get; private set; }

    /// <summary>The join link, shown once to the owner when the email could not leave (no SMTP, or SMTP failed).</summary>
    public string? InviteLink { get; private set; }

    /// <summary>A password reset link, shown once to the owner who made it.</summary>
    public string? ResetLink { get; private set; }

    /// <summary>A refused role change, shown next to that member.</summary>
    public (Guid MembershipId, string Message)? RowError { get; private set; }

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!IsOwner)
        {
            return Forbid();
        }

        var role = MemberRoles.Parse(Invite.Role);
        if (!string.IsNullOrWhiteSpace(Invite.Role) && role is not (MemberRole.Admin or MemberRole.Viewer))
        {
            ModelState.AddModelError("Invite.Role", "Choose admin or viewer.");
        }

        var email = EmailAddresses.Normalize(Invite.Email ?? "");
        if (ModelState.IsValid && await IsMemberAsync(email))
        {
            ModelState.AddModelError("Invite.Email", $"{email} is already a member of {Organization.Name}.");
        }

        if (!ModelState.IsValid || role is null)
        {
            await LoadAsync();
            return Page();
        }

        // A new invitation to the same address replaces the pending one: only the latest link works.
        var earlier = await db.MemberInvites.Where(i => i.OrganizationId == OrganizationId && i.Email == email && i.AcceptedAt == null).ToListAsync();
        db.MemberInvites.RemoveRange(earlier);
        var token = Tokens.New();
        var invite = new MemberInvite
        {
            OrganizationId = OrganizationId,
            Email = email,
            Role = role.Value,
            TokenHash = Tokens.Hash(token),
            ExpiresAt = DateTime.UtcNow + MemberRoles.InviteLifetime,
        };
        db.MemberInvites.Add(invite);
        audit.Record(OrganizationId, CurrentUser, earlier.Count > 0 ? "member invited again" : "member invited", $"{email} as {role.Value}");
        await db.SaveChangesAsync();

        var link = links.Absolute("/join/" + token);
        string? failure = null;
        try
        {
            await mailer.SendAsync(email, email, $"Join {Organization.Name} on SalesWheel",
                $"""
                {CurrentUser.DisplayName} invited you to {Organization.Name} on SalesWheel, as {role.Value.ToString().ToLowerInvariant()} ({MemberRoles.Describe(role.Value)}).

                To join, open this link and choose a password:
                {link}

                The link works once and expires on {invite.ExpiresAt:d MMMM yyyy} (UTC). If you did not expect this email, ignore it.
                """, HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The invitation is saved; the owner can pass the link on by hand.
            logger.LogWarning(e, "The invitation email could not be sent");
            failure = e.Message;
        }

        var sent = failure is null && mailer.Delivers;
        Notice = sent ? $"Invitation sent to {email}. It expires in 7 days."
            : failure is null ? $"Invitation created for {email}. No mail server is set up, so the email was written to the outbox folder instead of being sent: send them this link yourself. It works once and expires in 7 days."
            : $"Invitation created for {email}, but the email could not be sent ({failure}). Send them this link yourself. It works once and expires in 7 days.";
        InviteLink = sent ? null : link;
        Invite = new InviteForm();
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string? role)
    {
        if (!IsOwner)
        {
            return Forbid();
        }

        ModelState.Clear(); // the invitation form was not posted: its empty fields are no error here

        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == id && m.OrganizationId == OrganizationId);
        if (membership is null)
        {
            return NotFound();
        }

        var newRole = MemberRoles.Parse(role);
        string? refusal = null;
        if (newRole is null)
        {
            refusal = "Choose owner, admin or viewer.";
        }
        else if (membership.Role == MemberRole.Owner && newRole != MemberRole.Owner && await MemberRoles.OwnerCountAsync(db, OrganizationId) <= 1)
        {
            refusal = MemberRoles.LastOwner;
        }

        if (refusal is not null)
        {
            RowError = (id, refusal);
            await LoadAsync();
            return Page();
        }

        if (membership.Role == newRole)
        {
            return Redirect("/members");
        }

        var user = await db.Users.FirstAsync(u => u.Id == membership.UserId);
        audit.Record(OrganizationId, CurrentUser, "member role changed", $"{user.Email}: {membership.Role} → {newRole}");
        membership.Role = newRole!.Value;
        await db.SaveChangesAsync();
        TempData["Notice"] = $"{user.DisplayName} is now {newRole.Value.ToString().ToLowerInvariant()}.";
        return Redirect(membership.UserId == CurrentUser.Id && newRole == MemberRole.Viewer ? "/settings" : "/members");
    }

    /// <summary>
    /// A one-time link for a member to choose a new password, shown once to the owner to pass on (for when there is no
    /// mail server, or the member cannot receive it). It works once, for 24 hours; using it signs the member out everywhere.
    /// </summary>
    public async Task<IActionResult> OnPostResetLinkAsync(Guid id)
    {
        if (!IsOwner)
        {
            return Forbid();
        }

        ModelState.Clear(); // the invitation form was not posted
        var row = await (from m in db.Memberships
                         join u in db.Users on m.UserId equals u.Id
                         where m.Id == id && m.OrganizationId == OrganizationId
                         select new { u.Id, u.DisplayName, u.Email }).FirstOrDefaultAsync();
        if (row is null)
        {
            return NotFound();
        }

        if (row.Id == CurrentUser.Id)
        {
            RowError = (id, "To change your own password, use Settings → Your password.");
            await LoadAsync();
            return Page();
        }

        audit.Record(OrganizationId, CurrentUser, "password reset link made", row.Email ?? row.DisplayName);
        await db.SaveChangesAsync();
        var (token, expires) = await PasswordResetLinks.CreateAsync(db, row.Id, "owner", PasswordResetLinks.HandedLifetime, HttpContext.RequestAborted);
        Notice = $"A link for {row.DisplayName} to choose a new password. Pass it on privately: it works once, until {expires:d MMMM yyyy HH:mm} UTC, "
            + "and using it signs them out everywhere. Earlier links for them no longer work.";
        ResetLink = links.Absolute("/reset-password/" + token);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (!IsOwner)
        {
            return Forbid();
        }

        var invite = await db.MemberInvites.FirstOrDefaultAsync(i => i.Id == id && i.OrganizationId == OrganizationId && i.AcceptedAt == null);
        if (invite is null)
        {
            return NotFound();
        }

        db.MemberInvites.Remove(invite);
        audit.Record(OrganizationId, CurrentUser, "invitation revoked", $"{invite.Email} as {invite.Role}");
        await db.SaveChangesAsync();
        TempData["Notice"] = $"The invitation to {invite.Email} was revoked; its link no longer works.";
        return Redirect("/members");
    }

    private Task<bool> IsMemberAsync(string email)
    {
        var normalized = email.ToUpperInvariant(); // as Identity normalizes NormalizedEmail
        return (from m in db.Memberships
                join u in db.Users on m.UserId equals u.Id
                where m.OrganizationId == OrganizationId && u.NormalizedEmail == normalized
                select m.Id).AnyAsync();
    }

    private async Task LoadAsync()
    {
        var rows = await (from m in db.Memberships.AsNoTracking()
                          join u in db.Users.AsNoTracking() on m.UserId equals u.Id
                          where m.OrganizationId == OrganizationId
                          select new MemberRow(m.Id, u.Id, u.DisplayName, u.Email ?? "", m.Role, m.CreatedAt)).ToListAsync();
        Members = rows.OrderByDescending(r => r.Role).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        Invites = (await db.MemberInvites.AsNoTracking().Where(i => i.OrganizationId == OrganizationId && i.AcceptedAt == null).ToListAsync())
            .OrderByDescending(i => i.CreatedAt).ToList();
    }

    public sealed record MemberRow(Guid MembershipId, string UserId, string Name, string Email, MemberRole Role, DateTime Since);

    public sealed class InviteForm
    {
        [Required(ErrorMessage = "Enter the email address to invite.")]
        [StringLength(EmailAddresses.MaximumLength, ErrorMessage = "Use at most 320 characters for the email.")]
        [ValidEmail]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choose admin or viewer.")]
        public string? Role { get; set; } = "Viewer";
    }
}
