using System.Net;
using SalesWheel.Web.Tests.Assessments;

namespace SalesWheel.Web.Tests.ScaleOut;

public sealed class SharedKeyRingTests : IClassFixture<TwoNodes>
{
    private readonly TwoNodes _nodes;

    public SharedKeyRingTests(TwoNodes nodes) => _nodes = nodes;

    [Fact]
    public async Task ASignInOnOneNodeIsAcceptedByAnotherNodeOnTheSameDatabaseFormsIncluded()
    {
        var (onA, onB) = _nodes.OneBrowser();
        await onA.SignUp($"owner-{Guid.NewGuid():N}@example.com", "Two Nodes Co");

        await onB.GetPage("/assessments"); // 200: signed in on B with A's cookie (a stranger is sent to /signin)
        var made = await onB.CreateAssessment("Made on B"); // B's form, posted to B with the antiforgery cookie A issued
        Assert.Contains("Made on B", await onA.GetPage($"/assessments/{made}"));
    }

    [Fact]
    public async Task TheKeyRingIsInTheDatabaseSealedWithTheSubmissionKey()
    {
        var (onA, _) = _nodes.OneBrowser();
        await onA.SignUp($"owner-{Guid.NewGuid():N}@example.com", "Sealed Keys Co");

        var keys = _nodes.A.Service(db => db.DataProtectionKeys.Select(k => k.Xml ?? "").ToList());
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<sealedKey", xml);
            Assert.DoesNotContain("<masterKey", xml); // the key's secret is never stored in the clear
        });
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/assessments")).StatusCode);
    }
}
