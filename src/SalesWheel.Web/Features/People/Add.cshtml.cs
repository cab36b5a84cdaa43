using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

public sealed class AddModel(AppDbContext db, AuditLog audit) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public PersonForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var role = Form.CheckRole(ModelState, nameof(Form));
        if (ModelState.IsValid && await PersonEditing.HolderOfAsync(db, OrganizationId, Form.CleanEmail) is { } holder)
        {
            ModelState.AddModelError("Form.Email", PersonEditing.Taken(Form.CleanEmail, holder));
        }

        if (!ModelState.IsValid || role is null)
        {
            return Page();
        }

        var person = new Person { OrganizationId = OrganizationId, Name = Form.CleanName, Email = Form.CleanEmail, Role = role.Value, Team = Form.CleanTeam };
        db.People.Add(person);
        audit.Record(OrganizationId, CurrentUser, "person added", PersonText.Describe(person));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (PersonEditing.IsDuplicate(e))
        {
            ModelState.AddModelError("Form.Email", $"{Form.CleanEmail} was added by someone else a moment ago. Each email can be on the list once.");
            return Page();
        }

        TempData["Notice"] = $"{person.Name} was added.";
        return Redirect("/people");
    }
}
