using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>Removing the people ticked on the list: a confirmation page with the count and the names (works without JavaScript), then the POST.</summary>
public sealed class RemoveManyModel(PersonActions people) : OrganizationPageModel
{
    /// <summary>Enough for any selection on one page; more ids are not read.</summary>
    private const int MaximumIds = 10_000;

    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty(SupportsGet = true)]
    public List<Guid> Ids { get; set; } = [];

    public IReadOnlyList<Person> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        People = await people.FindAllAsync(OrganizationId, [.. Ids.Take(MaximumIds)], HttpContext.RequestAborted);
        return People.Count == 0 && Ids.Count > 0 ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var found = await people.FindAllAsync(OrganizationId, [.. Ids.Take(MaximumIds)], HttpContext.RequestAborted);
        if (found.Count == 0)
        {
            return Ids.Count == 0 ? Redirect("/people") : NotFound();
        }

        await people.RemoveAllAsync(OrganizationId, Actor.Of(CurrentUser), found, HttpContext.RequestAborted);
        TempData["Notice"] = found.Count == 1 ? $"{found[0].Name} was removed." : $"{found.Count} people were removed.";
        return Redirect("/people");
    }
}
