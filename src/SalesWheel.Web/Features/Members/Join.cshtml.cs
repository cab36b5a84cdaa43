using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Members;

/// <summary>
/// The emailed invitation link: the invited person chooses a name and password, gets an account with the invited
/// address and role, and is signed in. An address that has an account already (a member of another organization)
/// joins by signing in as that account and accepting: a membership is added and becomes the current organization.
/// Unknown or malformed links are not found; used or expired ones say so.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class JoinModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, CurrentMember member) : PageModel
{
    public enum InviteState
    {
        Open,
        Used,
        Expired,
        AccountExists,
    }

    public InviteState State { get; private set; }

    public MemberInvite Invite { get; private set; } = null!;

    public string OrganizationName { get; private set; } = "";

    /// <summary>The link's token, for the sign-in link back to this page.</summary>
    public string Token { get; private set; } = "";

    /// <summary>For an address with an account: whether this browser is signed in as that account (then it may accept).</summary>
    public bool SignedInAsInvitee { get; private set; }

    [BindProperty]
    public JoinForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Answer() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        if (State != InviteState.Open || !ModelState.IsValid)
        {
            return Answer();
        }

        var user = new AppUser { UserName = Invite.Email, Email = Invite.Email, EmailConfirmed = true, DisplayName = Form.Name.Trim() };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, Form.Password);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
            {
                State = InviteState.AccountExists; // someone used the address a moment ago
                return Answer();
            }

            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Form.Password" : "Form.Name", error.Description);
            }

            return Answer();
        }

        Invite.AcceptedAt = DateTime.UtcNow;
        db.Memberships.Add(new Membership { OrganizationId = Invite.OrganizationId, UserId = user.Id, Role = Invite.Role });
        audit.Record(Invite.OrganizationId, user, "member joined", $"{user.Email} as {MemberRoles.Word(Invite.Role)}, from the invitation of {Invite.CreatedAt:yyyy-MM-dd}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        await SessionLifetime.SignInAsync(signIn, user);
        return Redirect("/assessments");
    }

    /// <summary>Accepts the invitation with the account already signed in: adds the membership and makes it current.</summary>
    public async Task<IActionResult> OnPostAcceptAsync(string token)
    {
        if (!await LoadAsync(token))
        {
            return NotFound();
        }

        if (State != InviteState.AccountExists || !SignedInAsInvitee)
        {
            return Answer();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Answer();
        }

        // Only the first of two presses accepts; a membership that exists already is kept as it is.
        var accepted = await db.MemberInvites.Where(i => i.Id == Invite.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, DateTime.UtcNow));
        if (accepted == 1 && !await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.OrganizationId == Invite.OrganizationId))
        {
            db.Memberships.Add(new Membership { OrganizationId = Invite.OrganizationId, UserId = user.Id, Role = Invite.Role });
            audit.Record(Invite.OrganizationId, user, "member joined", $"{user.Email} as {MemberRoles.Word(Invite.Role)}, with the account they already had, from the invitation of {Invite.CreatedAt:yyyy-MM-dd}");
            await db.SaveChangesAsync();
        }

        await member.SwitchAsync(Invite.OrganizationId);
        return Redirect("/assessments");
    }

    private async Task<bool> LoadAsync(string token)
    {
        if (!Tokens.LooksValid(token))
        {
            return false;
        }

        var hash = Tokens.Hash(token);
        var row = await (from i in db.MemberInvites
                         join o in db.Organizations on i.OrganizationId equals o.Id
                         where i.TokenHash == hash
                         select new { i, o.Name }).FirstOrDefaultAsync();
        if (row is null)
        {
            return false;
        }

        (Invite, OrganizationName, Token) = (row.i, row.Name, token);
        State = Invite.AcceptedAt is not null ? InviteState.Used
            : Invite.ExpiresAt <= DateTime.UtcNow ? InviteState.Expired
            : await users.FindByEmailAsync(Invite.Email) is not null ? InviteState.AccountExists
            : InviteState.Open;
        SignedInAsInvitee = State == InviteState.AccountExists
            && string.Equals(User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name, Invite.Email, StringComparison.OrdinalIgnoreCase);
        return true;
    }

    /// <summary>The page, with 410 Gone for a link that worked once but no longer does.</summary>
    private PageResult Answer()
    {
        if (State is InviteState.Used or InviteState.Expired)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        return Page();
    }

    public sealed class JoinForm
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for your name.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(CommonPasswordValidator.MaximumLength, MinimumLength = 8, ErrorMessage = "Use 8 to 128 characters.")]
        public string Password { get; set; } = "";
    }
}
