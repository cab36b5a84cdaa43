using System.Security.Cryptography;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// Storing an uploaded answers file (checked already, as <c>saleswheel score</c> checks it) as an assessment: closed
/// from the start, its responses stored as survey answers are, audited.
/// </summary>
public sealed class AnswersUpload(AppDbContext db, AuditLog audit, SubmissionSeal seal)
{
    /// <summary>
    /// Stores the answers as a closed assessment named <paramref name="name"/>, scored with the instrument (the custom
    /// one's file as <paramref name="instrumentJson"/>), with roles and teams from the columns chosen (null for none).
    /// </summary>
    public async Task<Assessment> StoreAsync(Organization organization, Actor actor, string name, Instrument instrument, string? instrumentJson, ResponsesFile file,
        string? roleColumn, string? teamColumn, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var assessment = new Assessment
        {
            OrganizationId = organization.Id,
            Name = name,
            QuickForm = instrumentJson is null && instrument == BuiltInInstrument.Quick,
            Uploaded = true,
            InstrumentJson = instrumentJson,
            MinimumGroupSize = MinimumGroupSizes.Of(null, organization), // bound at upload time
            Status = AssessmentStatus.Closed,
            CreatedAt = now,
            ClosedAt = now,
        };
        db.Assessments.Add(assessment);

        // Stored exactly as survey answers are, in a random order with random ids: the file's row order could tie a
        // response to a person (a form tool's export is in order of answering, or of a name column).
        var set = file.Responses;
        var width = set.Items.Count;
        var role = roleColumn is null ? null : set.Attributes[0];
        var team = teamColumn is null ? null : set.Attributes[roleColumn is null ? 0 : 1];
        var order = Enumerable.Range(0, set.Count).ToArray();
        RandomNumberGenerator.Shuffle(order.AsSpan());
        var day = DateOnly.FromDateTime(now);
        var rows = new List<SurveyResponse>(set.Count);
        foreach (var respondent in order)
        {
            rows.Add(new SurveyResponse
            {
                AssessmentId = assessment.Id,
                SubmittedOn = day,
                Role = seal.SealAttribute(assessment.Id, role is null ? "" : role.Values[role.Codes[respondent]]),
                Team = seal.SealAttribute(assessment.Id, team is null ? "" : team.Values[team.Codes[respondent]]),
                Answers = set.AnswerBytes.Slice(respondent * width, width).ToArray(),
            });
        }

        var grouped = (roleColumn, teamColumn) switch
        {
            (null, null) => "no breakdown",
            (_, null) => "broken down by role",
            (null, _) => "broken down by team",
            _ => "broken down by role and team",
        };
        audit.Record(organization.Id, actor, "answers uploaded",
            $"{name}: {UploadModel.Count(set.Count, "response")} uploaded, {UploadModel.Count(file.SkippedEmptyRows, "empty row")} skipped; {InstrumentText(instrument, instrumentJson)}; {grouped}");
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await ResponseRows.InsertAsync(db, rows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return assessment;
    }

    private static string InstrumentText(Instrument instrument, string? customJson) =>
        customJson is null
            ? instrument == BuiltInInstrument.Quick ? "quick form" : "full instrument"
            : $"custom instrument \u201c{instrument.Name}\u201d (id {instrument.Id}, version {instrument.Version})";
}
