namespace SalesWheel.Data.Entities;

/// <summary>
/// Answers saved page by page before submitting, one per invitation and browser. The content is sealed with a key
/// derived from a secret that only the respondent's browser holds (a cookie the server never stores), so neither the
/// database nor anyone opening the same link in another browser can read it. After a submit only an empty receipt is
/// left, so the browser that submitted can say "thank you". Deleted when the assessment closes.
/// </summary>
public sealed class SurveyDraft
{
    public Guid InvitationId { get; set; }

    /// <summary>A one-way id of the browser's secret for this invitation (<see cref="DraftSeal.BrowserId"/>): the same browser has
    /// different ids in different invitations, so its rows cannot be tied together.</summary>
    public required string BrowserId { get; set; }

    /// <summary>The sealed content (AES-GCM: nonce, padded ciphertext, tag); null for a receipt.</summary>
    public byte[]? Sealed { get; set; }

    /// <summary>A receipt: answers were submitted from this browser.</summary>
    public bool Submitted { get; set; }

    // No time is kept: a receipt's moment next to a response's day could tell who submitted what.
}
