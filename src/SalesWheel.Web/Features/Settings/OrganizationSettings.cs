using System.Globalization;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Settings;

/// <summary>
/// The rules of the organization's settings, shared by the settings page and the API: what is accepted (with the
/// message naming the field when not) and what a change is, in the words the audit log keeps.
/// </summary>
public static class OrganizationSettings
{
    public const int HighestMinimumGroupSize = 100;

    /// <summary>The checked values of a settings change.</summary>
    public sealed record Values(string Name, CompanyPhase? Phase, AcvBand? Acv, int MinimumGroupSize);

    /// <summary>
    /// Checks the fields as given (phase and ACV band as codes, empty for not set; the minimum group size as typed);
    /// adds a message per bad field to <paramref name="errors"/> under "name", "phase", "acv" or "minimumGroupSize".
    /// </summary>
    public static Values? Check(string? name, string? phase, string? acv, string? minimumGroupSize, IDictionary<string, string> errors)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["name"] = "Enter the organization's name.";
        }
        else if (name.Length > 200)
        {
            errors["name"] = "Use at most 200 characters for the name.";
        }

        var parsedPhase = ContextCodes.ParsePhase(phase);
        if (!string.IsNullOrEmpty(phase) && parsedPhase is null)
        {
            errors["phase"] = "Choose one of the phases listed, or \"not set\".";
        }

        var parsedAcv = ContextCodes.ParseAcv(acv);
        if (!string.IsNullOrEmpty(acv) && parsedAcv is null)
        {
            errors["acv"] = "Choose one of the deal sizes listed, or \"not set\".";
        }

        var k = ParseMinimumGroupSize(minimumGroupSize, out var kError);
        if (kError is not null)
        {
            errors["minimumGroupSize"] = kError;
        }

        return errors.Count == 0 ? new Values(name, parsedPhase, parsedAcv, k!.Value) : null;
    }

    /// <summary>Applies the values; returns the changes as "what: old → new" (empty when nothing changed).</summary>
    public static List<string> Apply(Organization organization, Values values)
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
    /// Reads a full relevance grid, one cell per driver and column (<see cref="RelevanceGrid.Key"/>) holding "3", "2"
    /// or "1"; a bad or missing cell is reported under its key. Null when any cell is bad.
    /// </summary>
    public static RelevanceTable? ParseRelevance(Func<string, string?> cell, IDictionary<string, string> errors)
    {
        var parsed = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (id, name) in RelevanceGrid.Drivers)
        {
            parsed[id] = new int[RelevanceGrid.Columns.Count];
            for (var c = 0; c < RelevanceGrid.Columns.Count; c++)
            {
                var key = RelevanceGrid.Key(id, c);
                if (int.TryParse(cell(key), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 3)
                {
                    parsed[id][c] = level;
                }
                else
                {
                    errors[key] = $"Choose High, Medium or Low for {name} under {RelevanceGrid.Columns[c].Label}.";
                    ok = false;
                }
            }
        }

        return ok ? RelevanceLevels.From(parsed) : null;
    }

    /// <summary>Stores a relevance table (nothing when it equals the defaults); returns the changed cells in words.</summary>
    public static List<string> ApplyRelevance(Organization organization, RelevanceTable table)
    {
        var changes = RelevanceGrid.Differences(RelevanceLevels.Parse(organization.RelevanceJson), table);
        organization.RelevanceJson = RelevanceGrid.IsDefault(table) ? null : RelevanceLevels.Serialize(table);
        return changes;
    }

    /// <summary>Lets viewers download row-level answers, or keeps them to owners and admins; returns the change in words.</summary>
    public static List<string> ApplyAnswersAccess(Organization organization, bool viewersMayDownloadAnswers)
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
