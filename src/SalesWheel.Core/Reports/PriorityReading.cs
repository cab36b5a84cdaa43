using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports;

/// <summary>
/// The sentences that let a VP read the priorities: why the lowest score is not ranked first, and ranks as words.
/// Ranks here are ranks with ties (<see cref="PriorityRanks"/>).
/// </summary>
public static class PriorityReading
{
    /// <summary>
    /// When the lowest-scoring driver does not rank first, why: e.g. "Structure is your lowest score but ranks 4th: for a
    /// GTM Fit company selling $15K–$50K deals its relevance is medium." Null when a lowest-scoring driver ranks first
    /// (always so when neither phase nor ACV band is known, as every weight is then 1), or when nothing is ranked.
    /// </summary>
    public static string? WhyLowestIsNotFirst(ScoreReport report)
    {
        if (report.Priorities.Count == 0)
        {
            return null;
        }

        var ranks = PriorityRanks.Of(report.Priorities);
        var lowestScore = report.Priorities.Min(p => p.Score);
        var lowest = report.Priorities
            .Where(p => p.Score == lowestScore)
            .Select(p => (Driver: p, Rank: PriorityRanks.RankOf(ranks, p.Dimension)!))
            .OrderBy(p => p.Rank.Rank)
            .First();
        if (lowest.Rank.Rank == 1)
        {
            return null;
        }

        var name = report.Dimensions.FirstOrDefault(d => d.Id == lowest.Driver.Dimension)?.Name ?? lowest.Driver.Dimension;
        var place = Place(lowest.Rank);
        var phase = ContextCodes.ParsePhase(report.Context.Phase);
        var acv = ContextCodes.ParseAcv(report.Context.Acv);
        return $"{name} is your lowest score but ranks {place}: for {Company(phase, acv)} {Relevance(lowest.Driver, phase, acv)}.";
    }

    /// <summary>
    /// The priority figure in words: how far the driver's score is below 100, and how much its weight scales that, e.g.
    /// "Priority 100.9: a score 60.3 points below 100, counted 1.67 times because this driver matters more than average for
    /// your phase and deal size." Without relevance levels (an instrument other than the eight drivers) every weight is 1.
    /// </summary>
    public static string Figure(RankedDriver priority)
    {
        var start = $"Priority {ReportFormat.Score(priority.Priority)}: a score {ReportFormat.Score(100 - priority.Score)} points below 100";
        if (priority.PhaseLevel is null)
        {
            return start + ", as every dimension of this instrument counts the same.";
        }

        var weight = priority.Weight.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        return weight switch
        {
            "1.00" => start + ", counted as it is because this driver matters as much as the average one here.",
            _ when priority.Weight > 1 => start + $", counted {weight} times because this driver matters more than average for your phase and deal size.",
            _ => start + $", counted only {weight} times because this driver matters less than average for your phase and deal size.",
        };
    }

    /// <summary>A rank as a place: "1st", or "joint 2nd" when drivers tie for it.</summary>
    public static string Place(PriorityRank rank) => (rank.Drivers.Count > 1 ? "joint " : "") + Ordinal(rank.Rank);

    /// <summary>"1st", "2nd", "3rd", "4th", … "11th", "12th", "13th", "21st".</summary>
    public static string Ordinal(int number)
    {
        var suffix = (number % 100) is >= 11 and <= 13 ? "th" : (number % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return $"{number}{suffix}";
    }

    /// <summary>"a GTM Fit company selling $15K–$50K deals", "a PMF company", "a company selling deals over $50K".</summary>
    public static string Company(CompanyPhase? phase, AcvBand? acv)
    {
        var company = phase is { } p ? $"a {p.DisplayName()} company" : "a company";
        return acv switch
        {
            AcvBand.Under15K => $"{company} selling deals under $15K",
            AcvBand.From15KTo50K => $"{company} selling $15K–$50K deals",
            AcvBand.Over50K => $"{company} selling deals over $50K",
            _ => company,
        };
    }

    // Only the known factors explain the rank: an unknown one is 2 for every driver and changes no weight.
    private static string Relevance(RankedDriver driver, CompanyPhase? phase, AcvBand? acv)
    {
        string Word(int? level) => PriorityExplanation.LevelWord(level ?? 2).ToLowerInvariant();
        return (phase, acv) switch
        {
            (not null, not null) when driver.PhaseLevel == driver.AcvLevel => $"its relevance is {Word(driver.PhaseLevel)}",
            (not null, not null) => $"its relevance is {Word(driver.PhaseLevel)} for the phase and {Word(driver.AcvLevel)} for the deal size",
            (not null, null) => $"its relevance is {Word(driver.PhaseLevel)}",
            _ => $"its relevance is {Word(driver.AcvLevel)}",
        };
    }
}
