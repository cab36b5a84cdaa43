using System.Globalization;
using System.Text.RegularExpressions;
using SalesWheel.Core.Instruments;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Assessments;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Upload;

namespace SalesWheel.Web.Tests.Survey;

/// <summary>The invitation, the welcome page and the progress bar tell a respondent the same length, whatever the instrument.</summary>
public sealed partial class SurveyLengthTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Length(int Minutes, int Pages, int Statements, int QuestionPages);

    [GeneratedRegex(@"About (\d+) minutes, (\d+) pages: (\d+) statements on (\d+) pages?,")]
    private static partial Regex Sentence();

    private static Length Read(string text)
    {
        var match = Sentence().Match(text);
        Assert.True(match.Success, "no length sentence in:\n" + text);
        int At(int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return new Length(At(1), At(2), At(3), At(4));
    }

    private static string? InstrumentJson(string kind) => kind switch
    {
        "pulse" => InstrumentFile.ToJson(BuiltInInstrument.Full.Subset(
            [.. BuiltInInstrument.Full.Drivers.Take(2).SelectMany(d => d.Items).Select(i => i.Id)], BuiltInInstrument.Full.Id, "Pulse")),
        "custom" => UploadKit.SevenPointInstrument,
        _ => null,
    };

    [Theory]
    [InlineData("full")]
    [InlineData("quick")]
    [InlineData("pulse")]
    [InlineData("custom")]
    public async Task TheEmailTheWelcomePageAndTheProgressBarGiveTheSameMinutesPagesAndStatements(string kind)
    {
        var survey = app.Seed(quick: kind == "quick");
        var (assessment, organization) = app.Service(db =>
        {
            var stored = db.Assessments.Single(a => a.Id == survey.AssessmentId);
            stored.InstrumentJson = InstrumentJson(kind);
            db.SaveChanges();
            return (stored, db.Organizations.Single(o => o.Id == survey.OrganizationId));
        });
        var client = app.Browser();

        var email = Read(InvitationEmails.Invitation(organization, assessment, "Ana", "https://example.com/s/x").Text);
        var welcome = Read(Html.Parse(await client.GetPage($"/s/{survey.Token}")).One("[data-survey-length]").TextContent);
        var plan = SurveyPlan.For(assessment);
        var statements = 0;
        var shownPages = new List<(int Page, int Pages)>();
        for (var number = 1; number <= plan.ReviewPage; number++)
        {
            var page = Html.Parse(await client.GetPage(plan.PathOf(survey.Token, number)));
            var progress = page.One(".survey-progress");
            shownPages.Add((int.Parse(progress.GetAttribute("data-page")!, CultureInfo.InvariantCulture), int.Parse(progress.GetAttribute("data-pages")!, CultureInfo.InvariantCulture)));
            statements += page.QuerySelectorAll("fieldset.item").Length;
        }

        Assert.Equal(email, welcome);
        Assert.All(shownPages, p => Assert.Equal(email.Pages, p.Pages)); // "Page n of N": N is the pages the email promised
        Assert.Equal(Enumerable.Range(1, email.Pages), shownPages.Select(p => p.Page));
        Assert.Equal(email.Statements, statements); // the statements the respondent is really shown
        Assert.Equal(email.QuestionPages + 2, email.Pages); // then the comment and the review
        Assert.Equal(AssessmentScoring(assessment).Items.Count(), email.Statements);
    }

    private static Instrument AssessmentScoring(Assessment assessment) => Data.AssessmentScoring.InstrumentOf(assessment);
}
