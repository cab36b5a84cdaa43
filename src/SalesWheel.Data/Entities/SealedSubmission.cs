namespace SalesWheel.Data.Entities;

/// <summary>
/// A submitted survey waiting for its assessment to close, sealed with the server's submission key (kept outside the
/// database). At close all of them are opened, shuffled and written as <see cref="SurveyResponse"/>s in one go, and the
/// sealed rows are deleted (securely, then the write-ahead log is emptied): before close the database holds only
/// ciphertext next to the moment an invitation was submitted, after close nothing ties a response to an invitation.
/// </summary>
public sealed class SealedSubmission
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssessmentId { get; set; }

    /// <summary>AES-GCM: nonce, ciphertext, tag of the day, role, team, answers and comment.</summary>
    public required byte[] Sealed { get; set; }
}
