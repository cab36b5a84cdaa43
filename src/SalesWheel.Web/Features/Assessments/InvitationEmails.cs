using System.Globalization;
using System.Net;
using System.Text;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

/// <summary>
/// The invitation and reminder a respondent receives, in plain text and the same words in HTML, from the sender name the
/// admin chose, with the admin's note as typed. Plain text is one paragraph per line: mail programs wrap them to the
/// screen, which reads better on a phone than lines broken at a fixed width. The HTML is made from the same paragraphs,
/// every typed text escaped, so the two never say different things.
/// </summary>
public static class InvitationEmails
{
    public static OutgoingEmail Invitation(Organization organization, Assessment assessment, string name, string link) => Compose(
        $"{organization.Name} asks for your view: {assessment.Name}",
        assessment,
        link,
        $"Hello {name},",
        Note(assessment),
        $"{organization.Name} is asking its sales team how selling really works here today, in eight areas: strategy, structure, operations, enablement, talent management, training, capabilities and motivation. {Length(assessment)}{Deadline(assessment)}",
        $"Your personal link:\n{link}",
        Anonymity(organization, assessment),
        "The link is yours alone: it lets you stop and come back later, and it makes sure every person answers once. Please do not forward it.",
        "Thank you for your time.");

    public static OutgoingEmail OpenLinkInvitation(Organization organization, Assessment assessment, string name, string link) => Compose(
        $"{organization.Name} asks for your view: {assessment.Name}",
        assessment,
        link,
        $"Hello {name},",
        Note(assessment),
        $"{organization.Name} is asking its sales team how selling really works here today, in eight areas: strategy, structure, operations, enablement, talent management, training, capabilities and motivation. {Length(assessment)}{Deadline(assessment)}",
        $"The survey link (the same for everyone: it does not know who you are; you choose your team and role when you start):\n{link}",
        Anonymity(organization, assessment),
        "Please answer once. Your answers so far are kept in the browser you use, so come back with the same browser to continue.",
        "Thank you for your time.");

    public static OutgoingEmail Reminder(Organization organization, Assessment assessment, string name, string link) => Compose(
        $"Reminder: {assessment.Name} ({organization.Name})",
        assessment,
        link,
        $"Hello {name},",
        Note(assessment),
        $"A reminder that {organization.Name} would like your view in the survey \"{assessment.Name}\". If you have already answered, thank you: there is nothing more to do. {Length(assessment)}{Deadline(assessment)}",
        $"Here is a new personal link. The link in earlier emails keeps working too. If you already started, your answers so far are kept in the browser where you gave them: open this link in that same browser to continue where you left off.\n{link}",
        Anonymity(organization, assessment),
        "The link is yours alone. Please do not forward it.",
        "Thank you.");

    /// <summary>
    /// The message from its paragraphs (null ones left out; a paragraph may hold line breaks). In the HTML each
    /// paragraph is escaped, its line breaks kept, and the link made a link.
    /// </summary>
    private static OutgoingEmail Compose(string subject, Assessment assessment, string link, params string?[] paragraphs)
    {
        var kept = paragraphs.Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).ToList();
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject))
            .Append("</title></head>\n<body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #1f2933; max-width: 40em;\">\n");
        var encodedLink = WebUtility.HtmlEncode(link);
        foreach (var paragraph in kept)
        {
            var lines = paragraph.Split('\n').Select(line => line == link
                ? $"<a href=\"{encodedLink}\">{encodedLink}</a>"
                : WebUtility.HtmlEncode(line));
            html.Append("<p>").AppendJoin("<br>\n", lines).Append("</p>\n");
        }

        html.Append("</body></html>\n");
        var sender = assessment.SenderName.Trim();
        return new OutgoingEmail(subject, string.Join("\n\n", kept), html.ToString(), sender.Length > 0 ? sender : null);
    }

    /// <summary>The admin's note as typed, signed with the sender name; null for none.</summary>
    private static string? Note(Assessment assessment)
    {
        var note = assessment.InvitationNote?.Trim();
        if (string.IsNullOrEmpty(note))
        {
            return null;
        }

        var sender = assessment.SenderName.Trim();
        return sender.Length > 0 ? $"{note}\n\u2014 {sender}" : note;
    }

    // The same sentence as the welcome page and the progress bar's page count (SurveyPlan), for every instrument.
    private static string Length(Assessment assessment) => SurveyPlan.For(assessment).Length;

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
