using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Settings;

/// <summary>The organization's fields as given: phase and ACV band as codes ("" for not set), the minimum group size as typed.</summary>
public sealed record SettingsFields(string? Name, string? Phase, string? Acv, string? MinimumGroupSize);

/// <summary>A change of the organization's settings; a part left null stays as it is.</summary>
public sealed record SettingsChange
{
    public SettingsFields? Fields { get; init; }

    /// <summary>The whole relevance grid: driver id → column code (pmf, gtm-fit, scale, lt15k, 15k-50k, gt50k) → "3", "2" or "1".</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>>? Relevance { get; init; }

    public bool? ViewersMayDownloadAnswers { get; init; }

    /// <summary>Whether priorities are also weighed by measured importance, shown beside the standard ranking.</summary>
    public bool? ImpactAwarePriorities { get; init; }
}

/// <summary>What saving settings did: the changes in words (empty when nothing changed), or why nothing was saved (by field).</summary>
public sealed record SettingsOutcome(Organization? Organization, FieldErrors Errors, IReadOnlyList<string> Changes);

/// <summary>
/// Saving the organization's settings, shared by the settings page and the API: what is accepted (with the message
/// naming the field when not), what a change is in the words the audit log keeps, and one audit entry per part changed
/// (fields, relevance levels, answers access). Fields are named as the API names them: "name", "phase", "acv",
/// "minimumGroupSize", "relevance.{driver}.{column}".
/// </summary>
public sealed class OrganizationSettings(AppDbContext db, AuditLog audit)
{
    public const int HighestMinimumGroupSize = 100;

    /// <summary>The checked values of a settings change.</summary>
    private sealed record Values(string Name, CompanyPhase? Phase, AcvBand? Acv, int MinimumGroupSize);

    /// <summary>The field of one cell of the relevance grid.</summary>
    public static string RelevanceField(string driverId, string columnCode) => $"relevance.{driverId}.{columnCode}";

    /// <summary>Checks every part given and, only when all of them are right, applies, audits and saves them.</summary>
    public async Task<SettingsOutcome> SaveAsync(Guid organizationId, Actor actor, SettingsChange change, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var values = change.Fields is { } fields ? Check(fields.Name, fields.Phase, fields.Acv, fields.MinimumGroupSize, errors) : null;
        var table = change.Relevance is { } relevance ? ParseRelevance(relevance, errors) : null;
        if (!errors.IsEmpty)
        {
            return new SettingsOutcome(null, errors, []);
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
        var changes = new List<string>();
        void Record(string action, List<string> made)
        {
            if (made.Count > 0)
            {
                audit.Record(organizationId, actor, action, string.Join("; ", made));
                changes.AddRange(made);
            }
        }

        if (values is not null)
        {
            Record("settings changed", Apply(organization, values));
        }

        if (table is not null)
        {
            Record("relevance levels changed", ApplyRelevance(organization, table));
        }

        if (change.ViewersMayDownloadAnswers is { } viewers)
        {
            Record("answers access changed", ApplyAnswersAccess(organization, viewers));
        }

        if (change.ImpactAwarePriorities is { } impact && organization.ImpactAwarePriorities != impact)
        {
            organization.ImpactAwarePriorities = impact;
            Record("priorities changed", [impact
                ? "priorities: phase and deal size → also weighed by measured importance (shown side by side)"
                : "priorities: also weighed by measured importance → phase and deal size only"]);
        }

        // Saved even without a change a person would name: e.g. a stored table equal to the defaults becoming null.
        await db.SaveChangesAsync(cancellationToken);
        return new SettingsOutcome(organization, errors, changes);
    }

    /// <summary>Puts SalesWheel's default relevance levels back; returns the changed cells in words.</summary>
    public async Task<IReadOnlyList<string>> ResetRelevanceAsync(Guid organizationId, Actor actor, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.FirstAsync(o => o.Id == organizationId, cancellationToken);
        var changes = ApplyRelevance(organization, RelevanceTable.Default);
        if (changes.Count > 0)
        {
            audit.Record(organizationId, actor, "relevance levels reset to defaults", string.Join("; ", changes));
        }

        await db.SaveChangesAsync(cancellationToken);
        return changes;
    }

    /// <summary>
    /// Checks the fields as given; adds a message per bad field to <paramref name="errors"/> under "name", "phase",
    /// "acv" or "minimumGroupSize".
    /// </summary>
    private static Values? Check(string? name, string? phase, string? acv, string? minimumGroupSize, FieldErrors errors)
    {
        var before = errors.Count;
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add("name", "Enter the organization's name.");
        }
        else if (name.Length > 200)
        {
            errors.Add("name", "Use at most 200 characters for the name.");
        }

        var parsedPhase = ContextCodes.ParsePhase(phase);
        if (!string.IsNullOrEmpty(phase) && parsedPhase is null)
        {
            errors.Add("phase", "Choose one of the phases listed, or \"not set\".");
        }

        var parsedAcv = ContextCodes.ParseAcv(acv);
        if (!string.IsNullOrEmpty(acv) && parsedAcv is null)
        {
            errors.Add("acv", "Choose one of the deal sizes listed, or \"not set\".");
        }

        var k = ParseMinimumGroupSize(minimumGroupSize, out var kError);
        if (kError is not null)
        {
            errors.Add("minimumGroupSize", kError);
        }

        return errors.Count == before ? new Values(name, parsedPhase, parsedAcv, k!.Value) : null;
    }

