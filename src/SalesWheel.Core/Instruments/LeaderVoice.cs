namespace SalesWheel.Core.Instruments;

/// <summary>
/// The quick check is answered by one leader about their sales organization, while the built-in statements are written
/// for the people in it ("I get a one-to-one coaching session with my manager…"). This gives each quick-form statement
/// as that leader reads it, about the team; the statement's meaning, scale and scoring stay the same. Statements not
/// listed here already read the same from either side.
/// </summary>
public static class LeaderVoice
{
    private static readonly Dictionary<string, string> Texts = new(StringComparer.Ordinal)
    {
        ["STR1"] = "Every seller can describe the kind of customer we most want to win in one or two sentences.",
        ["ENB1"] = "Each seller gets a one-to-one coaching session with their manager at least every two weeks.",
        ["TRN1"] = "In the last six months, each seller and their manager agreed on specific skills for the seller to develop.",
        ["MOT5"] = "After a tough month, the other leaders and I help the team get its momentum back quickly.",
    };

    /// <summary>The statement as a leader answering for the organization reads it: the leader's wording where the item has one, else its own text.</summary>
    /// <param name="item">A statement of the built-in instrument (other instruments' statements are returned as written).</param>
    public static string Text(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Texts.GetValueOrDefault(item.Id, item.Text);
    }
}
