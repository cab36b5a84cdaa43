using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;

namespace SalesWheel.Web.Features.People;

[Description("One of the organization's own roles (AE, SDR, Sales Manager…), counted in one of the four role families used for the standard views.")]
public sealed record RoleResponse(
    Guid Id,
    string Name,
    [property: Description("The family results count its people in: leader, manager, seller or ops & enablement.")] string Family,
    [property: Description("How many people hold the role.")] int People)
{
    public static RoleResponse From(OrganizationRole role, int people) => new(role.Id, role.Name, role.Family.DisplayName(), people);
}

[Description("A role's name and family.")]
public sealed record RoleRequest(
    [property: Description("Required, at most 50 characters, not a family's name, each name once per organization (any case).")] string? Name,
    [property: Description("Required: leader, manager, seller, or ops & enablement (also: ops, enablement). Changing it moves the role's people to the new family.")] string? Family);

[Description("An attribute the organization gives its people (region, segment, tenure band…): a breakdown of results, with the same anonymity as role and team.")]
public sealed record AttributeResponse(
    Guid Id,
    string Name,
    [property: Description("How many people have a value for it.")] int People);

[Description("An attribute's name.")]
public sealed record AttributeRequest(
    [property: Description("Required, at most 40 characters, not a person's field (name, email, role, team), each name once per organization (any case).")] string? Name);

/// <summary>
/// /api/v1/organization/roles and /attributes: the organization's own roles and people attributes, with the same rules,
/// messages and audit entries as the page /settings/people (<see cref="RoleSettings"/>, <see cref="AttributeSettings"/>).
/// </summary>
public static class RolesAndAttributesApi
{
    public static void MapRolesAndAttributes(this IEndpointRouteBuilder api)
    {
        var roles = api.MapGroup("/organization/roles").WithTags(ApiTags.Organization);
        roles.MapGet("", ListRoles).WithName("listRoles").WithSummary("List the organization's own roles")
            .WithDescription("By family (leader, manager, seller, ops & enablement), then name. A person's role (people API, import) may be one of these names or a family.");
        roles.MapPost("", AddRole).Changes().TakesJson().WithName("createRole").WithSummary("Add a role")
            .WithDescription($"At most {RoleCatalog.MaximumRoles} roles of its own per organization. Recorded in the audit log.");
        roles.MapPut("/{id:guid}", ChangeRole).Changes().TakesJson().WithName("updateRole").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Rename a role or move it to another family")
            .WithDescription("Its people keep the role and follow it to the new family. Recorded in the audit log.");
        roles.MapDelete("/{id:guid}", RemoveRole).Changes().WithName("deleteRole").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Remove a role")
            .WithDescription("Its people stay, counted in the role's family. Recorded in the audit log.");

        var attributes = api.MapGroup("/organization/attributes").WithTags(ApiTags.Organization);
        attributes.MapGet("", ListAttributes).WithName("listAttributes").WithSummary("List the organization's people attributes")
            .WithDescription("In the order they were added. A person's values (people API, import columns) are keyed by these names.");
        attributes.MapPost("", AddAttribute).Changes().TakesJson().WithName("createAttribute").WithSummary("Add an attribute")
            .WithDescription($"At most {AttributeSettings.MaximumAttributes} attributes per organization: each is one more breakdown of results, and more breakdowns hide more groups. Recorded in the audit log.");
        attributes.MapPut("/{id:guid}", RenameAttribute).Changes().TakesJson().WithName("updateAttribute").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Rename an attribute")
            .WithDescription("People keep their values. Recorded in the audit log.");
        attributes.MapDelete("/{id:guid}", RemoveAttribute).Changes().WithName("deleteAttribute").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Remove an attribute")
            .WithDescription("People lose their values of it and results no longer break down by it. Recorded in the audit log.");
    }

