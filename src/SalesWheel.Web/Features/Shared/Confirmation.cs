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
    /// <summary>Further sentences under the consequence (one paragraph each).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Hidden form fields the action needs, posted with the button (name, value).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];
}
