using System.Globalization;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// The plain-text invitation and reminder a respondent receives. One paragraph per line: mail programs wrap them to the
/// screen, which reads better on a phone than lines broken at a fixed width.
/// </summary>
public static class InvitationEmails
{
    public static (string Subject, string Body) Invitation(Organization organization, Assessment assessment, string name, string link) => (
        $"{organization.Name} asks for your view: {assessment.Name}",
        $"""
        Hello {name},

        {organization.Name} is asking its sales team how selling really works here today, in eight areas: strategy, structure, operations, enablement, talent management, training, capabilities and motivation. {Length(assessment)}{Deadline(assessment)}

        Your personal link:
        {link}

        {Anonymity(organization, assessment)}

        The link is yours alone: it lets you stop and come back later, and it makes sure every person answers once. Please do not forward it.

        Thank you for your time.
        """);

    public static (string Subject, string Body) OpenLinkInvitation(Organization organization, Assessment assessment, string name, string link) => (
        $"{organization.Name} asks for your view: {assessment.Name}",
        $"""
        Hello {name},

        {organization.Name} is asking its sales team how selling really works here today, in eight areas: strategy, structure, operations, enablement, talent management, training, capabilities and motivation. {Length(assessment)}{Deadline(assessment)}

        The survey link (the same for everyone: it does not know who you are; you choose your team and role when you start):
        {link}

        {Anonymity(organization, assessment)}

        Please answer once. Your answers so far are kept in the browser you use, so come back with the same browser to continue.

        Thank you for your time.
        """);

    public static (string Subject, string Body) Reminder(Organization organization, Assessment assessment, string name, string link) => (
        $"Reminder: {assessment.Name} ({organization.Name})",
        $"""
        Hello {name},

        A reminder that {organization.Name} would like your view in the survey "{assessment.Name}". If you have already answered, thank you: there is nothing more to do. (Everyone invited gets this reminder, so that nobody can tell who has answered.) {Length(assessment)}{Deadline(assessment)}

        Here is a new personal link. The link in earlier emails keeps working too. If you already started, your answers so far are kept in the browser where you gave them: open this link in that same browser to continue where you left off.
        {link}

        {Anonymity(organization, assessment)}

        The link is yours alone. Please do not forward it.

        Thank you.
        """);

    private static string Length(Assessment assessment)
    {
        if (assessment.InstrumentJson is not null)
        {
            // A pulse (or another instrument of its own): say what this survey holds, as its welcome page does.
            var plan = Survey.SurveyPlan.For(assessment);
            return $"It takes about {plan.Minutes} minutes: {plan.ItemCount} statements on {plan.QuestionPages.Count} {(plan.QuestionPages.Count == 1 ? "page" : "pages")}, each answered on its scale or \"don't know\".";
        }

        return assessment.QuickForm
            ? "It takes about 3 minutes: 16 statements, each answered on a five-point scale or \"don't know\"."
            : "It takes about 10 to 15 minutes: one page per area, each statement answered on a five-point scale or \"don't know\".";
    }

    private static string Deadline(Assessment assessment) => assessment.CloseDate is { } date
        ? $" Please answer by {date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}."
        : "";

    private static string Anonymity(Organization organization, Assessment assessment)
    {
        var k = Data.MinimumGroupSizes.Of(assessment, organization);
        return $"""
            The survey is anonymous.
            What {organization.Name} will see: how many people were invited, started and submitted (counts by team and role, never names); the scores of groups of at least {k} people; and the closing comments, word for word and without names, once at least {k} people have answered.
            What {organization.Name} will not see: who gave which answer, any one person's answers, or anything about a group of fewer than {k} people. Your answers are stored without your name and without your link, with only your role and your team, all stored together when the survey closes.
            If you write a comment, leave out details that would tell who wrote it.
            """;
    }
}
