using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>Creates a draft assessment: its name, form, audience (teams and roles) and close date.</summary>
public sealed class NewModel(AppDbContext db, AuditLog audit) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public AssessmentForm Form { get; set; } = new();

    /// <summary>The organization's teams with how many people each has.</summary>
    public IReadOnlyList<(string Team, int People)> TeamOptions { get; private set; } = [];

    public IReadOnlyList<(PersonRole Role, int People)> RoleOptions { get; private set; } = [];

    public int PeopleCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadOptionsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // every rule is checked below, with messages in our words
        await LoadOptionsAsync(cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var assessment = NewAssessment.Check(OrganizationId, Form.Name, Form.Instrument, Form.Teams, Form.Roles.Select(PersonRoles.Parse).ToList(),
            Form.CloseDate, TeamOptions.Select(o => o.Team).ToList(), errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError("Form." + char.ToUpperInvariant(field[0]) + field[1..], message);
        }

        if (assessment is null)
        {
            return Page();
        }

        db.Assessments.Add(assessment);
        audit.Record(OrganizationId, CurrentUser, "assessment created", NewAssessment.Describe(assessment));
        await db.SaveChangesAsync(cancellationToken);
        return Redirect($"/assessments/{assessment.Id}");
    }

    private async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => p.OrganizationId == OrganizationId)
            .Select(p => new { p.Team, p.Role }).ToListAsync(cancellationToken);
        PeopleCount = people.Count;
        TeamOptions = people.Where(p => p.Team.Trim().Length > 0).GroupBy(p => p.Team.Trim(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => (g.Key, g.Count())).ToList();
        RoleOptions = PersonRoles.Listed.Select(r => (r, people.Count(p => p.Role == r))).ToList();
    }

    public sealed class AssessmentForm
    {
        public string? Name { get; set; }

        /// <summary>"full" or "quick".</summary>
        public string? Instrument { get; set; } = "full";

        public List<string> Teams { get; set; } = [];

        /// <summary>PersonRole names.</summary>
        public List<string> Roles { get; set; } = [];

        /// <summary>yyyy-MM-dd, as a date input sends it; empty for no close date.</summary>
        public string? CloseDate { get; set; }
    }
}
