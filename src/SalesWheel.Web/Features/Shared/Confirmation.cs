namespace SalesWheel.Web.Features.Shared;

/// <summary>
/// A confirmation step before an action that cannot be taken back or reaches people (remind, close, revoke, delete),
/// shown by <c>_Confirm.cshtml</c> on a GET page: the question, what will happen, and a POST form. Works without
/// JavaScript; nothing changes until the button is pressed.
/// </summary>
/// <param name="Question">What is asked, with the counts: "Send a reminder to the 26 people who have not submitted?"</param>
/// <param name="Consequence">What happens, in a sentence or two ("This cannot be undone.").</param>
/// <param name="Button">The label of the button that does it.</param>
/// <param name="PostUrl">Where the form posts (the action's own handler).</param>
/// <param name="CancelUrl">Where "cancel" goes back to.</param>
/// <param name="Danger">Whether the button is styled as destructive.</param>
public sealed record Confirmation(string Question, string Consequence, string Button, string PostUrl, string CancelUrl, bool Danger = false)
{
    /// <summary>A word naming which consequence this is ("draft", "answers"), as the paragraph's <c>data-what</c>.</summary>
    public string? What { get; init; }

    /// <summary>What will go, as a list right under the consequence ("its 6 responses and its results").</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>Further sentences under the consequence (one paragraph each).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Hidden form fields the action needs, posted with the button (name, value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    /// <summary>A text the person must type to confirm (a name), or null when the button alone is enough.</summary>
    public TypedConfirmation? Typed { get; init; }

    /// <summary>The label of the link that goes back without doing anything.</summary>
    public string CancelText { get; init; } = "Cancel";
}

/// <summary>
/// The field of a confirmation where the person types a text (an assessment's name) before a destructive action; its
/// message is the page's model state error under <paramref name="Field"/>.
/// </summary>
/// <param name="Field">The form field's name and id (the page's bound property).</param>
/// <param name="Naming">What is typed, in the label: "the assessment's name".</param>
/// <param name="Expected">The exact text to type, shown in the label.</param>
/// <param name="Typed">What was typed, kept when refused; null on the first showing.</param>
public sealed record TypedConfirmation(string Field, string Naming, string Expected, string? Typed);
