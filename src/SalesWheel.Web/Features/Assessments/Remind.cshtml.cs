using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Shared;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// "Send a reminder to the 26 people who have not submitted?": the confirmation before a reminder, with counts only
/// (never who answered). Nothing is sent until its button posts to the assessment page's Remind handler.
/// </summary>
public sealed class RemindModel(AssessmentActions actions) : OpenAssessmentConfirmationModel(actions)
{
    protected override string DraftRefusal => "This assessment is not open yet: open it first, which sends the invitations.";

    protected override string ClosedRefusal => "This assessment is closed: no more answers are taken, so there is nobody to remind.";

    protected override async Task<ConfirmationStep> AskAsync(Assessment assessment, CancellationToken cancellationToken)
    {
        var back = $"/assessments/{assessment.Id}";
        if (assessment.OpenLinkTokenHash is not null)
        {
            return ConfirmationStep.Refuse("This assessment runs on one anonymous open link, which SalesWheel does not keep: share the link you were given when it opened again, with a reminder in your own words.");
        }

        var reach = await Actions.ReminderReachAsync(Organization, assessment, cancellationToken);
        if (reach.ToRemind == 0)
        {
            return ConfirmationStep.Refuse(reach.Invited == 0
                ? "Nobody on this assessment is still on your people list, so there is nobody to remind."
                : $"Everyone invited has answered ({reach.Answered} of {reach.Invited}): there is nobody to remind.");
        }

        return ConfirmationStep.Ask(reach.ByEmail
            ? new Confirmation(
                $"Send a reminder to the {People(reach.ToRemind)} who {(reach.ToRemind == 1 ? "has" : "have")} not submitted?",
                $"{reach.Answered} of {reach.Invited} have answered; they get nothing. Each of the {reach.ToRemind} gets an email with a further personal link, at the address their invitation went to.",
                $"Send {reach.ToRemind} {(reach.ToRemind == 1 ? "reminder" : "reminders")}",
                $"{back}?handler=Remind",
                back)
            {
                Notes = ["Earlier links keep working, and answers saved so far are kept. You will see how many were reminded, never who."],
            }
            : new Confirmation(
                $"Make reminder links for all {People(reach.Invited)} invited?",
                $"No mail server is set up, so SalesWheel cannot email the reminder: you get a further personal link for each of the {reach.Invited} people invited, to pass on yourself, "
                    + $"the {reach.Answered} who {(reach.Answered == 1 ? "has" : "have")} answered included.",
                $"Make {reach.Invited} reminder {(reach.Invited == 1 ? "link" : "links")}",
                $"{back}?handler=Remind",
                back)
            {
                Notes =
                [
                    "Links for only those still to answer would tell you who has answered, which SalesWheel never shows; so everyone gets one, and the reminder thanks those who answered.",
                    "Earlier links keep working, and answers saved so far are kept. With a mail server (SMTP) set up, reminders go by email only to those who have not answered.",
                ],
            });
    }

    private static string People(int count) => $"{count} {(count == 1 ? "person" : "people")}";
}
