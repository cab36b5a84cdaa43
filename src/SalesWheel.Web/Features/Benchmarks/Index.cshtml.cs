using Microsoft.AspNetCore.Mvc;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Benchmarks;

/// <summary>
/// Settings › Benchmarks: whether the organization is in the anonymous peer pool (off by default), with what it shares
/// and what never leaves it. Everyone reads it; admins change it.
/// </summary>
public sealed class IndexModel(PeerPoolMembership membership) : OrganizationPageModel
{
    public string? Notice { get; private set; }

    public void OnGet() => Notice = TempData["Notice"] as string;

    /// <summary>The box's value (an unchecked box posts nothing: false).</summary>
    public async Task<IActionResult> OnPostAsync(bool inPeerPool)
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        var change = await membership.SetAsync(OrganizationId, Actor.Of(CurrentUser), inPeerPool, HttpContext.RequestAborted);
        TempData["Notice"] = change is null ? "Nothing changed." : $"Saved: {change}.";
        return Redirect("/settings/benchmarks");
    }
}
