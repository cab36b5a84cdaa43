using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.ScaleOut;

public sealed class SharedLinksTests : IClassFixture<TwoNodes>
{
    private readonly TwoNodes _nodes;

    public SharedLinksTests(TwoNodes nodes) => _nodes = nodes;

    [Fact]
    public async Task LinksMadeOnOneNodeAreShownAndDownloadedFromAnotherAndStoredOnlySealed()
    {
        var (onA, onB) = _nodes.OneBrowser();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await onA.SignUp(email, "Shared Links Co");
        _nodes.A.AddPeople(_nodes.A.OrganizationOf(email), "East", PersonRole.Seller, 3);
        var id = await onA.CreateAssessment("Opened on A");

        var linksPage = (await onA.Act(id, "Open")).Headers.Location!.ToString(); // the POST reached A…
        var shownOnB = AssessmentKit.TokensIn(await onB.GetPage(linksPage)); // …the GET after its redirect reaches B

        Assert.Equal(3, shownOnB.Count);
        Assert.Equal(shownOnB.Order(), AssessmentKit.TokensIn(await onA.GetPage(linksPage)).Order());
        Assert.Contains($"/assessments/{id}/links.csv", await onB.GetPage($"/assessments/{id}"));
        var csv = await onB.GetPage($"/assessments/{id}/links.csv");
        Assert.StartsWith("name,email,team,role,link", csv.TrimStart('\uFEFF'));
        Assert.Equal(shownOnB.Order(), AssessmentKit.TokensIn(csv).Order());
        var stored = _nodes.A.AllStoredText();
        Assert.All(shownOnB, token => Assert.DoesNotContain(stored, value => value.Contains(token, StringComparison.Ordinal)));
    }
}
