using System.Net;

namespace SalesWheel.Web.Tests.QuickCheck;

public sealed class QuickCheckTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static List<KeyValuePair<string, string>> AllAnswered(int value = 4, string? skip = null) =>
        Core.Instruments.BuiltInInstrument.Quick.Items.Where(i => i.Id != skip)
            .Select(i => new KeyValuePair<string, string>($"Answers[{i.Id}]", (i.Id == "ENB1" ? 1 : value).ToString()))
            .Append(new("Phase", "scale")).Append(new("Acv", "15k-50k")).ToList();

    [Fact]
    public async Task ALeaderAnswersTheQuickFormAndSeesTheWheelAndTopPrioritiesAtAPrivateLink()
    {
        var client = app.Browser();
        var response = await client.PostForm("/quick", AllAnswered());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches("^/q/[A-Za-z0-9_-]{22}$", location);

        var result = await app.Browser().GetPage(location); // the link alone is enough: no account, no cookie
        Assert.Contains("<svg", result);
        Assert.Contains("Fix first", result);
        Assert.Contains("<strong>Enablement</strong>", result); // the one low answer, highly relevant at Scale / mid-market
        Assert.Contains("Why: scores", result);
        Assert.DoesNotContain("few answers", result); // one person's own check: n = 1 is no warning
    }

    [Fact]
    public async Task AMissingAnswerIsNamedAndEveryOtherChoiceIsKept()
    {
        var client = app.Browser();
        var response = await client.PostForm("/quick", AllAnswered(value: 2, skip: "CAP2"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"error-CAP2\"", page);
        Assert.Contains("name=\"Answers[STR1]\" value=\"2\" checked=\"checked\"", page);
        Assert.Contains("<option value=\"scale\" selected=\"selected\">", page);
        Assert.Equal(0, app.Service(db => db.QuickChecks.Count(q => q.Answers.Length == 0)));
    }

    [Theory]
    [InlineData("/q/not-a-token")]
    [InlineData("/q/AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AnUnknownOrMalformedLinkIsNotFound(string url)
    {
        await app.Browser().GetPage(url, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SigningUpFromTheResultAttachesItAndTakesItsPhaseAndDealSize()
    {
        var response = await app.Browser().PostForm("/quick", AllAnswered());
        var token = response.Headers.Location!.ToString()[3..];
        var client = app.Browser();
        await client.SignUp("quick@example.com", "Quick Co", token);

        var (phase, attached) = app.Service(db =>
        {
            var org = db.Organizations.Single(o => o.Name == "Quick Co");
            return (org.Phase, db.QuickChecks.Count(q => q.OrganizationId == org.Id));
        });
        Assert.Equal(Core.Scoring.CompanyPhase.Scale, phase);
        Assert.Equal(1, attached);
    }
}
