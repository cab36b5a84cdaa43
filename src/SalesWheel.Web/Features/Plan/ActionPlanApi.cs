using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;

namespace SalesWheel.Web.Features.Plan;

[Description("Who owns an action: a member (with their user id) or a name typed in.")]
public sealed record ActionOwnerResponse(
    [property: Description("The member's user id; null when the owner is a name typed in.")] string? UserId,
    string Name);

[Description("An action of the organization's plan.")]
public sealed record ActionResponse(
    Guid Id,
    string Title,
    [property: Description("The driver's id, e.g. enablement.")] string Driver,
    [property: Description("The facet's id within the driver, e.g. coaching; null for the driver as a whole.")] string? Facet,
    [property: Description("The playbook action it was made from (`saleswheel playbook` lists them); null when written from scratch.")] string? PlaybookAction,
    [property: Description("null when nobody owns it yet.")] ActionOwnerResponse? Owner,
    DateOnly? DueDate,
    [property: Description("planned, in-progress, done or dropped.")] string Status,
    [property: Description("The due date has passed and the action is neither done nor dropped.")] bool Overdue,
    string Notes,
    [property: Description("The assessment whose results led to it; null when none.")] Guid? AssessmentId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: Description("When it was marked done; null while it is not done.")] DateTime? DoneAt)
{
    public static ActionResponse From(PlannedAction action) => new(
        action.Id, action.Title, action.Driver, action.Facet, action.PlaybookActionId,
        action.OwnerName.Length == 0 ? null : new ActionOwnerResponse(action.OwnerUserId, action.OwnerName),
        action.DueDate, action.Status.Code(), ActionPlan.IsOverdue(action, ActionPlan.Today), action.Notes, action.AssessmentId,
        ApiProblems.Utc(action.CreatedAt), ApiProblems.Utc(action.UpdatedAt), ApiProblems.Utc(action.DoneAt));
}

[Description("A new action for the plan.")]
public sealed record ActionRequest(
    [property: Description("Required, at most 200 characters.")] string? Title,
    [property: Description("Required: a driver's id (strategy, structure, operations, enablement, talent-management, training, capabilities, motivation).")] string? Driver,
    [property: Description("Optional: a facet's id of that driver.")] string? Facet = null,
    [property: Description("Optional: the id of a playbook action about that driver.")] string? PlaybookAction = null,
    [property: Description("Optional: a member's user id (they get an email saying the action is theirs), or a name of at most 200 characters.")] string? Owner = null,
    [property: Description("Optional: yyyy-MM-dd.")] string? DueDate = null,
    [property: Description("planned (default), in-progress, done or dropped.")] string? Status = null,
    [property: Description("Optional, at most 4000 characters.")] string? Notes = null,
    [property: Description("Optional: the id of one of the organization's assessments.")] string? AssessmentId = null);

[Description("The fields to change; a field left out (or null) stays as it is, \"\" empties an optional one.")]
public sealed record ActionChangeRequest(
    [property: Description("At most 200 characters.")] string? Title = null,
    [property: Description("A driver's id.")] string? Driver = null,
    [property: Description("A facet's id of the driver; \"\" for the driver as a whole.")] string? Facet = null,
    [property: Description("The id of a playbook action about the driver; \"\" for none.")] string? PlaybookAction = null,
    [property: Description("A member's user id (they get an email saying the action is theirs), or a name; \"\" for nobody.")] string? Owner = null,
    [property: Description("yyyy-MM-dd; \"\" for none.")] string? DueDate = null,
    [property: Description("planned, in-progress, done or dropped.")] string? Status = null,
    [property: Description("At most 4000 characters; \"\" for none.")] string? Notes = null,
    [property: Description("The id of one of the organization's assessments; \"\" for none.")] string? AssessmentId = null);

/// <summary>/api/v1/actions: the action plan, with the same rules, audit entries and emails as the plan pages.</summary>
public static class ActionPlanApi
{
    private const string Filters = """
        Filters (all optional, combined): `driver` (a driver's id), `owner` (a member's user id, or a name typed in, exactly),
        `status` (planned, in-progress, done or dropped).
        """;

    public static void MapActionPlan(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/actions").WithTags(ApiTags.Plan);
        group.MapGet("", List).WithName("listActions").WithSummary("List the actions of the plan")
            .WithDescription("By due date (actions without one last), then oldest first. `page` from 1, `pageSize` up to 200 (default 50). " + Filters)
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get).WithName("getAction").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Read an action");
        group.MapPost("", Create).Changes().TakesJson().WithName("createAction").WithSummary("Add an action to the plan")
            .WithDescription("A member named as owner gets an email saying the action is theirs (unless they made the change). The change is recorded in the audit log.")
            .ProducesValidationProblem();
        group.MapPatch("/{id:guid}", Update).Changes().TakesJson().WithName("updateAction").WithSummary("Change an action")
            .WithDescription("Only the fields sent change. Marking it done records when (`doneAt`). A member newly named as owner gets an email. The change is recorded in the audit log.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).Changes().WithName("deleteAction").WithSummary("Remove an action from the plan")
            .WithDescription("To keep it on record without working on it, set its status to dropped instead.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/actions.csv", Csv).WithTags(ApiTags.Plan).WithName("exportActions").WithSummary("Download the plan as CSV")
            .WithDescription("UTF-8 with a byte order mark, one row per action, with the same filters as the list. Text cells that a spreadsheet would run as a formula start with an apostrophe. " + Filters)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();
    }

