using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>Creates a draft assessment: its name, form, audience (teams and roles), close date, and the invitation's note and sender name.</summary>
public sealed class NewModel(AppDbContext db, NewAssessment create) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    [BindProperty]
    public AssessmentForm Form { get; set; } = new();

    /// <summary>The organization's teams with how many people each has.</summary>
    public IReadOnlyList<(string Team, int People)> TeamOptions { get; private set; } = [];

    public IReadOnlyList<(PersonRole Role, int People)> RoleOptions { get; private set; } = [];

    public int PeopleCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Form.SenderName = CurrentUser.DisplayName;
        await LoadOptionsAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear(); // the use case checks every rule, with messages in our words
        var outcome = await create.CreateAsync(OrganizationId, Actor.Of(CurrentUser), Form.Name, Form.Instrument, Form.Teams,
            Form.Roles.Select(PersonRoles.Parse).ToList(), Form.CloseDate, Form.Note, Form.SenderName, cancellationToken);
        if (outcome.Assessment is not { } assessment)
        {
            await LoadOptionsAsync(cancellationToken);
            outcome.Errors.ShowOn(ModelState, PageKey);
            return Page();
        }

        return Redirect($"/assessments/{assessment.Id}");
    }

    /// <summary>Where this page shows the message of each of the use case's fields.</summary>
    private static string PageKey(string field) => field switch
    {
        "name" => "Form.Name",
        "instrument" => "Form.Instrument",
        "teams" => "Form.Teams",
        "roles" => "Form.Roles",
        "closeDate" => "Form.CloseDate",
        "note" => "Form.Note",
        "senderName" => "Form.SenderName",
        _ => "",
    };

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

        /// <summary>The invitation's personal note, as typed.</summary>
        public string? Note { get; set; }

        /// <summary>The name invitations come from; empty for the member's own name.</summary>
        public string? SenderName { get; set; }
    }
}
