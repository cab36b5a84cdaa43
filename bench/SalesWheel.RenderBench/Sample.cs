namespace SalesWheel.RenderBench;

/// <summary>One statement of the sample page, with the choice shown checked (null for none).</summary>
public sealed record SampleItem(string Id, string Text, string? Chosen);

/// <summary>
/// What a SalesWheel survey page shows: seven statements, each a fieldset with five scale choices and "Don't know",
/// some already answered, a progress bar and two buttons, in a form with an antiforgery token.
/// </summary>
public static class Sample
{
    public static readonly IReadOnlyList<string> Labels = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

    public static readonly IReadOnlyList<SampleItem> Items =
    [
        new("STR1", "Our sales strategy names the customers we serve best, and the ones we do not pursue.", "4"),
        new("STR2", "Every seller can explain in a sentence why customers choose us over the alternatives.", "3"),
        new("STR3", "Targets follow from the strategy and the capacity we have, not from last year plus a percentage.", null),
        new("STR4", "When the market changes, we change the plan within a quarter.", "dk"),
        new("STR5", "Leaders spend their time on the deals and segments the strategy says matter most.", "5"),
        new("STR6", "We know which deals to walk away from, and we do.", null),
        new("STR7", "The whole team could name our three sales priorities for this year.", "2"),
    ];
}
