using SalesWheel.Core.Instruments;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Tests.Results;

/// <summary>Closed assessments with stored answers, written straight to the database, for the results tests.</summary>
public static class ResultsKit
{
    /// <summary>One response in which every statement of the full instrument gets <paramref name="value"/> (as the person meant it).</summary>
    public static SurveyResponse Answer(string role, string team, int value, string? comment = null)
    {
        var scale = BuiltInInstrument.Full.Scale;
        return new SurveyResponse
        {
            Role = role,
            Team = team,
            Comment = comment,
            SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow),
            Answers = [.. BuiltInInstrument.Full.Items.Select(i => (byte)((i.Reverse ? scale.Min + scale.Max - value : value) - scale.Min + 1))],
        };
    }

    /// <summary>A closed assessment with <paramref name="invitations"/> invitations (the first ones submitted) and the responses.</summary>
    public static Guid SeedClosedAssessment(this AppFactory app, Guid organization, string name, int invitations, params SurveyResponse[] responses) => app.Service(db =>
    {
        var assessment = new Assessment { OrganizationId = organization, Name = name, Status = AssessmentStatus.Closed, OpenedAt = DateTime.UtcNow.AddDays(-14), ClosedAt = DateTime.UtcNow };
        db.Assessments.Add(assessment);
        for (var i = 0; i < invitations; i++)
        {
            db.Invitations.Add(new Invitation
            {
                AssessmentId = assessment.Id,
                TokenHash = Data.Tokens.Hash(Data.Tokens.New()),
                Role = "seller",
                Team = "East",
                State = i < responses.Length ? InvitationState.Submitted : InvitationState.Invited,
            });
        }

        foreach (var response in responses)
        {
            response.AssessmentId = assessment.Id;
            db.SurveyResponses.Add(response);
        }

        db.SaveChanges();
        return assessment.Id;
    });
}
