using System.Globalization;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Actions;

/// <summary>A playbook action chosen for a priority, with the facet it is for and why it was chosen.</summary>
/// <param name="Action">The playbook action.</param>
/// <param name="FacetName">The facet's name as people read it, e.g. "Sales Management and Coaching".</param>
/// <param name="FacetScore">The facet's 0–100 score in the report; null when the facet has no score there.</param>
/// <param name="Reason">One sentence, e.g. "Sales Management and Coaching is Enablement's lowest facet at 31.0."</param>
public sealed record AdvisedAction(PlaybookAction Action, string FacetName, double? FacetScore, string Reason);

/// <summary>What to do about one of the top priorities.</summary>
/// <param name="Priority">The ranked driver, as the engine gives it.</param>
/// <param name="Rank">Its rank with ties (<see cref="PriorityRanks"/>): tied drivers share it.</param>
/// <param name="DriverName">The driver's name, e.g. "Enablement".</param>
/// <param name="Actions">2 or 3 actions for the driver's weakest facets; empty when the playbook has no actions for the driver.</param>
public sealed record PriorityAdvice(RankedDriver Priority, int Rank, string DriverName, IReadOnlyList<AdvisedAction> Actions);

/// <summary>
/// Chooses playbook actions for a score report: for each of the top three priorities (every driver tied at the third
/// place included), up to <see cref="ActionsPerPriority"/> actions for the driver's weakest facets that fit the report's
/// phase and ACV band (any, when unknown): two for the lowest-scoring facet and one for the next. Facets are taken by
/// score, lowest first (equal scores in instrument order); facets without a score come after every scored one, so
/// advice never comes up empty for lack of answers. Within a facet, the actions written most narrowly for the known phase
/// and band come first (fewest phases × bands fitted), then playbook order.
/// </summary>
public static class ActionAdvice
{
    /// <summary>The most actions advised per priority.</summary>
    public const int ActionsPerPriority = 3;

    /// <summary>The most actions taken for the lowest-scoring facet; the rest come from the next facets, one each.</summary>
    public const int ActionsForLowestFacet = 2;

    /// <summary>Advice for the top priorities of <paramref name="report"/>, highest priority first.</summary>
    /// <param name="report">A scored report; its context gives the phase and ACV band the actions must fit.</param>
    /// <param name="playbook">The playbook to choose from; the built-in one when null.</param>
    public static IReadOnlyList<PriorityAdvice> For(ScoreReport report, Playbook? playbook = null)
    {
        playbook ??= Playbook.BuiltIn;
        var phase = ContextCodes.ParsePhase(report.Context.Phase);
        var acv = ContextCodes.ParseAcv(report.Context.Acv);
        return PriorityRanks.First(report.Priorities)
            .SelectMany(rank => rank.Drivers.Select(driver =>
            {
                var dimension = report.Dimensions.FirstOrDefault(d => d.Id == driver.Dimension);
                var name = dimension?.Name ?? driver.Dimension;
                return new PriorityAdvice(driver, rank.Rank, name, Choose(playbook, dimension, driver.Dimension, name, phase, acv));
            }))
            .ToList();
    }

    private static List<AdvisedAction> Choose(Playbook playbook, DimensionResult? dimension, string driverId, string driverName,
        CompanyPhase? phase, AcvBand? acv)
    {
        var driver = playbook.Instrument.Drivers.FirstOrDefault(d => d.Id == driverId);
        if (driver is null)
        {
            return [];
        }

        // Every facet the playbook covers, with its score in this report (a quick check scores only some of them).
        var facets = driver.Facets
            .Select((facet, order) =>
            {
                var result = dimension?.Facets.FirstOrDefault(f => f.Id == facet.Id);
                return (facet.Id, Name: result?.Name ?? facet.Name, Score: result?.Score, Measured: result is not null, order);
            })
            .OrderBy(f => f.Score is null)
            .ThenBy(f => f.Score)
            .ThenBy(f => f.order)
            .ToList();
        var shown = facets.Where(f => f.Score is not null).Select(f => AsShown(f.Score!.Value)).ToList();

        var chosen = new List<AdvisedAction>();
        for (var i = 0; i < facets.Count && chosen.Count < ActionsPerPriority; i++)
        {
            var facet = facets[i];
            var quota = Math.Min(i == 0 ? ActionsForLowestFacet : 1, ActionsPerPriority - chosen.Count);
            var reason = Reason(facet.Name, facet.Score, facet.Measured, driverName, shown);
            chosen.AddRange(playbook.ForFacet(driverId, facet.Id, phase, acv)
                .OrderBy(action => Breadth(action, phase, acv)) // stable: playbook order among equally tailored actions
                .Take(quota)
                .Select(action => new AdvisedAction(action, facet.Name, facet.Score, reason)));
        }

        return chosen;
    }

    // How many of the known contexts an action fits: the fewer, the more it was written for this organization's phase
    // and band (a founder's action at PMF, a RevOps system at Scale), so it comes first.
    private static int Breadth(PlaybookAction action, CompanyPhase? phase, AcvBand? acv) =>
        (phase is null ? 1 : action.Phases.Count) * (acv is null ? 1 : action.AcvBands.Count);

    // Places are counted on scores as the reports show them, so two facets that read the same are "joint".
    private static string Reason(string facet, double? score, bool measured, string driver, List<double> shownScores)
    {
        if (score is not { } value)
        {
            return measured
                ? $"{facet} has no score for {driver} here (too few answers), so it comes after the scored facets."
                : $"{facet} was not asked about in this assessment, so it comes after {Possessive(driver)} scored facets.";
        }

        var shown = AsShown(value);
        var below = shownScores.Count(s => s < shown);
        var joint = shownScores.Count(s => s == shown) > 1 ? "joint " : "";
        var place = below == 0 ? "lowest" : $"{Place(below + 1)}-lowest";
        return $"{facet} is {Possessive(driver)} {joint}{place} facet at {ReportFormat.Score(value)}.";
    }

    // "Enablement's", "Capabilities'".
    private static string Possessive(string name) => name.EndsWith('s') ? name + "'" : name + "'s";

    private static double AsShown(double score) => double.Parse(ReportFormat.Score(score), CultureInfo.InvariantCulture);

    private static string Place(int place) => place switch
    {
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        6 => "sixth",
        _ => PriorityReading.Ordinal(place),
    };
}
