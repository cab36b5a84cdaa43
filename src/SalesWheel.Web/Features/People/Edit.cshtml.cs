using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

public sealed class EditModel(PersonActions people, AppDbContext db) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public PersonForm Form { get; set; } = new();

    public Person Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await people.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        Form = PersonForm.From(person, await RoleCatalog.LoadAsync(db, OrganizationId, HttpContext.RequestAborted),
            await AttributeSettings.ListAsync(db, OrganizationId, HttpContext.RequestAborted));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await people.FindAsync(OrganizationId, id, HttpContext.RequestAborted) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        ModelState.Clear(); // the use case checks every rule, as for the API
        var outcome = await people.ChangeAsync(OrganizationId, Actor.Of(CurrentUser), person, Form, HttpContext.RequestAborted);
        if (outcome.Person is null)
        {
            await OfferAsync();
            outcome.Errors.ShowOn(ModelState, PersonFields.PageKey);
            return Page();
        }

        TempData["Notice"] = outcome.Changes.Count == 0 ? $"Nothing changed for {person.Name}." : $"{person.Name} was saved.";
        return Redirect("/people");
    }

    private async Task OfferAsync()
    {
        Form.Roles = await RoleCatalog.LoadAsync(db, OrganizationId, HttpContext.RequestAborted);
        Form.Definitions = await AttributeSettings.ListAsync(db, OrganizationId, HttpContext.RequestAborted);
    }
}