    /// <summary>Applies the values; returns the changes as "what: old → new" (empty when nothing changed).</summary>
    private static List<string> Apply(Organization organization, Values values)
    {
        var changes = new List<string>();
        if (organization.Name != values.Name)
        {
            changes.Add($"name: \"{organization.Name}\" → \"{values.Name}\"");
            organization.Name = values.Name;
        }

        if (organization.Phase != values.Phase)
        {
            changes.Add($"phase: {PhaseText(organization.Phase)} → {PhaseText(values.Phase)}");
            organization.Phase = values.Phase;
        }

        if (organization.Acv != values.Acv)
        {
            changes.Add($"ACV band: {AcvText(organization.Acv)} → {AcvText(values.Acv)}");
            organization.Acv = values.Acv;
        }

        if (organization.MinimumGroupSize != values.MinimumGroupSize)
        {
            changes.Add($"minimum group size: {organization.MinimumGroupSize} → {values.MinimumGroupSize}");
            organization.MinimumGroupSize = values.MinimumGroupSize;
        }

        return changes;
    }

    /// <summary>
    /// Reads a full relevance grid: every driver and column holding "3", "2" or "1". A bad or missing cell, a driver
    /// or a column that does not exist, is reported under its field. Null when anything is wrong.
    /// </summary>
    private static RelevanceTable? ParseRelevance(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> grid, FieldErrors errors)
    {
        var ok = true;
        foreach (var driver in grid.Keys.Where(k => !RelevanceGrid.Drivers.Any(d => d.Id == k)))
        {
            errors.Add($"relevance.{driver}", $"There is no driver \"{driver}\". The drivers are {string.Join(", ", RelevanceGrid.Drivers.Select(d => d.Id))}.");
            ok = false;
        }

        foreach (var (driver, columns) in grid)
        {
            foreach (var column in columns.Keys.Where(c => !RelevanceGrid.Columns.Any(x => x.Code == c)))
            {
                errors.Add(RelevanceField(driver, column), $"There is no phase or ACV band \"{column}\". Use {string.Join(", ", RelevanceGrid.Columns.Select(c => c.Code))}.");
                ok = false;
            }
        }

        var parsed = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (id, name) in RelevanceGrid.Drivers)
        {
            parsed[id] = new int[RelevanceGrid.Columns.Count];
            for (var c = 0; c < RelevanceGrid.Columns.Count; c++)
            {
                var code = RelevanceGrid.Columns[c].Code;
                var cell = grid.GetValueOrDefault(id)?.GetValueOrDefault(code);
                if (int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 3)
                {
                    parsed[id][c] = level;
                }
                else
                {
                    errors.Add(RelevanceField(id, code), $"Choose High, Medium or Low for {name} under {RelevanceGrid.Columns[c].Label}.");
                    ok = false;
                }
            }
        }

        return ok ? RelevanceLevels.From(parsed) : null;
    }

    /// <summary>Stores a relevance table (nothing when it equals the defaults); returns the changed cells in words.</summary>
    private static List<string> ApplyRelevance(Organization organization, RelevanceTable table)
    {
        var changes = RelevanceGrid.Differences(RelevanceLevels.Parse(organization.RelevanceJson), table);
        organization.RelevanceJson = RelevanceGrid.IsDefault(table) ? null : RelevanceLevels.Serialize(table);
        return changes;
    }

    /// <summary>Lets viewers download row-level answers, or keeps them to owners and admins; returns the change in words.</summary>
    private static List<string> ApplyAnswersAccess(Organization organization, bool viewersMayDownloadAnswers)
    {
        if (organization.ViewersMayDownloadAnswers == viewersMayDownloadAnswers)
        {
            return [];
        }

        organization.ViewersMayDownloadAnswers = viewersMayDownloadAnswers;
        return [viewersMayDownloadAnswers
            ? "row-level answers: owners and admins → also viewers"
            : "row-level answers: also viewers → owners and admins only"];
    }

    public static string PhaseText(CompanyPhase? phase) => phase?.DisplayName() ?? "not set";

    public static string AcvText(AcvBand? acv) => acv?.DisplayName() ?? "not set";

    private static int? ParseMinimumGroupSize(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"Enter the minimum group size: a whole number, {Anonymity.LowestMinimumGroupSize} or more.";
            return null;
        }

        if (!int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k))
        {
            error = $"Enter a whole number, {Anonymity.LowestMinimumGroupSize} or more.";
            return null;
        }

        if (k < Anonymity.LowestMinimumGroupSize)
        {
            error = $"The minimum group size must be at least {Anonymity.LowestMinimumGroupSize}: in smaller groups people could tell who answered what.";
            return null;
        }

        if (k > HighestMinimumGroupSize)
        {
            error = $"Use at most {HighestMinimumGroupSize}: larger groups would hide almost every breakdown.";
            return null;
        }

        return k;
    }
}
