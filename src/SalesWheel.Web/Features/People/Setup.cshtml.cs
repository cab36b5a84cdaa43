using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>The organization's own roles (each in a family) and people attributes: add, rename, remove.</summary>
public sealed class SetupModel(AppDbContext db, RoleSettings roleSettings, AttributeSettings attributeSettings) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public RoleCatalog Roles { get; private set; } = RoleCatalog.Of([]);

    public IReadOnlyDictionary<Guid, int> Holders { get; private set; } = new Dictionary<Guid, int>();

    public string? Notice { get; private set; }

    /// <summary>The role whose row shows the errors (null: the add form).</summary>
    public Guid? RoleWithErrors { get; private set; }

    public IReadOnlyList<AttributeDefinition> Attributes { get; private set; } = [];

    /// <summary>The attribute whose row shows the errors (null: the add form).</summary>
    public Guid? AttributeWithErrors { get; private set; }

    [BindProperty]
    public string? AttributeName { get; set; }

    [BindProperty]
    public string? RoleName { get; set; }

    [BindProperty]
    public string? RoleFamily { get; set; }

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAddRoleAsync()
    {
        ModelState.Clear();
        var outcome = await roleSettings.AddAsync(OrganizationId, Actor.Of(CurrentUser), RoleName, RoleFamily, HttpContext.RequestAborted);
        if (outcome.Role is not { } role)
        {
            outcome.Errors.ShowOn(ModelState, RoleKey);
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = $"{role.Name} was added, counted as {role.Family.DisplayName()}.";
        return Redirect("/settings/people");
    }

    public async Task<IActionResult> OnPostChangeRoleAsync(Guid id)
    {
        if (await roleSettings.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } role)
        {
            return NotFound();
        }

        ModelState.Clear();
        var outcome = await roleSettings.ChangeAsync(OrganizationId, Actor.Of(CurrentUser), role, RoleName, RoleFamily, HttpContext.RequestAborted);
        if (outcome.Role is null)
        {
            RoleWithErrors = id;
            outcome.Errors.ShowOn(ModelState, RoleKey);
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = $"{role.Name} was saved.";
        return Redirect("/settings/people");
    }

    public async Task<IActionResult> OnPostAddAttributeAsync()
    {
        ModelState.Clear();
        var outcome = await attributeSettings.AddAsync(OrganizationId, Actor.Of(CurrentUser), AttributeName, HttpContext.RequestAborted);
        if (outcome.Attribute is not { } attribute)
        {
            outcome.Errors.ShowOn(ModelState, _ => nameof(AttributeName));
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = $"{attribute.Name} was added: give people a value on their page or in an import column named {attribute.Name}.";
        return Redirect("/settings/people#attributes");
    }

    public async Task<IActionResult> OnPostRenameAttributeAsync(Guid id)
    {
        if (await attributeSettings.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } attribute)
        {
            return NotFound();
        }

        ModelState.Clear();
        var outcome = await attributeSettings.RenameAsync(OrganizationId, Actor.Of(CurrentUser), attribute, AttributeName, HttpContext.RequestAborted);
        if (outcome.Attribute is null)
        {
            AttributeWithErrors = id;
            outcome.Errors.ShowOn(ModelState, _ => nameof(AttributeName));
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = $"{attribute.Name} was saved.";
        return Redirect("/settings/people#attributes");
    }

    private static string RoleKey(string field) => field == RoleSettings.FamilyField ? nameof(RoleFamily) : nameof(RoleName);

    private async Task LoadAsync()
    {
        Roles = await RoleCatalog.LoadAsync(db, OrganizationId, HttpContext.RequestAborted);
        Attributes = await AttributeSettings.ListAsync(db, OrganizationId, HttpContext.RequestAborted);
        Holders = await db.People.Where(p => p.OrganizationId == OrganizationId && p.RoleId != null)
            .GroupBy(p => p.RoleId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, HttpContext.RequestAborted);
    }
}
