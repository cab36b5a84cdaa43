using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>The sales team: who can be invited to answer, with counts by role and team.</summary>
public sealed class IndexModel(AppDbContext db) : OrganizationPageModel
{
    public IReadOnlyList<Person> People { get; private set; } = [];

    public IReadOnlyList<(PersonRole Role, int Count)> ByRole { get; private set; } = [];

    public IReadOnlyList<(string Team, int Count)> ByTeam { get; private set; } = [];

    public string? Notice { get; private set; }

    public RoleCatalog Roles { get; private set; } = RoleCatalog.Of([]);

    public IReadOnlyList<AttributeDefinition> Attributes { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Notice = TempData["Notice"] as string;
        Roles = await RoleCatalog.LoadAsync(db, OrganizationId, HttpContext.RequestAborted);
        Attributes = await AttributeSettings.ListAsync(db, OrganizationId, HttpContext.RequestAborted);
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == OrganizationId).ToListAsync();
        People = people.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Email, StringComparer.Ordinal).ToList();
        ByRole = PersonRoles.InOrder.Select(r => (r, people.Count(p => p.Role == r))).ToList();
        ByTeam = people.GroupBy(p => p.Team).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();
    }
}
