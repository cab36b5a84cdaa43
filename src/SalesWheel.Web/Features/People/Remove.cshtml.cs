using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>Removing a person: a confirmation page (works without JavaScript), then the POST.</summary>
public sealed class RemoveModel(PersonActions people) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public Person Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await people.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await people.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } person)
        {
            return NotFound();
        }

        await people.RemoveAsync(OrganizationId, Actor.Of(CurrentUser), person, HttpContext.RequestAborted);
        TempData["Notice"] = $"{person.Name} was removed.";
        return Redirect("/people");
    }
}
