namespace SalesWheel.Web.Features.Plan;

/// <summary>What the action fields partial shows: the form as typed and the members who can own the action.</summary>
public sealed record ActionFieldsView(PlannedActionForm Form, IReadOnlyList<PlanMember> Members);
