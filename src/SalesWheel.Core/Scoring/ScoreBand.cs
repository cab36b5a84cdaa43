namespace SalesWheel.Core.Scoring;

/// <summary>
/// One of the four bands every output colours a 0–100 score by: below 40 weak, 40–54 at risk, 55–69 solid, 70 and above
/// strong. The wheel (SVG and PNG), the results pages and the PDF all take a score's band, name and colours from here.
/// Colours are the Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
/// </summary>
/// <param name="From">The lowest score in the band (0–100); the band runs up to the next band's.</param>
/// <param name="Name">The band's name as the pages' style classes use it: <c>weak</c>, <c>risk</c>, <c>solid</c> or <c>strong</c>.</param>
/// <param name="Words">The band in words: "weak", "at risk", "solid", "strong".</param>
/// <param name="Colour">The band's colour, <c>#RRGGBB</c>: wheel segments, legends, swatches.</param>
/// <param name="TextColour">Text in the band's colour that stays readable on white, <c>#RRGGBB</c> (darker for the light bands).</param>
/// <param name="Tint">A light fill in the band's colour for table cells, <c>#RRGGBB</c>.</param>
/// <param name="TintText">Dark text readable on <paramref name="Tint"/>, <c>#RRGGBB</c>.</param>
public sealed record ScoreBand(double From, string Name, string Words, string Colour, string TextColour, string Tint, string TintText)
{
    /// <summary>Below 40.</summary>
    public static ScoreBand Weak { get; } = new(0, "weak", "weak", "#D55E00", "#D55E00", "#f7d3bd", "#7a3300");

    /// <summary>40 to 54.</summary>
    public static ScoreBand AtRisk { get; } = new(40, "risk", "at risk", "#E69F00", "#9A6700", "#fae3b5", "#6b4700");

    /// <summary>55 to 69.</summary>
    public static ScoreBand Solid { get; } = new(55, "solid", "solid", "#56B4E9", "#1F6F9F", "#d4ecfa", "#1a5a80");

    /// <summary>70 and above.</summary>
    public static ScoreBand Strong { get; } = new(70, "strong", "strong", "#0072B2", "#0072B2", "#b9d9ee", "#003f66");

    /// <summary>The four bands, lowest first.</summary>
    public static IReadOnlyList<ScoreBand> All { get; } = [Weak, AtRisk, Solid, Strong];

    /// <summary>The four bands in one phrase: "below 40 weak, 40 to 54 at risk, 55 to 69 solid, 70 and above strong".</summary>
    public static string InWords { get; } = string.Join(", ", All.Select(b => $"{b.Range(" to ")} {b.Words}"));

    /// <summary>
    /// The band of a score on 0–100 (above 100 is strong) as it is printed with <paramref name="decimals"/> decimals,
    /// rounded half away from zero (<see cref="Printed"/>), so the colour agrees with the number shown on it: 54.96 prints
    /// "55.0" in a table and is solid; the wheel prints whole numbers (<paramref name="decimals"/> 0), where 54.5 prints 55
    /// and is solid.
    /// </summary>
    public static ScoreBand Of(double score, int decimals = 1)
    {
        var printed = Printed(score, decimals);
        return All.Last(b => printed >= b.From);
    }

    /// <summary>The score as printed with <paramref name="decimals"/> decimals (0 or 1): rounded half away from zero.</summary>
    public static double Printed(double score, int decimals) => Math.Round(score, decimals, MidpointRounding.AwayFromZero);

    /// <summary>The band in a legend: "below 40: weak", "40–54: at risk", "55–69: solid", "70 and above: strong".</summary>
    public string Label => $"{Range("–")}: {Words}";

    // Whole scores: the band ends one below the next band's start.
    private string Range(string to)
    {
        var index = All.ToList().IndexOf(this);
        return index == 0 ? $"below {Whole(All[1].From)}"
            : index == All.Count - 1 ? $"{Whole(From)} and above"
            : $"{Whole(From)}{to}{Whole(All[index + 1].From - 1)}";
    }

    private static string Whole(double score) => score.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