    private static async Task<Ok<List<RoleResponse>>> ListRoles(ApiCaller caller, AppDbContext db, CancellationToken cancellationToken)
    {
        var catalog = await RoleCatalog.LoadAsync(db, caller.OrganizationId, cancellationToken);
        var holders = await db.People.AsNoTracking().Where(p => p.OrganizationId == caller.OrganizationId && p.RoleId != null)
            .GroupBy(p => p.RoleId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return TypedResults.Ok(catalog.Own.Select(r => RoleResponse.From(r, holders.GetValueOrDefault(r.Id))).ToList());
    }

    private static async Task<Results<Created<RoleResponse>, ValidationProblem>> AddRole(RoleRequest request, ApiCaller caller, RoleSettings settings, CancellationToken cancellationToken)
    {
        var outcome = await settings.AddAsync(caller.OrganizationId, caller.Actor, request.Name, request.Family, cancellationToken);
        return outcome.Role is { } role
            ? TypedResults.Created($"/api/v1/organization/roles/{role.Id}", RoleResponse.From(role, 0))
            : ApiProblems.Invalid(outcome.Errors.ByField);
    }

    private static async Task<Results<Ok<RoleResponse>, ValidationProblem, ProblemHttpResult>> ChangeRole(
        Guid id, RoleRequest request, ApiCaller caller, RoleSettings settings, CancellationToken cancellationToken)
    {
        if (await settings.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } role)
        {
            return ApiProblems.NotFound("role");
        }

        var outcome = await settings.ChangeAsync(caller.OrganizationId, caller.Actor, role, request.Name, request.Family, cancellationToken);
        return outcome.Role is null
            ? ApiProblems.Invalid(outcome.Errors.ByField)
            : TypedResults.Ok(RoleResponse.From(role, await settings.HoldersAsync(caller.OrganizationId, role.Id, cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveRole(Guid id, ApiCaller caller, RoleSettings settings, CancellationToken cancellationToken)
    {
        if (await settings.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } role)
        {
            return ApiProblems.NotFound("role");
        }

        await settings.RemoveAsync(caller.OrganizationId, caller.Actor, role, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<AttributeResponse>>> ListAttributes(ApiCaller caller, AppDbContext db, AttributeSettings settings, CancellationToken cancellationToken)
    {
        var list = new List<AttributeResponse>();
        foreach (var attribute in await AttributeSettings.ListAsync(db, caller.OrganizationId, cancellationToken))
        {
            list.Add(new AttributeResponse(attribute.Id, attribute.Name, await settings.HoldersAsync(caller.OrganizationId, attribute.Id, cancellationToken)));
        }

        return TypedResults.Ok(list);
    }

    private static async Task<Results<Created<AttributeResponse>, ValidationProblem>> AddAttribute(
        AttributeRequest request, ApiCaller caller, AttributeSettings settings, CancellationToken cancellationToken)
    {
        var outcome = await settings.AddAsync(caller.OrganizationId, caller.Actor, request.Name, cancellationToken);
        return outcome.Attribute is { } attribute
            ? TypedResults.Created($"/api/v1/organization/attributes/{attribute.Id}", new AttributeResponse(attribute.Id, attribute.Name, 0))
            : ApiProblems.Invalid(outcome.Errors.ByField);
    }

    private static async Task<Results<Ok<AttributeResponse>, ValidationProblem, ProblemHttpResult>> RenameAttribute(
        Guid id, AttributeRequest request, ApiCaller caller, AttributeSettings settings, CancellationToken cancellationToken)
    {
        if (await settings.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } attribute)
        {
            return ApiProblems.NotFound("attribute");
        }

        var outcome = await settings.RenameAsync(caller.OrganizationId, caller.Actor, attribute, request.Name, cancellationToken);
        return outcome.Attribute is null
            ? ApiProblems.Invalid(outcome.Errors.ByField)
            : TypedResults.Ok(new AttributeResponse(attribute.Id, attribute.Name, await settings.HoldersAsync(caller.OrganizationId, attribute.Id, cancellationToken)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAttribute(Guid id, ApiCaller caller, AttributeSettings settings, CancellationToken cancellationToken)
    {
        if (await settings.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } attribute)
        {
            return ApiProblems.NotFound("attribute");
        }

        await settings.RemoveAsync(caller.OrganizationId, caller.Actor, attribute, cancellationToken);
        return TypedResults.NoContent();
    }
}
