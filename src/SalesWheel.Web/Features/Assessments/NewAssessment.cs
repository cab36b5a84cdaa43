using System.Globalization;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// The rules for a new (draft) assessment, shared by the "new assessment" page and the API: a name, the full or quick
/// form, an audience of existing teams and roles, and an optional close date from today on. Messages are keyed by
/// field: "name", "instrument", "teams", "roles", "closeDate".
/// </summary>
public static class NewAssessment
{
    /// <summary>
    /// The draft described by the fields, or null with a message per bad field. <paramref name="roles"/> are parsed
    /// already (null for one that is not a role); <paramref name="knownTeams"/> are the teams people are in today.
    /// </summary>
    public static Assessment? Check(
        Guid organizationId,
        string? name,
        string? instrument,
        IEnumerable<string?> teams,
        IReadOnlyList<PersonRole?> roles,
        string? closeDate,
        IReadOnlyCollection<string> knownTeams,
        IDictionary<string, string> errors)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors["name"] = "Give the assessment a name, for example \u201cQ3 sales health check\u201d.";
        }
        else if (name.Length > 200)
        {
            errors["name"] = $"Use at most 200 characters for the name (this one has {name.Length}).";
        }

        if (instrument is not ("full" or "quick"))
        {
            errors["instrument"] = "Choose the full instrument or the quick form.";
        }

        var chosenTeams = teams.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var unknownTeams = chosenTeams.Where(t => !knownTeams.Contains(t)).ToList();
        if (unknownTeams.Count > 0)
        {
            errors["teams"] = $"No one is in {(unknownTeams.Count == 1 ? "team" : "teams")} {string.Join(", ", unknownTeams.Select(t => $"\u201c{t}\u201d"))}: untick it, or add people to it first.";
        }

        if (roles.Any(r => r is null))
        {
            errors["roles"] = "Choose roles from the list: leaders, managers, sellers, ops & enablement.";
        }

        DateOnly? close = null;
        if (!string.IsNullOrWhiteSpace(closeDate))
        {
            if (!DateOnly.TryParseExact(closeDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors["closeDate"] = "Enter the close date as year-month-day, for example 2026-12-31, or leave it empty.";
            }
            else if (date < AssessmentDeadline.Today)
            {
                errors["closeDate"] = $"The close date {date:yyyy-MM-dd} is in the past: choose today ({AssessmentDeadline.Today:yyyy-MM-dd}) or a later day, or leave it empty.";
            }
            else
            {
                close = date;
            }
        }

        if (errors.Count > 0)
        {
            return null;
        }

        return new Assessment
        {
            OrganizationId = organizationId,
            Name = name,
            QuickForm = instrument == "quick",
            AudienceTeams = Audience.StoreTeams(chosenTeams),
            AudienceRoles = Audience.StoreRoles(PersonRoles.Listed.Where(r => roles.Contains(r))),
            CloseDate = close,
            Status = AssessmentStatus.Draft,
        };
    }

    /// <summary>The audit log's words for a new assessment.</summary>
    public static string Describe(Assessment assessment)
    {
        var audience = Audience.Of(assessment);
        return $"{assessment.Name}: {(assessment.QuickForm ? "quick form" : "full instrument")}; {audience.TeamsText}; {audience.RolesText}; closes {assessment.CloseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "when closed by hand"}";
    }
}
