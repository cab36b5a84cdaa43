using System.Globalization;
using System.Text;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports;

/// <summary>The largest difference between the shown groups of one breakdown on one dimension.</summary>
/// <param name="By">The attribute, e.g. <c>role</c>.</param>
/// <param name="Dimension">The dimension.</param>
/// <param name="Gap">The engine's gap (highest minus lowest shown group score).</param>
/// <param name="High">The shown group with the highest score, and that score.</param>
/// <param name="Low">The shown group with the lowest score, and that score.</param>
public sealed record PerceptionGap(string By, DimensionResult Dimension, double Gap, (string Value, double Score) High, (string Value, double Score) Low)
{
    /// <summary>A gap of this many points or more is highlighted (SCORING.md).</summary>
    public const double Highlighted = 10;

    /// <summary>The largest gap of a breakdown over <paramref name="dimensions"/>; null when no dimension has one.</summary>
    public static PerceptionGap? Largest(Breakdown breakdown, IEnumerable<DimensionResult> dimensions)
    {
        PerceptionGap? largest = null;
        foreach (var dimension in dimensions)
        {
            if (breakdown.Gaps.GetValueOrDefault(dimension.Id) is not { } gap || (largest is not null && gap <= largest.Gap))
            {
                continue;
            }

            var scored = breakdown.Groups
                .Where(g => !g.Suppressed && g.Scores?.GetValueOrDefault(dimension.Id) is not null)
                .Select(g => (g.Value, Score: g.Scores![dimension.Id]!.Value))
                .ToList();
            if (scored.Count >= 2)
            {
                largest = new PerceptionGap(breakdown.By, dimension, gap, scored.MaxBy(g => g.Score), scored.MinBy(g => g.Score));
            }
        }

        return largest;
    }

    /// <summary>The people of a group in words: "leaders", "the SMB team", "people whose region is North".</summary>
    public static string People(string by, string value) => by switch
    {
        "role" => value.ToLowerInvariant() switch
        {
            "" => "people who gave no role",
            "leader" => "leaders",
            "manager" => "managers",
            "seller" => "sellers",
            "ops & enablement" => "ops & enablement",
            _ => $"people in the role {value}",
        },
        "team" => value.Length == 0 ? "the group without a team" : $"the {value} team",
        _ => value.Length == 0 ? $"people who gave no {by}" : $"people whose {by} is {value}",
    };

    /// <summary>"sees" when <see cref="People"/> names one group ("the SMB team sees"), "see" for people ("leaders see").</summary>
    public string Sees => By == "team" ? "sees" : "see";
}

/// <summary>
/// The one-paragraph summary at the top of a report, generated from the engine's numbers: the strongest and weakest
/// driver, what to fix first, the largest perception gap between groups, and any reliability warning.
/// Shared by the PDF and the web page so they say the same thing.
/// </summary>
public static class ExecutiveSummary
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the paragraph. The caller decides whether the overall result may be shown at all.</summary>
    public static string Write(ScoreReport report)
    {
        var text = new StringBuilder();
        var drivers = report.Dimensions.Where(d => d.Kind == "driver").ToList();
        var scored = drivers.Where(d => d.Score is not null).ToList();
        var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        text.Append(CultureInfo.InvariantCulture, $"{ReportFormat.Count(report.Respondents)} {(report.Respondents == 1 ? "person" : "people")} answered. ");

        if (scored.Count == 0)
        {
            if (drivers.Any(d => d.NoScore is NoScoreReason.FewerThanHalfAnswered or NoScoreReason.BelowMinimumGroupSize))
            {
                text.Append("No driver has a score, so nothing can be compared or ranked. ");
                Unscored(text, drivers, report.Context.MinGroupSize);
                return text.ToString().TrimEnd();
            }

            text.Append("No driver has enough answers for a score, so nothing can be compared or ranked.");
            return text.ToString();
        }

        if (scored.Count == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"Only {scored[0].Name} has a score: {ScoreWithInterval(scored[0])}. ");
        }
        else
        {
            // Ties go to the driver listed first, as in the instrument.
            var strongest = scored.Aggregate((best, d) => d.Score > best.Score ? d : best);
            var weakest = scored.Aggregate((worst, d) => d.Score < worst.Score ? d : worst);
            text.Append(CultureInfo.InvariantCulture, $"The strongest driver is {strongest.Name} at {ScoreWithInterval(strongest)}; ");
            text.Append(CultureInfo.InvariantCulture, $"the weakest is {weakest.Name} at {ScoreWithInterval(weakest)}. ");
        }

        Unscored(text, drivers, report.Context.MinGroupSize);

        if (report.Priorities.Count > 0)
        {
            var first = report.Priorities[0];
            var name = names.GetValueOrDefault(first.Dimension, first.Dimension);
            text.Append(CultureInfo.InvariantCulture, $"Fix first: {name}, which {PriorityExplanation.Reason(first, report.Context)} (priority {ReportFormat.Score(first.Priority)}). ");
            if (report.Priorities.Count > 1)
            {
                text.Append("Next: ").Append(Join(report.Priorities.Skip(1).Take(2).Select(p => names.GetValueOrDefault(p.Dimension, p.Dimension)).ToList())).Append(". ");
            }
        }

        var gap = report.Breakdowns
            .Select(b => PerceptionGap.Largest(b, drivers))
            .Where(g => g is not null)
            .MaxBy(g => g!.Gap);
        if (gap is not null)
        {
            var high = PerceptionGap.People(gap.By, gap.High.Value);
            text.Append(CultureInfo.InvariantCulture,
                $"The largest perception gap is on {gap.Dimension.Name}, by {gap.By}: {high} {gap.Sees} it at {ReportFormat.Score(gap.High.Score)}, "
                + $"{PerceptionGap.People(gap.By, gap.Low.Value)} at {ReportFormat.Score(gap.Low.Score)}, a gap of {ReportFormat.Score(gap.Gap)} points");
            text.Append(gap.Gap >= PerceptionGap.Highlighted ? ". " : $", below the {PerceptionGap.Highlighted.ToString("0", Invariant)} points that count as a real difference. ");
        }
        else if (report.Breakdowns.Count > 0)
        {
            text.Append("No breakdown has two groups large enough to compare. ");
        }

        var disagree = drivers.Where(d => d.Flags.Contains(Reliability.ItemsDisagree)).Select(d => d.Name).ToList();
        if (disagree.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"Read {Join(disagree)} with care: {(disagree.Count == 1 ? "its" : "their")} statements disagree with each other (alpha below {Reliability.MinimumAlphaText}). ");
        }

        return text.ToString().TrimEnd();
    }

    // Why each driver without a score has none, one sentence per reason: "Strategy and Training have no score: respondents answered fewer than half of their statements."
    private static void Unscored(StringBuilder text, List<DimensionResult> drivers, int minimumGroupSize)
    {
        foreach (var group in drivers.Where(d => d.NoScore is not null).GroupBy(d => d.NoScore!.Value))
        {
            var names = group.Select(d => d.Name).ToList();
            text.Append(CultureInfo.InvariantCulture,
                $"{Join(names)} {(names.Count == 1 ? "has" : "have")} no score: {NoScore.Reason(group.Key, minimumGroupSize, several: names.Count > 1)}. ");
        }
    }

    private static string ScoreWithInterval(DimensionResult d) =>
        ReportFormat.Score(d.Score) + (d.Ci95 is { } ci ? $" (95% interval {ReportFormat.Interval(ci)})" : "");

    private static string Join(IReadOnlyList<string> names) => names.Count switch
    {
        1 => names[0],
        2 => $"{names[0]} and {names[1]}",
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
