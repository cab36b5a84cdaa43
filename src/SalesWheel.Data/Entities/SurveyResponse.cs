namespace SalesWheel.Data.Entities;

/// <summary>
/// A submitted survey, anonymous by construction: a random id, the day (no time), the role and team, the answers and
/// the comment. No link to a person or an invitation.
/// </summary>
public sealed class SurveyResponse
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid AssessmentId { get; set; }

    public DateOnly SubmittedOn { get; set; }

    public required string Role { get; set; }

    public required string Team { get; set; }

    /// <summary>The attribute values (<see cref="AttributeValues"/>), sealed like role and team; "" for none.</summary>
    public string Attributes { get; set; } = "";

    /// <summary>One byte per item in instrument order: 0 = not answered, else value − min + 1.</summary>
    public required byte[] Answers { get; set; }

    public string? Comment { get; set; }
}
