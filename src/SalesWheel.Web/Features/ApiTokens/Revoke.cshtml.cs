using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.ApiTokens;

/// <summary>The confirmation before revoking an API token; its button posts to the tokens page's Revoke handler.</summary>
public sealed class RevokeModel(AppDbContext db) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public Confirmation? Confirmation { get; private set; }

    /// <summary>Set when the token is revoked already.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.OrganizationId == OrganizationId, cancellationToken);
        if (token is null)
        {
            return NotFound();
        }

        if (token.RevokedAt is not null)
        {
            Refusal = $"The token \u201c{token.Name}\u201d is revoked already.";
            return Page();
        }

        Confirmation = new Confirmation(
            $"Revoke the token \u201c{token.Name}\u201d?",
            $"Whatever uses it ({IndexModel.RoleText(token.Role)}) stops working at once: its requests are refused. This cannot be undone; a new token can be made instead.",
            "Revoke the token",
            $"/settings/api-tokens?handler=Revoke&id={token.Id}",
            "/settings/api-tokens",
            Danger: true);
        return Page();
    }
}
