using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
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
public sealed class IndexModel(AppDbContext db, AuditLog audit) : OrganizationPageModel
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
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = OrganizationSettings.Check(Form.Name, Form.Phase, Form.Acv, Form.MinimumGroupSize, errors);
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError("Form." + char.ToUpperInvariant(field[0]) + field[1..], message);
        }

        if (values is null)
        {
            return Page();
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == OrganizationId);
        return await SaveAsync("settings changed", OrganizationSettings.Apply(organization, values));
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
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var table = OrganizationSettings.ParseRelevance(key => Levels.GetValueOrDefault(key), errors);
        foreach (var (key, message) in errors)
        {
            ModelState.AddModelError($"Levels[{key}]", message);
        }

        if (table is null)
        {
            return Page();
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == OrganizationId);
        return await SaveAsync("relevance levels changed", OrganizationSettings.ApplyRelevance(organization, table));
    }

    /// <summary>Whether viewers may download row-level answers (an unchecked box posts nothing: false).</summary>
    public async Task<IActionResult> OnPostAnswersAccessAsync(bool viewersMayDownloadAnswers)
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == OrganizationId);
        return await SaveAsync("answers access changed", OrganizationSettings.ApplyAnswersAccess(organization, viewersMayDownloadAnswers));
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == OrganizationId);
        return await SaveAsync("relevance levels reset to defaults", OrganizationSettings.ApplyRelevance(organization, RelevanceTable.Default));
    }

    private async Task<IActionResult> SaveAsync(string action, List<string> changes)
    {
        if (changes.Count == 0)
        {
            await db.SaveChangesAsync(); // e.g. a stored table equal to the defaults becoming null: nothing a person would call a change
            TempData["Notice"] = "Nothing changed.";
            return Redirect("/settings");
        }

        audit.Record(OrganizationId, CurrentUser, action, string.Join("; ", changes));
        await db.SaveChangesAsync();
        TempData["Notice"] = "Saved: " + string.Join("; ", changes) + ".";
        return Redirect("/settings");
    }

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
