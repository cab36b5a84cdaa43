using SalesWheel.Core.Imports;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// What a shared output may show of a score report: the one step between the engine and every renderer read by
/// others (the results page, the PDF, the workbook, the summary, the API's JSON, the CLI's files). Which groups are
/// hidden is <see cref="Anonymity"/>'s decision; this type applies it: a hidden group carries neither scores nor a
/// size, and with <see cref="ScoringOptions.SuppressAcrossBreakdowns"/> nothing of the whole organization rests on
/// fewer than k people. Renderers show what the shared report holds and decide nothing again.
/// </summary>
public static class SharedResult
{
    /// <summary>
    /// The report as a shared output shows it: every hidden (suppressed) group without its size (<see cref="BreakdownGroup.N"/>
    /// null), as its scores are already. A hidden group's size is a number about a small group too (how many of a
    /// three-person team answered), so it is never shown, and every hidden group reads the same. Applying it twice changes nothing.
    /// </summary>
    /// <param name="report">An engine report (<see cref="ScoringEngine.Score"/>), possibly with more groups hidden (<see cref="Hide"/>).</param>
    public static ScoreReport From(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Breakdowns.All(b => b.Groups.All(g => !g.Suppressed || g.N is null)))
        {
            return report;
        }

        return report with
        {
            Breakdowns = report.Breakdowns.Select(b => b with { Groups = b.Groups.Select(g => g.Suppressed ? g with { N = null, Scores = null } : g).ToList() }).ToList(),
        };
    }

    /// <summary>
    /// Hides more groups: per breakdown, per group in the breakdown's order, whether it is to be hidden (a list may hold
    /// more entries than the breakdown has groups; those are ignored). A newly hidden group loses its scores, and the
    /// breakdown's gaps are those of the groups still shown. Groups hidden already stay hidden; a breakdown with nothing
    /// newly hidden is returned as it is.
    /// </summary>
    /// <param name="breakdowns">The report's breakdowns.</param>
    /// <param name="hidden">Per breakdown (same order and count as <paramref name="breakdowns"/>), as <see cref="Anonymity.HideAcrossBreakdowns"/> returns.</param>
    /// <exception cref="ArgumentException">The lists differ in length.</exception>
    public static IReadOnlyList<Breakdown> Hide(IReadOnlyList<Breakdown> breakdowns, IReadOnlyList<IReadOnlyList<bool>> hidden)
    {
        ArgumentNullException.ThrowIfNull(breakdowns);
        ArgumentNullException.ThrowIfNull(hidden);
        if (breakdowns.Count != hidden.Count)
        {
            throw new ArgumentException($"{hidden.Count} lists of hidden groups were given for {breakdowns.Count} breakdowns.", nameof(hidden));
        }

        return breakdowns.Select((breakdown, b) =>
        {
            if (breakdown.Groups.Select((g, i) => g.Suppressed || !hidden[b][i]).All(same => same))
            {
                return breakdown;
            }

            var groups = breakdown.Groups.Select((g, i) => hidden[b][i] && !g.Suppressed ? g with { Suppressed = true, Scores = null } : g).ToList();
            return breakdown with { Groups = groups, Gaps = ScoringEngine.Gaps(breakdown.Gaps.Keys, groups) };
        }).ToList();
    }

    /// <summary>
    /// What a respondent's own link may show of a released result (the participant summary): the whole organization's
    /// dimension scores and the ranked priorities, as the shared result holds them (thin numbers already hidden), and
    /// nothing else: no breakdowns (no group of any size), no facets, no statements. Comments are never in a report.
    /// </summary>
    /// <param name="report">A shared result (<see cref="From"/>), of an assessment whose results are released.</param>
    public static ScoreReport ForParticipants(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report with
        {
            Breakdowns = [],
            Dimensions = report.Dimensions.Select(d => d with { Facets = [], Items = [] }).ToList(),
            KeyDrivers = [],
            TeamMetrics = [],
        };
    }

    /// <summary>
    /// The outcomes a shared result may show (SCORING.md "Outcomes and key drivers"), decided on the report as it will
    /// be shown, after every group has been hidden (<see cref="Hide"/>): a key driver resting on fewer than the minimum
    /// group size keeps its n only (r, interval and p null), as a thin score does; team metrics are computed over the
    /// teams the shown team breakdown (<see cref="TeamMetricsTable.TeamAttribute"/>, any case) holds with a score and a
    /// value, so a hidden team neither counts in <see cref="TeamMetricDriver.Teams"/> nor moves any r: every number is
    /// a function of shown team scores and the organization's own metrics. Null or empty metrics give no team metrics.
    /// </summary>
    /// <param name="report">A shared result (<see cref="From"/>, every hiding applied).</param>
    /// <param name="metrics">The organization's metrics per team for this result; null when none.</param>
    public static ScoreReport WithOutcomes(ScoreReport report, TeamMetricsTable? metrics)
    {
        ArgumentNullException.ThrowIfNull(report);
        var k = report.Context.MinGroupSize;
        var keyDrivers = report.KeyDrivers.Select(set => set with
        {
            Drivers = set.Drivers.Select(d => d.N < k ? d with { R = null, Ci95 = null, P = null } : d).ToList(),
        }).ToList();
        return report with { KeyDrivers = keyDrivers, TeamMetrics = metrics is null ? [] : TeamMetricsOf(report, metrics) };
    }

    private static List<TeamMetricSet> TeamMetricsOf(ScoreReport report, TeamMetricsTable metrics)
    {
        var teams = report.Breakdowns.FirstOrDefault(b => string.Equals(b.By.Trim(), TeamMetricsTable.TeamAttribute, StringComparison.OrdinalIgnoreCase));
        var drivers = report.Dimensions.Where(d => d.Kind != "outcome").Select(d => d.Id).ToList();
        return TeamMetricCorrelations.Of(teams, drivers, metrics);
    }

    /// <summary>The flag of a team-level correlation over fewer than <see cref="ScoringEngine.FewTeams"/> teams.</summary>
    public const string FewTeamsFlag = TeamMetricCorrelations.FewTeamsFlag;

    /// <summary>
    /// A driver, facet or statement of the whole organization whose numbers rest on fewer than <paramref name="minimumGroupSize"/>
    /// people (the rest chose "Don't know") shows its count only; its mean, score, interval, shares and alpha are hidden,
    /// as a group's would be. The engine applies it to shared results (<see cref="ScoringOptions.SuppressAcrossBreakdowns"/>)
    /// before ranking, so a hidden score is not ranked either.
    /// </summary>
    public static DimensionResult WithoutThinNumbers(DimensionResult dimension, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        var k = minimumGroupSize;
        var items = dimension.Items.Select(i => i.N < k ? i with { Mean = null, Favorable = null } : i).ToList();
        var facets = dimension.Facets.Select(f => f.N < k ? f with { Mean = null, Score = null, Ci95 = null, Favorable = null, Neutral = null, Unfavorable = null } : f).ToList();
        return dimension.N < k
            ? dimension with
            {
                Mean = null,
                Score = null,
                Ci95 = null,
                Favorable = null,
                Neutral = null,
                Unfavorable = null,
                Alpha = null,
                Facets = facets,
                Items = items,
                NoScore = dimension.N == 0 ? dimension.NoScore : NoScoreReason.BelowMinimumGroupSize,
            }
            : dimension with { Facets = facets, Items = items };
    }
}
