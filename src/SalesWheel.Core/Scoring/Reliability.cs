using System.Globalization;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// When a driver's score is flagged as unreliable, and the words every output uses for it (SCORING.md): its statements
/// disagree (Cronbach's alpha below <see cref="MinimumAlpha"/>), or too few people are counted (n below
/// <see cref="MinimumAnswers"/>). The engine sets the flags (<see cref="DimensionResult.Flags"/>); the pages, the PDF,
/// the workbook and the summaries explain them with the thresholds and sentences named here.
/// </summary>
public static class Reliability
{
    /// <summary>Cronbach's alpha below this flags the driver <see cref="ItemsDisagree"/>.</summary>
    public const double MinimumAlpha = 0.7;

    /// <summary>Fewer people counted (n) than this flags the driver <see cref="FewAnswers"/>.</summary>
    public const int MinimumAnswers = 10;

    /// <summary>The flag of a driver whose statements do not measure one thing for these people (alpha below <see cref="MinimumAlpha"/>).</summary>
    public const string ItemsDisagree = "items-disagree";

    /// <summary>The flag of a driver with fewer than <see cref="MinimumAnswers"/> people counted.</summary>
    public const string FewAnswers = "few-answers";

    /// <summary><see cref="MinimumAlpha"/> as the texts write it ("0.7").</summary>
    public static string MinimumAlphaText { get; } = MinimumAlpha.ToString(CultureInfo.InvariantCulture);

    /// <summary>The flags of a driver with this alpha (null when it cannot be computed: no flag) and this n, in this order.</summary>
    public static IReadOnlyList<string> Flags(double? alpha, int n)
    {
        var flags = new List<string>();
        if (alpha < MinimumAlpha)
        {
            flags.Add(ItemsDisagree);
        }

        if (n < MinimumAnswers)
        {
            flags.Add(FewAnswers);
        }

        return flags;
    }

    /// <summary>A flag in words: "items disagree", "few answers"; another flag as it is.</summary>
    public static string Name(string flag) => flag switch
    {
        ItemsDisagree => "items disagree",
        FewAnswers => "few answers",
        _ => flag,
    };

    /// <summary>A flag in words with its threshold: "items disagree (alpha &lt; 0.7)", "few answers (n &lt; 10)".</summary>
    public static string NameWithThreshold(string flag) => flag switch
    {
        ItemsDisagree => $"{Name(flag)} (alpha < {MinimumAlphaText})",
        FewAnswers => $"{Name(flag)} (n < {MinimumAnswers})",
        _ => flag,
    };

    /// <summary>The sentence when no driver is flagged.</summary>
    public static string NoneFlagged { get; } =
        $"No driver is flagged: each one's statements agree with each other (alpha {MinimumAlphaText} or more) and each has at least {MinimumAnswers} answers.";

    /// <summary>What "items disagree" means for a reader, after "below 0.7: ".</summary>
    public const string ItemsDisagreeMeaning =
        "people who agree with one of its statements do not reliably agree with the others, so the single score hides real differences";

    /// <summary>What "few answers" means for a reader, after "(fewer than 10), ".</summary>
    public const string FewAnswersMeaning = "so one more answer could move the score a lot; its interval shows how far";

    /// <summary>
    /// Why a driver has items disagree: "Cronbach's alpha is 0.52 (from the 40 people who answered every statement), below 0.7: …"
    /// (<paramref name="alphaLabel"/> is "Cronbach's alpha" or "Alpha"; <paramref name="count"/> as the output writes counts).
    /// </summary>
    public static string ItemsDisagreeReason(string alphaLabel, double? alpha, string count) =>
        $"{alphaLabel} is {alpha?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–"} (from the {count} people who answered every statement), below {MinimumAlphaText}: {ItemsDisagreeMeaning}.";

    /// <summary>Why a driver has few answers: "only 4 people answered enough of its statements (fewer than 10), so …" (capitalize as needed).</summary>
    public static string FewAnswersReason(int n, string count) =>
        $"only {count} {(n == 1 ? "person" : "people")} answered enough of its statements (fewer than {MinimumAnswers}), {FewAnswersMeaning}.";
}
