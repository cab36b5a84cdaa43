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
public sealed class IndexModel(AppDbContext db, AuditLog audit, IMailer mailer, LinkBuilder links, ShownOnce shownOnce, ILogger<IndexModel> logger) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public InviteForm Invite { get; set; } = new();

    public IReadOnlyList<MemberRow> Members { get; private set; } = [];

    public IReadOnlyList<MemberInvite> Invites { get; private set; } = [];

    public string? Notice { get; private set; }

    /// <summary>
    /// The join link, shown to the owner when the email could not leave (no SMTP, or SMTP failed): on the GET page the
    /// invitation redirects to, for <see cref="ShownOnce.Lifetime"/>.
    /// </summary>
    public string? InviteLink { get; private set; }

    /// <summary>A password reset link, shown to the owner who made it (as the join link is).</summary>
    public string? ResetLink { get; private set; }

    /// <summary>A refused role change, shown next to that member.</summary>
    public (Guid MembershipId, string Message)? RowError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? shown)
    {
        Notice = TempData["Notice"] as string;
        if (shown is not null)
        {
            var (state, notice, _) = await shownOnce.FindAsync<LinkNotice>(shown, OrganizationId, CurrentUser.Id);
            if (state == ShownOnceState.NotYours)
            {
                return NotFound();
            }

            Response.Headers.CacheControl = "no-store";
            (Notice, InviteLink, ResetLink) = notice is null
                ? ($"A link made here is shown for {(int)ShownOnce.Lifetime.TotalMinutes} minutes, to whoever made it, and is now gone. To get a new one, invite the address again or make a new password link: the earlier link then stops working.", null, null)
                : (notice.Notice, notice.InviteLink, notice.ResetLink);
        }

        await LoadAsync();
        return Page();
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
        audit.Record(OrganizationId, CurrentUser, earlier.Count > 0 ? "member invited again" : "member invited", $"{email} as {MemberRoles.Word(role.Value)}");
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
        var notice = sent ? $"Invitation sent to {email}. It expires in 7 days."
            : failure is null ? $"Invitation created for {email}. No mail server is set up, so the email was written to the outbox folder instead of being sent: send them this link yourself. It works once and expires in 7 days."
            : $"Invitation created for {email}, but the email could not be sent ({failure}). Send them this link yourself. It works once and expires in 7 days.";
        return await ShowAfterRedirectAsync(new LinkNotice(notice, sent ? null : link, null));
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
        var changedTo = newRole!.Value;
        audit.Record(OrganizationId, CurrentUser, "member role changed", $"{user.Email}: {MemberRoles.Word(membership.Role)} → {MemberRoles.Word(changedTo)}");
        membership.Role = changedTo;
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
        return await ShowAfterRedirectAsync(new LinkNotice(
            $"A link for {row.DisplayName} to choose a new password. Pass it on privately: it works once, until {expires:d MMMM yyyy HH:mm} UTC, "
                + "and using it signs them out everywhere. Earlier links for them no longer work.",
            null,
            links.Absolute("/reset-password/" + token)));
    }

    /// <summary>
    /// Post/Redirect/Get: a link made here is kept for a few minutes for the GET page, so a reload shows it again and
    /// never invites again or makes another link (which would stop the one just copied).
    /// </summary>
    private async Task<RedirectResult> ShowAfterRedirectAsync(LinkNotice notice)
    {
        if (notice.InviteLink is null && notice.ResetLink is null)
        {
            TempData["Notice"] = notice.Notice;
            return Redirect("/members");
        }

        return Redirect("/members?shown=" + await shownOnce.KeepAsync(OrganizationId, CurrentUser.Id, notice));
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
        audit.Record(OrganizationId, CurrentUser, "invitation revoked", $"{invite.Email} as {MemberRoles.Word(invite.Role)}");
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

    /// <summary>What an invitation or a password link made, kept for the page after the redirect.</summary>
    public sealed record LinkNotice(string Notice, string? InviteLink, string? ResetLink);

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
