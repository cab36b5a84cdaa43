using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Plan;

namespace SalesWheel.Web.Tests.Plan;

/// <summary>The overdue rule at its edge: due yesterday and unfinished is overdue; due today is not yet.</summary>
public sealed class OverdueEdgeTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static PlannedAction Due(DateOnly? date, PlannedActionStatus status) =>
        new() { Title = "Coach live calls", Driver = "enablement", DueDate = date, Status = status };

    [Theory]
    [InlineData(PlannedActionStatus.Planned)]
    [InlineData(PlannedActionStatus.InProgress)]
    public void AnUnfinishedActionIsOverdueFromTheDayAfterItsDueDate(PlannedActionStatus status)
    {
        Assert.False(ActionPlan.IsOverdue(Due(Today, status), Today));
        Assert.True(ActionPlan.IsOverdue(Due(Today.AddDays(-1), status), Today));
        Assert.False(ActionPlan.IsOverdue(Due(null, status), Today));
    }

    [Theory]
    [InlineData(PlannedActionStatus.Done)]
    [InlineData(PlannedActionStatus.Dropped)]
    public void AFinishedActionIsNeverOverdue(PlannedActionStatus status) =>
        Assert.False(ActionPlan.IsOverdue(Due(Today.AddDays(-1), status), Today));
}
