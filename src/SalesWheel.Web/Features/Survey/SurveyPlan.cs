using System.Collections.Concurrent;
using SalesWheel.Core.Instruments;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Survey;

/// <summary>A statement on a page, with its position in instrument order (the index of its byte in the answers).</summary>
public sealed record PlacedItem(Item Item, int Index);

/// <summary>One page of statements: a driver, or the outcome questions together.</summary>
public sealed record QuestionPage(int Number, string Title, bool Outcome, IReadOnlyList<PlacedItem> Items);

/// <summary>
/// The pages of a survey for one instrument: one page per driver, then one page for the outcome dimension(s), then the
/// comment page and the review page. Pages are numbered from 1; the welcome page is not counted.
/// </summary>
public sealed class SurveyPlan
{
    private static readonly ConcurrentDictionary<Instrument, SurveyPlan> Plans = new();

    private SurveyPlan(Instrument instrument)
    {
        Instrument = instrument;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in instrument.Items)
        {
            index[item.Id] = index.Count;
        }

        ItemCount = index.Count;
        var pages = new List<QuestionPage>();
        foreach (var driver in instrument.Drivers)
        {
            pages.Add(new QuestionPage(pages.Count + 1, driver.Name, false, Place(driver.Items)));
        }

        var outcomes = instrument.Dimensions.Where(d => d.Kind == DimensionKind.Outcome).ToList();
        if (outcomes.Count > 0)
        {
            var title = outcomes.Count == 1 ? outcomes[0].Name : "Outcomes";
            pages.Add(new QuestionPage(pages.Count + 1, title, true, Place(outcomes.SelectMany(d => d.Items))));
        }

        QuestionPages = pages;

        IReadOnlyList<PlacedItem> Place(IEnumerable<Item> items) => items.Select(i => new PlacedItem(i, index[i.Id])).ToList();
    }

    /// <summary>The plan for an assessment's instrument (full or quick form), built once per instrument.</summary>
    public static SurveyPlan For(Assessment assessment) => For(AssessmentScoring.InstrumentOf(assessment));

    /// <summary>The plan for an instrument, built once per instrument.</summary>
    public static SurveyPlan For(Instrument instrument) => Plans.GetOrAdd(instrument, i => new SurveyPlan(i));

    public Instrument Instrument { get; }

    public IReadOnlyList<QuestionPage> QuestionPages { get; }

    /// <summary>Statements in the instrument (the length of the answers).</summary>
    public int ItemCount { get; }

    public int CommentPage => QuestionPages.Count + 1;

    public int ReviewPage => QuestionPages.Count + 2;

    public int PageCount => ReviewPage;

    /// <summary>A fair estimate for a reader who does not agonize: about ten seconds a statement, and a minute for the comment.</summary>
    public int Minutes => Math.Max(3, (int)Math.Ceiling(ItemCount / 6.0));

    /// <summary>
    /// How long the survey is, in the one sentence the invitation, the reminder, the welcome page and the open link's page
    /// all use: the minutes, the pages the progress bar counts, and the statements on them.
    /// </summary>
    public string Length =>
        $"About {Minutes} minutes, {PageCount} pages: {ItemCount} statements on {Pages(QuestionPages.Count)}, then a page for an optional comment "
        + "in your own words and a last page to check and submit.";

    private static string Pages(int count) => count == 1 ? "1 page" : $"{count} pages";

    /// <summary>The address of a page; 0 (or less) is the welcome page.</summary>
    public static string PathOf(string token, int number, SurveyPlan plan) =>
        number <= 0 ? $"/s/{token}"
        : number <= plan.QuestionPages.Count ? $"/s/{token}/{number}"
        : number == plan.CommentPage ? $"/s/{token}/comment"
        : $"/s/{token}/review";

    public string PathOf(string token, int number) => PathOf(token, number, this);

    /// <summary>
    /// "Don't know" in a draft: kept apart from a skipped statement (0) so the choice is shown again when the respondent
    /// comes back to the page. A submitted response stores it as 0, not answered (SCORING.md: it is not counted).
    /// </summary>
    public const byte DontKnowInDraft = 255;

    /// <summary>The stored byte of a scale value: value − min + 1 (0 means not answered).</summary>
    public byte Encode(int value) => (byte)(value - Instrument.Scale.Min + 1);

    /// <summary>The scale value of a stored byte, or null when not answered.</summary>
    public int? Decode(byte stored) => stored is 0 or DontKnowInDraft ? null : stored + Instrument.Scale.Min - 1;

    /// <summary>The words for a scale value (the number itself when the scale has no labels).</summary>
    public string Label(int value) =>
        Instrument.Scale.Labels is { } labels && labels.Count == Instrument.Scale.Points
            ? labels[value - Instrument.Scale.Min]
            : value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
