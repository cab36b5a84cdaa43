using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using static SalesWheel.Web.Tests.Results.ResultsKit;

namespace SalesWheel.Web.Tests.Results;

/// <summary>
/// The results page keeps the comments it lists (reading them goes through every response); the kept list must follow
/// every change of the responses, including answers replaced by as many others.
/// </summary>
public sealed class FirstCommentsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ACommentFromAResponseAddedAfterAViewIsListedOnTheNextView()
    {
        var (client, id) = await Seeded("added", "Faster quotes");
        Assert.Equal(["Faster quotes"], await Listed(client, id));

        app.Service(db =>
        {
            db.SurveyResponses.Add(WithAssessment(Answer("seller", "East", 3, "Clear lead routing"), id));
            return db.SaveChanges();
        });

        Assert.Equal(["Clear lead routing", "Faster quotes"], (await Listed(client, id)).Order());
    }

    [Fact]
    public async Task AnswersReplacedByAsManyOthersListTheNewComments()
    {
        var (client, id) = await Seeded("replaced", "Faster quotes");
        Assert.Equal(["Faster quotes"], await Listed(client, id));

        // What replacing uploaded answers does: the responses and the stored result go, the new responses come in.
        app.Service(db =>
        {
            db.SurveyResponses.Where(r => r.AssessmentId == id).ExecuteDelete();
            db.AssessmentResults.Where(r => r.AssessmentId == id).ExecuteDelete();
            db.SurveyResponses.AddRange(Enumerable.Range(0, 5).Select(i => WithAssessment(Answer("seller", "East", 4, i == 0 ? "Fewer internal meetings" : null), id)));
            return db.SaveChanges();
        });

        Assert.Equal(["Fewer internal meetings"], await Listed(client, id));
    }

    private async Task<(HttpClient Client, Guid Assessment)> Seeded(string name, string comment)
    {
        var organization = $"Comments {name} {Guid.NewGuid():N}";
        var client = app.Browser();
        await client.SignUp($"{Guid.NewGuid():N}@example.com", organization);
        var organizationId = app.Service(db => db.Organizations.Single(o => o.Name == organization).Id);
        var id = app.SeedClosedAssessment(organizationId, "Q3 team assessment", 0,
            [.. Enumerable.Range(0, 5).Select(i => Answer("seller", "East", 3, i == 0 ? comment : null))]);
        return (client, id);
    }

    private static async Task<string[]> Listed(HttpClient client, Guid id) =>
        [.. Html.Parse(await client.GetPage($"/assessments/{id}/results")).Texts("ul.comments > li")];

    private static SurveyResponse WithAssessment(SurveyResponse response, Guid assessment)
    {
        response.AssessmentId = assessment;
        return response;
    }
}
