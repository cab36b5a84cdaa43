using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.TeamMetrics;

/// <summary>A metric as sent: its name and optional unit.</summary>
public sealed record MetricInput(string? Name, string? Unit);

/// <summary>A team's row as sent: its name and one cell per metric (text: a number, or blank for no value).</summary>
public sealed record TeamRowInput(string? Team, IReadOnlyList<string?> Values);

/// <summary>Team metrics as sent by the form, the file's preview or the API, before any check.</summary>
public sealed record TeamMetricsInput(IReadOnlyList<MetricInput> Metrics, IReadOnlyList<TeamRowInput> Teams)
{
    /// <summary>
    /// A file read by Core (<see cref="TeamMetricsFile"/>) as input: a header written <c>win-rate (%)</c> gives the metric
    /// <c>win-rate</c> with the unit <c>%</c>.
    /// </summary>
    public static TeamMetricsInput From(TeamMetricsTable table) => new(
        table.Metrics.Select(SplitUnit).ToList(),
        table.Teams.Select(team => new TeamRowInput(team, table.Metrics.Select(m => table.Value(team, m)?.ToString("R", CultureInfo.InvariantCulture)).ToList())).ToList());

    /// <summary>The stored metrics as input (to edit them).</summary>
    public static TeamMetricsInput From(StoredTeamMetrics stored) => stored.Table is not { } table
        ? new([], [])
        : new(stored.Metrics.Select(m => new MetricInput(m.Name, m.Unit)).ToList(),
            table.Teams.Select(team => new TeamRowInput(team, table.Metrics.Select(m => table.Value(team, m)?.ToString("R", CultureInfo.InvariantCulture)).ToList())).ToList());

    private static MetricInput SplitUnit(string header)
    {
        var open = header.LastIndexOf('(');
        return header.EndsWith(')') && open > 0 && header[..open].Trim().Length > 0 && header[(open + 1)..^1].Trim() is { Length: > 0 and <= TeamMetricLimits.UnitLength } unit
            ? new MetricInput(header[..open].Trim(), unit)
            : new MetricInput(header, null);
    }
}

/// <summary>The outcome of saving metrics: how many teams and metrics were stored, or every problem by field.</summary>
public sealed record TeamMetricsOutcome(bool Saved, int Teams, int Metrics, FieldErrors Errors);

