using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.ApiTokens;

/// <summary>
/// Personal API tokens of the organization: owners and admins make them (named, viewer or admin, never above their own
/// role), see the secret once (on the GET page the POST redirects to, for <see cref="ShownOnce.Lifetime"/>), and revoke
/// any of them after a confirmation. Each change goes to the audit log.
/// </summary>
public sealed class IndexModel(AppDbContext db, AuditLog audit, ShownOnce shownOnce) : OrganizationPageModel
{
    public const int MaximumNameLength = 100;

    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public TokenForm Form { get; set; } = new();

    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];

    /// <summary>The roles this member may give a token: up to their own.</summary>
    public IReadOnlyList<MemberRole> RolesAllowed => new[] { MemberRole.Viewer, MemberRole.Admin }.Where(r => r <= Membership.Role).ToList();

    /// <summary>The secret of the token just made; shown for a few minutes to whoever made it, never stored.</summary>
    public string? NewSecret { get; private set; }

    public string? NewName { get; private set; }

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? shown, CancellationToken cancellationToken)
    {
        Notice = TempData["Notice"] as string;
        if (shown is not null)
        {
            var (state, made, _) = await shownOnce.FindAsync<MadeToken>(shown, OrganizationId, CurrentUser.Id, cancellationToken);
            if (state == ShownOnceState.NotYours)
            {
                return NotFound();
            }

            // The secret is on this page only: never cached, never stored.
            Response.Headers.CacheControl = "no-store";
            (NewName, NewSecret) = (made?.Name, made?.Secret);
            Notice ??= made is null
                ? $"A new token's secret is shown for {(int)ShownOnce.Lifetime.TotalMinutes} minutes after it is made, to whoever made it, and is now gone. If it was not copied, revoke that token below and make a new one."
                : null;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var name = Form.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            ModelState.AddModelError("Form.Name", "Give the token a name that says where it is used, for example \u201cRevOps dashboard\u201d.");
        }
        else if (name.Length > MaximumNameLength)
        {
            ModelState.AddModelError("Form.Name", $"Use at most {MaximumNameLength} characters for the name (this one has {name.Length}).");
        }

        MemberRole? role = Form.Role switch { "Viewer" => MemberRole.Viewer, "Admin" => MemberRole.Admin, _ => null };
        if (role is null)
        {
            ModelState.AddModelError("Form.Role", "Choose viewer (reads only) or admin (reads and changes).");
        }
        else if (role > Membership.Role)
        {
            ModelState.AddModelError("Form.Role", $"A token can have at most your own role ({Membership.Role.ToString().ToLowerInvariant()}).");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var secret = ApiTokenSecrets.New();
        var token = new ApiToken
        {
            OrganizationId = OrganizationId,
            Name = name,
            Role = role!.Value,
            TokenHash = Data.Tokens.Hash(secret),
            CreatedByUserId = CurrentUser.Id,
        };
        db.ApiTokens.Add(token);
        audit.Record(OrganizationId, CurrentUser, "API token created", $"\u201c{name}\u201d, {RoleText(token.Role)}");
        await db.SaveChangesAsync(cancellationToken);

        // Shown on the GET page the POST redirects to: a reload shows it again and makes no second token.
        return Redirect("/settings/api-tokens?shown=" + await shownOnce.KeepAsync(OrganizationId, CurrentUser.Id, new MadeToken(name, secret), cancellationToken));
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.OrganizationId == OrganizationId, cancellationToken);
        if (token is null)
        {
            return NotFound();
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = DateTime.UtcNow;
            audit.Record(OrganizationId, CurrentUser, "API token revoked", $"\u201c{token.Name}\u201d, {RoleText(token.Role)}");
            await db.SaveChangesAsync(cancellationToken);
        }

        TempData["Notice"] = $"The token \u201c{token.Name}\u201d is revoked: it no longer works.";
        return Redirect("/settings/api-tokens");
    }

    public static string RoleText(MemberRole role) => role == MemberRole.Viewer ? "viewer (reads only)" : "admin (reads and changes)";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Tokens = await (from t in db.ApiTokens.AsNoTracking()
                        join u in db.Users on t.CreatedByUserId equals u.Id into makers
                        from u in makers.DefaultIfEmpty()
                        where t.OrganizationId == OrganizationId
                        orderby t.RevokedAt != null, t.CreatedAt descending
                        select new TokenRow(t.Id, t.Name, t.Role, u == null ? "(removed)" : u.Email ?? u.DisplayName, t.CreatedAt, t.LastUsedOn, t.RevokedAt))
            .ToListAsync(cancellationToken);
    }

    public sealed class TokenForm
    {
        public string? Name { get; set; }

        /// <summary>"Viewer" or "Admin".</summary>
        public string? Role { get; set; } = "Viewer";
    }

    /// <summary>A token just made, kept for the page after the redirect.</summary>
    public sealed record MadeToken(string Name, string Secret);

    public sealed record TokenRow(Guid Id, string Name, MemberRole Role, string MadeBy, DateTime CreatedAt, DateOnly? LastUsedOn, DateTime? RevokedAt);
}
