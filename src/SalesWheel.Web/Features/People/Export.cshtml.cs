using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>The people list as a CSV file the import reads back, with the list's search and filters (the same query string).</summary>
public sealed class ExportModel(AppDbContext db) : OrganizationPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "team")]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true, Name = "at")]
    public List<string> At { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var roles = await RoleCatalog.LoadAsync(db, OrganizationId, HttpContext.RequestAborted);
        var attributes = await AttributeSettings.ListAsync(db, OrganizationId, HttpContext.RequestAborted);
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == OrganizationId).ToListAsync(HttpContext.RequestAborted);
        var shown = new PeopleFilter(Search, Team, Role, At).Apply(people, roles);
        Response.Headers.CacheControl = "no-store";
        return File(PeopleCsv.Write(shown, roles, attributes), "text/csv", "people.csv");
    }
}
