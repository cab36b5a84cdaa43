using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Settings;

/// <summary>
/// The organization's settings: name, phase, ACV band, minimum group size, who may download row-level answers, and
/// the driver relevance grid. Everyone
/// in the organization can read them; admins change them; every change goes to the audit log as old → new.
/// </summary>
public sealed class IndexModel(OrganizationSettings settings) : OrganizationPageModel
{
    [BindProperty]
    public SettingsForm Form { get; set; } = new();

    /// <summary>The relevance grid's cells ("3", "2" or "1"), keyed by <see cref="RelevanceGrid.Key"/>.</summary>
    public Dictionary<string, string?> Levels { get; private set; } = [];

    public bool UsesDefaultRelevance => Organization.RelevanceJson is null;

    public string? Notice { get; private set; }

    public void OnGet()
    {
        Notice = TempData["Notice"] as string;
        Form = SettingsForm.From(Organization);
        Levels = RelevanceGrid.ToForm(RelevanceLevels.Parse(Organization.RelevanceJson));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        Levels = RelevanceGrid.ToForm(RelevanceLevels.Parse(Organization.RelevanceJson));
        return await SaveAsync(new SettingsChange { Fields = new SettingsFields(Form.Name, Form.Phase, Form.Acv, Form.MinimumGroupSize) });
    }

    public async Task<IActionResult> OnPostRelevanceAsync(Dictionary<string, string?> levels)
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        ModelState.Clear(); // only the grid was posted
        Form = SettingsForm.From(Organization);
        Levels = new Dictionary<string, string?>(levels, StringComparer.Ordinal);
        var grid = RelevanceGrid.Drivers.ToDictionary(
            d => d.Id,
            d => (IReadOnlyDictionary<string, string?>)RelevanceGrid.Columns.Select((c, i) => (c.Code, Level: Levels.GetValueOrDefault(RelevanceGrid.Key(d.Id, i))))
                .ToDictionary(x => x.Code, x => x.Level, StringComparer.Ordinal),
            StringComparer.Ordinal);
        return await SaveAsync(new SettingsChange { Relevance = grid });
    }

    /// <summary>Whether viewers may download row-level answers (an unchecked box posts nothing: false).</summary>
    public async Task<IActionResult> OnPostAnswersAccessAsync(bool viewersMayDownloadAnswers)
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        return await SaveAsync(new SettingsChange { ViewersMayDownloadAnswers = viewersMayDownloadAnswers });
    }

    /// <summary>Whether priorities are also weighed by measured importance (an unchecked box posts nothing: false).</summary>
    public async Task<IActionResult> OnPostImpactPrioritiesAsync(bool impactAwarePriorities)
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        return await SaveAsync(new SettingsChange { ImpactAwarePriorities = impactAwarePriorities });
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        return Saved(await settings.ResetRelevanceAsync(OrganizationId, Actor.Of(CurrentUser), HttpContext.RequestAborted));
    }

    private async Task<IActionResult> SaveAsync(SettingsChange change)
    {
        var outcome = await settings.SaveAsync(OrganizationId, Actor.Of(CurrentUser), change, HttpContext.RequestAborted);
        if (outcome.Organization is null)
        {
            outcome.Errors.ShowOn(ModelState, PageKey);
            return Page();
        }

        return Saved(outcome.Changes);
    }

    private RedirectResult Saved(IReadOnlyList<string> changes)
    {
        TempData["Notice"] = changes.Count == 0 ? "Nothing changed." : "Saved: " + string.Join("; ", changes) + ".";
        return Redirect("/settings");
    }

    /// <summary>The relevance grid's model-state keys (<c>Levels[strategy:pmf]</c>) by the use case's field names.</summary>
    private static readonly Dictionary<string, string> RelevanceKeys = RelevanceGrid.Drivers
        .SelectMany(d => RelevanceGrid.Columns.Select((c, i) => (Field: OrganizationSettings.RelevanceField(d.Id, c.Code), Key: $"Levels[{RelevanceGrid.Key(d.Id, i)}]")))
        .ToDictionary(x => x.Field, x => x.Key, StringComparer.Ordinal);

    /// <summary>Where this page shows the message of each of the use case's fields.</summary>
    private static string PageKey(string field) => field switch
    {
        "name" => "Form.Name",
        "phase" => "Form.Phase",
        "acv" => "Form.Acv",
        "minimumGroupSize" => "Form.MinimumGroupSize",
        _ => RelevanceKeys.GetValueOrDefault(field, ""),
    };

    public sealed class SettingsForm
    {
        public string? Name { get; set; } = "";

        /// <summary>A phase code (pmf, gtm-fit, scale), or empty for not set.</summary>
        public string? Phase { get; set; }

        /// <summary>An ACV band code (lt15k, 15k-50k, gt50k), or empty for not set.</summary>
        public string? Acv { get; set; }

        /// <summary>As typed, so a wrong value comes back to the person unchanged.</summary>
        public string? MinimumGroupSize { get; set; }

        public static SettingsForm From(Organization organization) => new()
        {
            Name = organization.Name,
            Phase = organization.Phase?.Code() ?? "",
            Acv = organization.Acv?.Code() ?? "",
            MinimumGroupSize = organization.MinimumGroupSize.ToString(CultureInfo.InvariantCulture),
        };
    }
}
