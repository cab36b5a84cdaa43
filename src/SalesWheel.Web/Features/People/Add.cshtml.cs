using Microsoft.AspNetCore.Mvc;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

public sealed class AddModel(PersonActions people, AppDbContext db) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public PersonForm Form { get; set; } = new();

    public async Task OnGetAsync() => await OfferAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear(); // the use case checks every rule, as for the API
        var outcome = await people.AddAsync(OrganizationId, Actor.Of(CurrentUser), Form, HttpContext.RequestAborted);
        if (outcome.Person is not { } person)
        {
            await OfferAsync();
            outcome.Errors.ShowOn(ModelState, PersonFields.PageKey);
            return Page();
        }

        TempData["Notice"] = $"{person.Name} was added.";
        return Redirect("/people");
    }

    private async Task OfferAsync()
    {
        Form.Roles = await RoleCatalog.LoadAsync(db, OrganizationId, HttpContext.RequestAborted);
        Form.Definitions = await AttributeSettings.ListAsync(db, OrganizationId, HttpContext.RequestAborted);
    }
}
