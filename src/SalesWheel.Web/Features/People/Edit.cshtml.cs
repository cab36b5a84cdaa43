using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

public sealed class EditModel(AppDbContext db, AuditLog audit) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public PersonForm Form { get; set; } = new();

    public Person Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Find(id) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        Form = PersonForm.From(person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await Find(id) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        var role = Form.CheckRole(ModelState, nameof(Form));
        if (ModelState.IsValid && await PersonEditing.HolderOfAsync(db, OrganizationId, Form.CleanEmail, except: id) is { } holder)
        {
            ModelState.AddModelError("Form.Email", PersonEditing.Taken(Form.CleanEmail, holder));
        }

        if (!ModelState.IsValid || role is null)
        {
            return Page();
        }

        var changes = PersonEditing.Apply(person, Form, role.Value);
        if (changes.Count == 0)
        {
            TempData["Notice"] = $"Nothing changed for {person.Name}.";
            return Redirect("/people");
        }

        audit.Record(OrganizationId, CurrentUser, "person changed", $"{person.Name} <{person.Email}>: " + string.Join("; ", changes));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (PersonEditing.IsDuplicate(e))
        {
            ModelState.AddModelError("Form.Email", $"{Form.CleanEmail} was given to someone else a moment ago. Each email can be on the list once.");
            return Page();
        }

        TempData["Notice"] = $"{person.Name} was saved.";
        return Redirect("/people");
    }

    private Task<Person?> Find(Guid id) => db.People.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == OrganizationId);
}
