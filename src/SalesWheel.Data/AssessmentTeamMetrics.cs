using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Imports;

namespace SalesWheel.Data;

/// <summary>A metric of an assessment's team metrics: its name and its unit (null when none).</summary>
public sealed record TeamMetricColumn(string Name, string? Unit);

/// <summary>An assessment's stored team metrics: the metrics in order, with their units, and the values as Core reads them.</summary>
/// <param name="Metrics">The metrics in their stored order.</param>
/// <param name="Table">The values per team; null when the assessment has no metrics.</param>
public sealed record StoredTeamMetrics(IReadOnlyList<TeamMetricColumn> Metrics, TeamMetricsTable? Table)
{
    /// <summary>
    /// A short digest of the values (metrics, teams, numbers), stamped on the stored result so that changed metrics
    /// compute it again; "none" without metrics.
    /// </summary>
    public string Digest()
    {
        if (Table is null)
        {
            return "none";
        }

        var text = new StringBuilder();
        foreach (var metric in Table.Metrics)
        {
            text.Append(metric).Append('\u001e');
            foreach (var team in Table.Teams)
            {
                text.Append(team).Append('\u001f').Append(Table.Value(team, metric)?.ToString("R", CultureInfo.InvariantCulture) ?? "-").Append('\u001f');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24];
    }

    /// <summary>An assessment's stored metrics (none: no metrics and a null table).</summary>
    public static async Task<StoredTeamMetrics> OfAsync(AppDbContext db, Guid assessmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.TeamMetrics.AsNoTracking().Where(m => m.AssessmentId == assessmentId)
            .OrderBy(m => m.Position).ThenBy(m => m.Team).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new StoredTeamMetrics([], null);
        }

        var metrics = rows.GroupBy(m => m.Metric, StringComparer.Ordinal).Select(g => new TeamMetricColumn(g.Key, g.First().Unit)).ToList();
        var teams = rows.Select(m => m.Team).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(team => new KeyValuePair<string, IReadOnlyDictionary<string, double?>>(team,
                rows.Where(m => m.Team == team).ToDictionary(m => m.Metric, m => (double?)m.Value, StringComparer.Ordinal)))
            .ToList();
        return new StoredTeamMetrics(metrics, new TeamMetricsTable(metrics.Select(m => m.Name).ToList(), teams));
    }
}
