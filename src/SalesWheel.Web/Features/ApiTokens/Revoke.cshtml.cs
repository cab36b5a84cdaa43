using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Features.ApiTokens;

/// <summary>The confirmation before revoking an API token; its button posts to the tokens page's Revoke handler.</summary>
public sealed class RevokeModel(AppDbContext db) : ConfirmationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    protected override async Task<ConfirmationStep?> AskAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id && t.OrganizationId == OrganizationId, cancellationToken);
        return token is null ? null
            : token.RevokedAt is not null ? ConfirmationStep.Refuse($"The token \u201c{token.Name}\u201d is revoked already.")
            : ConfirmationStep.Ask(new Confirmation(
                $"Revoke the token \u201c{token.Name}\u201d?",
                $"Whatever uses it ({IndexModel.RoleText(token.Role)}) stops working at once: its requests are refused. This cannot be undone; a new token can be made instead.",
                "Revoke the token",
                $"/settings/api-tokens?handler=Revoke&id={token.Id}",
                "/settings/api-tokens",
                Danger: true));
    }
}