/// <summary>
/// An assessment's outcome metrics per team (SCORING.md "Outcomes and key drivers", team level): read and replaced as a
/// whole, for the page (typed in, or a file confirmed on its preview) and the API alike. Every bad cell is named; nothing
/// is stored unless all of it is right. Field names are the API's: <c>metrics[i].name</c>, <c>teams[j].values[i]</c>.
/// </summary>
public sealed class TeamMetricActions(AppDbContext db, AssessmentScoring scoring, AuditLog audit)
{
    /// <summary>The organization's assessment, or null (another organization's id finds nothing).</summary>
    public Task<Assessment?> FindAsync(Guid organizationId, Guid assessmentId, CancellationToken cancellationToken) =>
        db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == assessmentId && a.OrganizationId == organizationId, cancellationToken);

    /// <summary>The assessment's stored metrics.</summary>
    public Task<StoredTeamMetrics> ReadAsync(Assessment assessment, CancellationToken cancellationToken) =>
        StoredTeamMetrics.OfAsync(db, assessment.Id, cancellationToken);

    /// <summary>
    /// The teams to offer on the form: those its invitations name, those its results break down by (a hidden team's
    /// name is the organization's own knowledge, never a number) and those with stored metrics, in ordinal order.
    /// </summary>
    public async Task<IReadOnlyList<string>> TeamsAsync(Assessment assessment, Organization organization, CancellationToken cancellationToken)
    {
        var invited = await db.Invitations.AsNoTracking().Where(i => i.AssessmentId == assessment.Id).Select(i => i.Team).Distinct().ToListAsync(cancellationToken);
        var report = await scoring.ResultAsync(assessment, organization, cancellationToken);
        var answered = report.Breakdowns.Where(b => string.Equals(b.By, TeamMetricsTable.TeamAttribute, StringComparison.OrdinalIgnoreCase))
            .SelectMany(b => b.Groups.Select(g => g.Value));
        var stored = await db.TeamMetrics.AsNoTracking().Where(m => m.AssessmentId == assessment.Id).Select(m => m.Team).Distinct().ToListAsync(cancellationToken);
        return invited.Concat(answered).Concat(stored).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Checks input and says every problem by field; on success the table Core reads, the units by metric name and the
    /// teams with at least one value.
    /// </summary>
    public static (TeamMetricsTable? Table, IReadOnlyList<MetricInput> Metrics, FieldErrors Errors) Check(TeamMetricsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new FieldErrors();
        var metrics = new List<(int Index, string Name, string? Unit)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < input.Metrics.Count; i++)
        {
            var name = input.Metrics[i].Name?.Trim() ?? "";
            var unit = input.Metrics[i].Unit?.Trim() is { Length: > 0 } u ? u : null;
            var hasValues = input.Teams.Any(t => i < t.Values.Count && !string.IsNullOrWhiteSpace(t.Values[i]));
            if (name.Length == 0)
            {
                if (hasValues || unit is not null)
                {
                    errors.Add($"metrics[{i}].name", $"Column {i + 1} has values but no metric name: name it (e.g. win-rate) or empty its cells.");
                }

                continue;
            }

            if (name.Length > TeamMetricLimits.NameLength)
            {
                errors.Add($"metrics[{i}].name", $"The metric name \u201c{name[..20]}…\u201d is {name.Length} characters long; at most {TeamMetricLimits.NameLength}.");
            }
            else if (string.Equals(name, TeamMetricsTable.TeamAttribute, StringComparison.OrdinalIgnoreCase) || !names.Add(name))
            {
                errors.Add($"metrics[{i}].name", $"The metric \u201c{name}\u201d is given twice: each metric needs its own name.");
            }

            if (unit is { Length: > TeamMetricLimits.UnitLength })
            {
                errors.Add($"metrics[{i}].unit", $"The unit of \u201c{name}\u201d is {unit.Length} characters long; at most {TeamMetricLimits.UnitLength} (e.g. %, days).");
            }

            metrics.Add((i, name, unit));
        }

        if (metrics.Count > TeamMetricLimits.MaximumMetrics)
        {
            errors.Add("metrics", $"{metrics.Count} metrics were given; an assessment holds at most {TeamMetricLimits.MaximumMetrics}.");
        }

        var rows = new List<KeyValuePair<string, IReadOnlyDictionary<string, double?>>>();
        var teamRows = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < input.Teams.Count; j++)
        {
            var row = input.Teams[j];
            var team = row.Team?.Trim() ?? "";
            var values = new Dictionary<string, double?>(StringComparer.Ordinal);
            foreach (var (i, name, _) in metrics)
            {
                var cell = i < row.Values.Count ? row.Values[i] ?? "" : "";
                if (TeamMetricsFile.TryReadValue(cell, out var value))
                {
                    if (value is not null)
                    {
                        values[name] = value;
                    }
                }
                else
                {
                    errors.Add($"teams[{j}].values[{i}]", $"{(team.Length > 0 ? $"Team \u201c{team}\u201d" : $"Row {j + 1}")}, {name}: \u201c{cell.Trim()}\u201d is not a number (write e.g. 45, 45.5, 45,5 or 45%; leave it blank when there is no value).");
                }
            }

            var hasCells = Enumerable.Range(0, row.Values.Count).Any(i => !string.IsNullOrWhiteSpace(row.Values[i]));
            if (team.Length == 0)
            {
                if (hasCells)
                {
                    errors.Add($"teams[{j}].team", $"Row {j + 1} has values but no team: name the team as the answers' team column does.");
                }

                continue;
            }

            if (team.Length > TeamMetricLimits.TeamLength)
            {
                errors.Add($"teams[{j}].team", $"Row {j + 1}: the team name is {team.Length} characters long; at most {TeamMetricLimits.TeamLength}.");
                continue;
            }

            if (teamRows.TryGetValue(team, out var first))
            {
                errors.Add($"teams[{j}].team", $"Row {j + 1}: the team \u201c{team}\u201d is given twice (also row {first + 1}).");
                continue;
            }

            teamRows[team] = j;
            if (values.Count > 0)
            {
                rows.Add(new(team, values));
            }
        }

        if (rows.Count > TeamMetricLimits.MaximumTeams)
        {
            errors.Add("teams", $"{rows.Count} teams were given; an assessment holds at most {TeamMetricLimits.MaximumTeams}.");
        }

        if (!errors.IsEmpty)
        {
            return (null, [], errors);
        }

        return (new TeamMetricsTable(metrics.Select(m => m.Name).ToList(), rows), metrics.Select(m => new MetricInput(m.Name, m.Unit)).ToList(), errors);
    }

    /// <summary>
    /// Replaces the assessment's metrics by <paramref name="input"/> in one transaction (no metric, or no value at all,
    /// removes them), and records it in the audit log. Nothing is stored when anything is wrong.
    /// </summary>
    public async Task<TeamMetricsOutcome> ReplaceAsync(Assessment assessment, Actor actor, TeamMetricsInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        var (table, metrics, errors) = Check(input);
        if (table is null)
        {
            return new TeamMetricsOutcome(false, 0, 0, errors);
        }

        var rows = metrics.SelectMany((m, position) => table.Teams
            .Where(team => table.Value(team, m.Name!) is not null)
            .Select(team => new TeamMetric { AssessmentId = assessment.Id, Metric = m.Name!, Team = team, Value = table.Value(team, m.Name!)!.Value, Unit = m.Unit, Position = position }))
            .ToList();
        var used = rows.Select(r => r.Metric).ToHashSet(StringComparer.Ordinal);
        var teams = rows.Select(r => r.Team).Distinct(StringComparer.Ordinal).Count();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TeamMetrics.Where(m => m.AssessmentId == assessment.Id).ExecuteDeleteAsync(cancellationToken);
        db.TeamMetrics.AddRange(rows);
        audit.Record(assessment.OrganizationId, actor, "team metrics saved", rows.Count == 0
            ? $"{assessment.Name}: removed"
            : $"{assessment.Name}: {Count(teams, "team")}, {string.Join(", ", metrics.Where(m => used.Contains(m.Name!)).Select(m => m.Name))}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new TeamMetricsOutcome(true, teams, used.Count, errors);
    }

    internal static string Count(int n, string what) => $"{n.ToString("N0", CultureInfo.InvariantCulture)} {what}{(n == 1 ? "" : "s")}";

    /// <summary>Teams needed before a correlation is computed at all (SCORING.md: null below 4).</summary>
    public const int MinimumTeams = Correlation.MinimumPairs;
}
