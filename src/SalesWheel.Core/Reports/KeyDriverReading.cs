using System.Globalization;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports;

/// <summary>
/// Key drivers and team metrics in words, for the text and Markdown report and the PDF: one row per driver (name, r with
/// its interval, n, and "goes with" / "goes against" / "unclear"), strongest first, and plain words about how few teams
/// a team-level r rests on.
/// </summary>
public static class KeyDriverReading
{
    /// <summary>The column headings of <see cref="Rows(ScoreReport, KeyDriverSet)"/>.</summary>
    public static IReadOnlyList<string> Header { get; } = ["Driver", "r (95% interval)", "n", "Reading"];

    /// <summary>The column headings of <see cref="Rows(ScoreReport, TeamMetricSet)"/>.</summary>
    public static IReadOnlyList<string> TeamHeader { get; } = ["Driver", "r (95% interval)", "Teams", "Reading"];

    /// <summary>
    /// "goes with" when the whole interval is above 0, "goes against" when below, "unclear" when it holds 0, and
    /// "too few to tell" without an r (fewer than 4, or no spread).
    /// </summary>
    public static string Words(double? r, Interval? ci) => (r, ci) switch
    {
        (null, _) or (_, null) => "too few to tell",
        (_, { Low: > 0 }) => "goes with",
        (_, { High: < 0 }) => "goes against",
        _ => "unclear",
    };

    /// <summary>"0.41 (0.30 to 0.51)", or "–" without an r.</summary>
    public static string R(double? r, Interval? ci) =>
        r is { } value && ci is { } i ? $"{Two(value)} ({Two(i.Low)} to {Two(i.High)})" : "–";

    /// <summary>One row per driver for an outcome, strongest r first (drivers without r last, in instrument order).</summary>
    public static IReadOnlyList<string[]> Rows(ScoreReport report, KeyDriverSet set)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(set);
        return [.. set.Drivers.OrderByDescending(d => d.R ?? double.NegativeInfinity)
            .Select(d => new[] { Name(report, d.Dimension), R(d.R, d.Ci95), d.N.ToString(CultureInfo.InvariantCulture), Words(d.R, d.Ci95) })];
    }

    /// <summary>One row per driver for a team metric, strongest r first.</summary>
    public static IReadOnlyList<string[]> Rows(ScoreReport report, TeamMetricSet set)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(set);
        return [.. set.Drivers.OrderByDescending(d => d.R ?? double.NegativeInfinity)
            .Select(d => new[] { Name(report, d.Dimension), R(d.R, d.Ci95), d.Teams.ToString(CultureInfo.InvariantCulture), Words(d.R, d.Ci95) })];
    }

    /// <summary>The sentence under the key-driver table of an outcome.</summary>
    public static string OutcomeNote(ScoreReport report, KeyDriverSet set) =>
        $"How strongly each driver goes with {Name(report, set.Outcome)} across respondents: r from −1 to 1, 0 = no relation. "
        + "\"Goes with\" when the whole 95% interval is above 0; \"unclear\" when it includes 0. A relation, not proof that one causes the other.";

    /// <summary>Plain words on how much a team-level r can say: too few teams, or a hint below 10 teams.</summary>
    public static string TeamNote(TeamMetricSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var teams = set.Drivers.Count == 0 ? 0 : set.Drivers.Max(d => d.Teams);
        return teams < Correlation.MinimumPairs
            ? $"Only {teams} team{(teams == 1 ? "" : "s")} shown with a value for {set.Metric}: too few to relate anything (at least {Correlation.MinimumPairs} are needed). Hidden teams never count."
            : teams < ScoringEngine.FewTeams
                ? $"Across {teams} teams this is a hint, not proof: a correlation over a handful of teams moves a lot with one team. Hidden teams never count."
                : $"Across {teams} teams (hidden teams never count); a relation between teams, not proof of cause.";
    }

    private static string Name(ScoreReport report, string id) => report.Dimensions.FirstOrDefault(d => d.Id == id)?.Name ?? id;

    private static string Two(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.00", CultureInfo.InvariantCulture);
    }
}
