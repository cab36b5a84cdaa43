using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// The results page's "Key drivers" and "Team metrics" sections: every number from the shared result (its
/// <see cref="ScoreReport.KeyDrivers"/> and <see cref="ScoreReport.TeamMetrics"/>, decided by
/// <see cref="SharedResult.WithOutcomes"/>); only the metrics' units are read here.
/// </summary>
public sealed class Outcomes(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid assessmentId, ScoreReport report, bool canAdminister)
    {
        var stored = await StoredTeamMetrics.OfAsync(db, assessmentId, HttpContext.RequestAborted);
        var units = stored.Metrics.ToDictionary(m => m.Name, m => m.Unit, StringComparer.Ordinal);
        return View("/Features/Results/_Outcomes.cshtml", new OutcomesView(assessmentId, report, units, canAdminister));
    }
}

/// <summary>What the outcomes sections show, and the plain words for their numbers.</summary>
public sealed record OutcomesView(Guid AssessmentId, ScoreReport Report, IReadOnlyDictionary<string, string?> Units, bool CanAdminister)
{
    /// <summary>A dimension's name by id (the id when unknown).</summary>
    public string Name(string id) => Report.Dimensions.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    /// <summary>r to two decimals with a true minus sign; "–" when null.</summary>
    public static string R(double? r) => r is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture).Replace('-', '\u2212') : "\u2013";

    /// <summary>An interval of r as "−0.24 to 0.93"; "–" when null.</summary>
    public static string Interval(Interval? ci) => ci is { } c ? $"{R(c.Low)} to {R(c.High)}" : "\u2013";

    /// <summary>
    /// What a correlation says in plain words: how strong (|r| below 0.1 none to speak of, 0.3 weak, 0.5 moderate, else
    /// strong), which way, and whether its interval leaves out 0.
    /// </summary>
    public static string Words(double? r, Interval? ci, string with)
    {
        if (r is not { } v)
        {
            return "";
        }

        var size = Math.Abs(v);
        var strength = size < 0.1 ? "No link to speak of" : size < 0.3 ? "A weak link" : size < 0.5 ? "A moderate link" : "A strong link";
        var direction = size < 0.1 ? "" : v > 0 ? $": higher scores go with higher {with}" : $": higher scores go with lower {with}";
        var sure = ci is { } c && (c.Low > 0 || c.High < 0) ? "" : " (the interval includes 0: it could be chance)";
        return strength + direction + sure + ".";
    }

    /// <summary>
    /// What a team-level correlation over <paramref name="teams"/> teams may say: nothing below 4 teams, a hint below 10,
    /// and why r is missing when it is.
    /// </summary>
    public static string TeamsWords(int teams, double? r)
    {
        if (teams < Correlation.MinimumPairs)
        {
            return $"With {teams} {(teams == 1 ? "team" : "teams")}: too few teams to compute.";
        }

        if (r is null)
        {
            return "No correlation: the scores or the metric are the same for every team.";
        }

        return teams < ScoringEngine.FewTeams ? $"With {teams} teams, a correlation is a hint, not proof." : "";
    }
}
