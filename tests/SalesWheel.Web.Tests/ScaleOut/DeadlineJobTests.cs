using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Assessments;
using SalesWheel.Web.Features.Survey;
using SalesWheel.Web.Tests.Assessments;
using SalesWheel.Web.Tests.Survey;

namespace SalesWheel.Web.Tests.ScaleOut;

public sealed class DeadlineJobTests : IClassFixture<TwoNodes>
{
    private readonly TwoNodes _nodes;

    public DeadlineJobTests(TwoNodes nodes) => _nodes = nodes;

    [Fact]
    public async Task TheDeadlineJobRunningOnTwoNodesAtOnceClosesADueAssessmentOnceWithOneAuditEntryAndEveryAnswerReleasedOnce()
    {
        var (onA, _) = _nodes.OneBrowser();
        var email = $"owner-{Guid.NewGuid():N}@example.com";
        await onA.SignUp(email, "Two Jobs Co");
        var org = _nodes.A.OrganizationOf(email);
        _nodes.A.AddPeople(org, "East", PersonRole.Seller, 3);
        var id = await onA.CreateAssessment("Due", instrument: "quick");
        var tokens = AssessmentKit.TokensIn(await onA.GetPage((await onA.Act(id, "Open")).Headers.Location!.ToString()));
        foreach (var token in tokens.Take(2))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await _nodes.A.Browser().TakeSurvey(token, SurveyPlan.For(_nodes.A.Assessment(id)), _ => "4")).StatusCode);
        }

        _nodes.A.Service(db => db.Assessments.Where(a => a.Id == id)
            .ExecuteUpdate(s => s.SetProperty(a => a.CloseDate, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))));

        var closedBy = await Task.WhenAll(
            Task.Run(() => AssessmentDeadlines.CloseDueAsync(_nodes.A.Services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None)),
            Task.Run(() => AssessmentDeadlines.CloseDueAsync(_nodes.B.Services.GetRequiredService<IServiceScopeFactory>(), CancellationToken.None)));

        Assert.Equal(1, closedBy.Sum());
        Assert.Equal(AssessmentStatus.Closed, _nodes.A.Assessment(id).Status);
        Assert.Equal(1, _nodes.A.Service(db => db.AuditEntries.Count(e => e.OrganizationId == org && e.Action == "assessment closed")));
        Assert.Equal((2, 0), _nodes.A.Service(db => (db.SurveyResponses.Count(r => r.AssessmentId == id), db.SealedSubmissions.Count(s => s.AssessmentId == id))));
    }
}
