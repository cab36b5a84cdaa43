using Microsoft.AspNetCore.Mvc;
using SalesWheel.Core.Instruments;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>"Run a follow-up" of a closed assessment: the same instrument and audience, or a pulse of 1–3 drivers.</summary>
public sealed class FollowUpModel(AssessmentActions actions, FollowUp followUp) : OrganizationPageModel
{
    protected override MemberRole RequiredRole => MemberRole.Admin;

    public Assessment Source { get; private set; } = null!;

    public IReadOnlyList<Dimension> DriverOptions { get; private set; } = [];

    public string? Refusal { get; private set; }

    /// <summary>As typed, so a refused form comes back unchanged.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The drivers ticked for a pulse; none for the whole instrument. A link may preselect some (?driver=…).</summary>
    [BindProperty]
    public List<string> Drivers { get; set; } = [];

    [BindProperty]
    public string? CloseDate { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, [FromQuery(Name = "driver")] string[]? driver)
    {
        if (!await LoadAsync(id, toChange: false))
        {
            return NotFound();
        }

        Name = FollowUp.SuggestedName(Source);
        Drivers = [.. (driver ?? []).Where(d => DriverOptions.Any(o => o.Id == d))];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id, toChange: true))
        {
            return NotFound();
        }

        if (Refusal is not null)
        {
            return Page();
        }

        var outcome = await followUp.CreateAsync(OrganizationId, Actor.Of(CurrentUser), Source, Name, Drivers, CloseDate, HttpContext.RequestAborted);
        if (outcome.Assessment is not { } created)
        {
            outcome.Errors.ShowOn(ModelState, field => field switch
            {
                "name" => nameof(Name),
                "drivers" => nameof(Drivers),
                "closeDate" => nameof(CloseDate),
                _ => "",
            });
            return Page();
        }

        return Redirect($"/assessments/{created.Id}");
    }

    /// <summary>The assessment of this organization; one past its close date is closed first when about to change something.</summary>
    private async Task<bool> LoadAsync(Guid id, bool toChange)
    {
        if (await actions.FindAsync(OrganizationId, id, toChange, HttpContext.RequestAborted) is not { } source)
        {
            return false;
        }

        Source = source;
        DriverOptions = FollowUp.DriversOf(source);
        Refusal = FollowUp.Refusal(source);
        return true;
    }
}
