using Microsoft.AspNetCore.Mvc;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Shared;

/// <summary>
/// A GET page that asks before an action (remind, close, revoke): it finds the thing in the member's organization (404
/// otherwise: another organization's ids find nothing), then shows a <see cref="Shared.Confirmation"/> whose button
/// posts to the action's own handler, or why there is nothing to confirm. The role is the page's
/// <see cref="OrganizationPageModel.RequiredRole"/>; nothing changes on this page.
/// </summary>
public abstract class ConfirmationPageModel : OrganizationPageModel
{
    /// <summary>The question and its button, or null when there is nothing to confirm (<see cref="Refusal"/>).</summary>
    public Confirmation? Confirmation { get; private set; }

    /// <summary>Why there is nothing to confirm, or null.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await AskAsync(id, cancellationToken) is not { } step)
        {
            return NotFound();
        }

        (Confirmation, Refusal) = (step.Confirmation, step.Refusal);
        return Page();
    }

    /// <summary>What to ask about the thing with this id in <see cref="OrganizationPageModel.OrganizationId"/>; null when there is none.</summary>
    protected abstract Task<ConfirmationStep?> AskAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>What a confirmation page shows: the confirmation, or why there is nothing to confirm.</summary>
public sealed record ConfirmationStep(Confirmation? Confirmation, string? Refusal)
{
    public static ConfirmationStep Ask(Confirmation confirmation) => new(confirmation, null);

    public static ConfirmationStep Refuse(string why) => new(null, why);
}
