using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using SalesWheel.Data;
using SalesWheel.Web.Features.ApiTokens;
using SalesWheel.Web.Features.Assessments;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Api;

[Description("A new name for an assessment.")]
public sealed record AssessmentRenameRequest([property: Description("1 to 200 characters; control characters become spaces.")] string? Name);

/// <summary>PATCH /api/v1/assessments/{id}: rename, with the page's rules and audit entry.</summary>
public static class AssessmentRenameEndpoint
{
    public static void MapAssessmentRenameApi(this RouteGroupBuilder api)
    {
        api.MapPatch("/assessments/{id:guid}", Rename).Changes().TakesJson().WithTags(ApiTags.Assessments).WithName("renameAssessment")
            .WithSummary("Rename an assessment")
            .WithDescription("Changes the assessment's name, in any state (draft, open, closed, uploaded). The change is recorded in the audit log.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<AssessmentResponse>, ValidationProblem, ProblemHttpResult>> Rename(
        Guid id, AssessmentRenameRequest request, ApiCaller caller, AssessmentActions actions, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(caller.OrganizationId, id, toChange: true, cancellationToken) is not { } assessment)
        {
            return ApiProblems.NotFound("assessment");
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AssessmentRename.Check(request.Name, errors) is not { } name)
        {
            return ApiProblems.Invalid(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        if (AssessmentRename.Apply(assessment, name) is { } change)
        {
            audit.Record(caller.OrganizationId, caller.Actor, "assessment renamed", change);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(await AssessmentsEndpoints.ResponseAsync(db, assessment, cancellationToken));
    }
}
