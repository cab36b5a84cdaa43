using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Members;

/// <summary>
/// The organizations the signed-in user belongs to, and switching between them (the header's switcher posts here; this
/// page is its no-JavaScript fallback too). Switching changes the current organization of this browser's session only.
/// </summary>
public sealed class OrganizationsModel(CurrentMember member) : OrganizationPageModel
{
    public IReadOnlyList<(Guid Id, string Name, MemberRole Role)> Organizations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Organizations = await member.OrganizationsAsync(cancellationToken);

    /// <summary>Makes the organization current and goes to its assessments; one the user does not belong to is not found.</summary>
    public async Task<IActionResult> OnPostAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await member.SwitchAsync(organizationId, cancellationToken) ? Redirect("/assessments") : NotFound();
}
