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
        var name = Form.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            ModelState.AddModelError("Form.Name", "Give the assessment a name, for example \u201cQ3 sales health check\u201d.");
        }
        else if (name.Length > 200)
        {
            ModelState.AddModelError("Form.Name", $"Use at most 200 characters for the name (this one has {name.Length}).");
        }

        if (Form.Instrument is not ("full" or "quick"))
        {
            ModelState.AddModelError("Form.Instrument", "Choose the full instrument or the quick form.");
        }

        var teams = Form.Teams.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknownTeams = teams.Where(t => !TeamOptions.Any(o => o.Team == t)).ToList();
        if (unknownTeams.Count > 0)
        {
            ModelState.AddModelError("Form.Teams", $"No one is in {(unknownTeams.Count == 1 ? "team" : "teams")} {string.Join(", ", unknownTeams.Select(t => $"\u201c{t}\u201d"))}: untick it, or add people to it first.");
        }

        var roles = Form.Roles.Select(PersonRoles.Parse).ToList();
        if (roles.Any(r => r is null))
        {
            ModelState.AddModelError("Form.Roles", "Choose roles from the list: leaders, managers, sellers, ops & enablement.");
        }

        DateOnly? closeDate = null;
        if (!string.IsNullOrWhiteSpace(Form.CloseDate))
        {
            if (!DateOnly.TryParseExact(Form.CloseDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                ModelState.AddModelError("Form.CloseDate", "Enter the close date as year-month-day, for example 2026-12-31, or leave it empty.");
            }
            else if (date < AssessmentDeadline.Today)
            {
                ModelState.AddModelError("Form.CloseDate", $"The close date {date:yyyy-MM-dd} is in the past: choose today ({AssessmentDeadline.Today:yyyy-MM-dd}) or a later day, or leave it empty.");
            }
            else
            {
                closeDate = date;
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var assessment = new Assessment
        {
            OrganizationId = OrganizationId,
            Name = name,
            QuickForm = Form.Instrument == "quick",
            AudienceTeams = Audience.StoreTeams(teams),
            AudienceRoles = Audience.StoreRoles(PersonRoles.Listed.Where(r => roles.Contains(r))),
            CloseDate = closeDate,
            Status = AssessmentStatus.Draft,
        };
        db.Assessments.Add(assessment);
        var audience = Audience.Of(assessment);
        audit.Record(OrganizationId, CurrentUser, "assessment created",
            $"{assessment.Name}: {(assessment.QuickForm ? "quick form" : "full instrument")}; {audience.TeamsText}; {audience.RolesText}; closes {closeDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "when closed by hand"}");
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
