using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>Removing a person: a confirmation page (works without JavaScript), then the POST.</summary>
public sealed class RemoveModel(AppDbContext db, AuditLog audit) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public Person Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await Find(id) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await Find(id) is not { } person)
        {
            return NotFound();
        }

        db.People.Remove(person);
        audit.Record(OrganizationId, CurrentUser, "person removed", PersonText.Describe(person));
        await db.SaveChangesAsync();
        TempData["Notice"] = $"{person.Name} was removed.";
        return Redirect("/people");
    }

    private Task<Person?> Find(Guid id) => db.People.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == OrganizationId);
}
