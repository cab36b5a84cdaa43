using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

/// <summary>The sales team: who can be invited to answer, with counts by role and team, searched and filtered by the query string.</summary>
public sealed class IndexModel(AppDbContext db) : OrganizationPageModel
{
    /// <summary>The people the filter shows.</summary>
    public IReadOnlyList<Person> People { get; private set; } = [];

    /// <summary>Everyone on the list.</summary>
    public int Total { get; private set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "team")]
    public string? Team { get; set; }

    [BindProperty(SupportsGet = true, Name = "role")]
    public string? Role { get; set; }

    /// <summary>Attribute values asked for, each "attribute id:value".</summary>
    [BindProperty(SupportsGet = true, Name = "at")]
    public List<string> At { get; set; } = [];

    public PeopleFilter Filter => new(Search, Team, Role, At);

    /// <summary>Each attribute's values on the list, for its filter.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<string>> AttributeValuesFound { get; private set; } = new Dictionary<Guid, IReadOnlyList<string>>();

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
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == OrganizationId).ToListAsync(HttpContext.RequestAborted);
        Total = people.Count;
        People = Filter.Apply(people, Roles);
        AttributeValuesFound = Attributes.ToDictionary(a => a.Id, a => (IReadOnlyList<string>)[.. people.Select(p => AttributeValues.Of(p.AttributesJson, a.Id))
            .Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
        ByRole = PersonRoles.InOrder.Select(r => (r, people.Count(p => p.Role == r))).ToList();
        ByTeam = people.GroupBy(p => p.Team).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();
    }
}
