using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Settings;

/// <summary>
/// The organization's settings: name, phase, ACV band, minimum group size, and the driver relevance grid. Everyone
/// in the organization can read them; admins change them; every change goes to the audit log as old → new.
/// </summary>
public sealed class IndexModel(AppDbContext db, AuditLog audit) : OrganizationPageModel
{
    public const int HighestMinimumGroupSize = 100;

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
        var phase = ContextCodes.ParsePhase(Form.Phase);
        if (!string.IsNullOrEmpty(Form.Phase) && phase is null)
        {
            ModelState.AddModelError("Form.Phase", "Choose one of the phases listed, or \"not set\".");
        }

        var acv = ContextCodes.ParseAcv(Form.Acv);
        if (!string.IsNullOrEmpty(Form.Acv) && acv is null)
        {
            ModelState.AddModelError("Form.Acv", "Choose one of the deal sizes listed, or \"not set\".");
        }

        var k = ParseMinimumGroupSize(Form.MinimumGroupSize);
        if (!ModelState.IsValid || k is null)
        {
            return Page();
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == OrganizationId);
        var changes = new List<string>();
        var name = Form.Name.Trim();
        if (organization.Name != name)
        {
            changes.Add($"name: \"{organization.Name}\" → \"{name}\"");
            organization.Name = name;
        }

        if (organization.Phase != phase)
        {
            changes.Add($"phase: {PhaseText(organization.Phase)} → {PhaseText(phase)}");
            organization.Phase = phase;
        }

        if (organization.Acv != acv)
        {
            changes.Add($"ACV band: {AcvText(organization.Acv)} → {AcvText(acv)}");
            organization.Acv = acv;
        }

        if (organization.MinimumGroupSize != k)
        {
            changes.Add($"minimum group size: {organization.MinimumGroupSize} → {k}");
            organization.MinimumGroupSize = k.Value;
        }

        return await SaveAsync("settings changed", changes);
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
        var parsed = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (id, name) in RelevanceGrid.Drivers)
        {
            parsed[id] = new int[RelevanceGrid.Columns.Count];
            for (var c = 0; c < RelevanceGrid.Columns.Count; c++)
            {
                var key = RelevanceGrid.Key(id, c);
                var text = Levels.GetValueOrDefault(key);
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 3)
                {
                    parsed[id][c] = level;
                }
                else
                {
                    ModelState.AddModelError($"Levels[{key}]", $"Choose High, Medium or Low for {name} under {RelevanceGrid.Columns[c].Label}.");
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == OrganizationId);
        var table = RelevanceLevels.From(parsed);
        var changes = RelevanceGrid.Differences(RelevanceLevels.Parse(organization.RelevanceJson), table);
        organization.RelevanceJson = RelevanceGrid.IsDefault(table) ? null : RelevanceLevels.Serialize(table);
        return await SaveAsync("relevance levels changed", changes);
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (!CanAdminister)
        {
            return Forbid();
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == OrganizationId);
        var changes = RelevanceGrid.Differences(RelevanceLevels.Parse(organization.RelevanceJson), RelevanceTable.Default);
        organization.RelevanceJson = null;
        return await SaveAsync("relevance levels reset to defaults", changes);
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

    private int? ParseMinimumGroupSize(string? text)
    {
        const string field = "Form.MinimumGroupSize";
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(field, $"Enter the minimum group size: a whole number, {Anonymity.LowestMinimumGroupSize} or more.");
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k))
        {
            ModelState.AddModelError(field, $"Enter a whole number, {Anonymity.LowestMinimumGroupSize} or more.");
            return null;
        }

        if (k < Anonymity.LowestMinimumGroupSize)
        {
            ModelState.AddModelError(field, $"The minimum group size must be at least {Anonymity.LowestMinimumGroupSize}: in smaller groups people could tell who answered what.");
            return null;
        }

        if (k > HighestMinimumGroupSize)
        {
            ModelState.AddModelError(field, $"Use at most {HighestMinimumGroupSize}: larger groups would hide almost every breakdown.");
            return null;
        }

        return k;
    }

    public static string PhaseText(CompanyPhase? phase) => phase?.DisplayName() ?? "not set";

    public static string AcvText(AcvBand? acv) => acv?.DisplayName() ?? "not set";

    public sealed class SettingsForm
    {
        [Required(ErrorMessage = "Enter the organization's name.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the name.")]
        public string Name { get; set; } = "";

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