    private static async Task<Results<Ok<ListPage<ActionResponse>>, ValidationProblem>> List(
        [Description("A driver's id.")] string? driver,
        [Description("A member's user id, or a name typed in.")] string? owner,
        [Description("planned, in-progress, done or dropped.")] string? status,
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page, 1 to 200 (default 50).")] int? pageSize,
        ApiCaller caller, ActionPlan plan, HttpContext http, CancellationToken cancellationToken)
    {
        var (number, size, problem) = Paging.Check(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }

        if (FilterOf(driver, owner, status) is not { } filter)
        {
            return FilterProblem(driver);
        }

        return TypedResults.Ok(await plan.List(caller.OrganizationId, filter).ToPageAsync(number, size, ActionResponse.From, http, cancellationToken));
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Csv(
        [Description("A driver's id.")] string? driver,
        [Description("A member's user id, or a name typed in.")] string? owner,
        [Description("planned, in-progress, done or dropped.")] string? status,
        ApiCaller caller, ActionPlan plan, CancellationToken cancellationToken)
    {
        if (FilterOf(driver, owner, status) is not { } filter)
        {
            return FilterProblem(driver);
        }

        var actions = await plan.List(caller.OrganizationId, filter).ToListAsync(cancellationToken);
        return TypedResults.File(PlanCsv.Write(actions, ActionPlan.Today), PlanCsv.ContentType, PlanCsv.FileName);
    }

    private static async Task<Results<Ok<ActionResponse>, ProblemHttpResult>> Get(Guid id, ApiCaller caller, ActionPlan plan, CancellationToken cancellationToken) =>
        await plan.FindAsync(caller.OrganizationId, id, cancellationToken) is { } action ? TypedResults.Ok(ActionResponse.From(action)) : ApiProblems.NotFound("action");

    private static async Task<Results<Created<ActionResponse>, ValidationProblem>> Create(
        ActionRequest request, ApiCaller caller, ActionPlan plan, CancellationToken cancellationToken)
    {
        var input = new PlannedActionInput(request.Title, request.Driver, request.Facet, request.PlaybookAction, request.Owner, request.DueDate,
            request.Status, request.Notes, request.AssessmentId);
        var outcome = await plan.AddAsync(caller.OrganizationId, caller.Actor, input, cancellationToken);
        return outcome.Action is { } action
            ? TypedResults.Created($"/api/v1/actions/{action.Id}", ActionResponse.From(action))
            : ApiProblems.Invalid(outcome.Errors.ByField);
    }

    private static async Task<Results<Ok<ActionResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, ActionChangeRequest request, ApiCaller caller, ActionPlan plan, CancellationToken cancellationToken)
    {
        if (await plan.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } action)
        {
            return ApiProblems.NotFound("action");
        }

        var now = PlannedActionInput.From(action);
        var input = new PlannedActionInput(request.Title ?? now.Title, request.Driver ?? now.Driver, request.Facet ?? now.Facet,
            request.PlaybookAction ?? now.PlaybookAction, request.Owner ?? now.Owner, request.DueDate ?? now.DueDate, request.Status ?? now.Status,
            request.Notes ?? now.Notes, request.AssessmentId ?? now.Assessment);
        var outcome = await plan.ChangeAsync(caller.OrganizationId, caller.Actor, action, input, cancellationToken);
        return outcome.Action is null ? ApiProblems.Invalid(outcome.Errors.ByField) : TypedResults.Ok(ActionResponse.From(action));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ApiCaller caller, ActionPlan plan, CancellationToken cancellationToken)
    {
        if (await plan.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } action)
        {
            return ApiProblems.NotFound("action");
        }

        await plan.RemoveAsync(caller.OrganizationId, caller.Actor, action, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The list's filters; null when the driver or the status is not one of ours.</summary>
    private static PlanFilter? FilterOf(string? driver, string? owner, string? status)
    {
        var known = string.IsNullOrEmpty(driver) || ActionPlan.Instrument.Drivers.Any(d => d.Id == driver);
        var parsed = PlannedActionStatuses.Parse(status);
        return !known || (!string.IsNullOrEmpty(status) && parsed is null) ? null : new PlanFilter(driver, owner, parsed);
    }

    private static ValidationProblem FilterProblem(string? driver) =>
        !string.IsNullOrEmpty(driver) && ActionPlan.Instrument.Drivers.All(d => d.Id != driver)
            ? ApiProblems.Invalid("driver", $"\"{driver}\" is not a driver: use one of {string.Join(", ", ActionPlan.Instrument.Drivers.Select(d => d.Id))}.")
            : ApiProblems.Invalid("status", $"Not a status: use {PlannedActionStatuses.Accepted}.");
}
