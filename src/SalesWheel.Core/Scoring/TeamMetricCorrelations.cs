using SalesWheel.Core.Imports;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// Team-level key drivers (SCORING.md "Outcomes and key drivers", team level): per metric and driver, Pearson's r of the
/// driver's team score (0–100 points) against the metric, over the team breakdown's SHOWN groups that have both. The
/// engine applies it to its own breakdown (the command line) and <see cref="SharedResult.WithOutcomes"/> to the shared
/// result's breakdown after every hiding, so a hidden team never counts.
/// </summary>
public static class TeamMetricCorrelations
{
    /// <summary>Below this many teams a team-level correlation is flagged <see cref="FewTeamsFlag"/>.</summary>
    public const int FewTeams = 10;

    /// <summary>The flag of a team-level correlation over fewer than <see cref="FewTeams"/> teams: a hint, not proof.</summary>
    public const string FewTeamsFlag = "few-teams";

    /// <param name="teams">The team breakdown as it is shown; null when there is none (then every r rests on 0 teams).</param>
    /// <param name="drivers">Driver ids, in instrument order.</param>
    /// <param name="metrics">The metrics per team; teams matched by value exactly.</param>
    /// <returns>One set per metric, in the table's order; each driver's <c>Teams</c> = teams with both a score and a value.</returns>
    public static List<TeamMetricSet> Of(Breakdown? teams, IReadOnlyList<string> drivers, TeamMetricsTable metrics)
    {
        ArgumentNullException.ThrowIfNull(drivers);
        ArgumentNullException.ThrowIfNull(metrics);
        var shown = teams?.Groups.Where(g => !g.Suppressed && g.Scores is not null).ToList() ?? [];
        return metrics.Metrics.Select(metric => new TeamMetricSet(metric, drivers.Select(driver =>
        {
            var x = new List<double>();
            var y = new List<double>();
            foreach (var group in shown)
            {
                if (group.Scores!.GetValueOrDefault(driver) is { } score && metrics.Value(group.Value, metric) is { } value)
                {
                    x.Add(score);
                    y.Add(value);
                }
            }

            var r = Correlation.Pearson(x, y);
            return new TeamMetricDriver(driver, r.N, r.R, r.Ci95, r.P, r.N < FewTeams ? [FewTeamsFlag] : []);
        }).ToList())).ToList();
    }
}
