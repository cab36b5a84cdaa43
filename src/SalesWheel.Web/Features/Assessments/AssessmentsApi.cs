using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Assessments;

[Description("A team assessment.")]
public sealed record AssessmentResponse(
    Guid Id,
    string Name,
    [property: Description("full (the whole instrument) or quick (two statements per driver).")] string Instrument,
    [property: Description("draft, open or closed. An open assessment past its close date reads as closed.")] string Status,
    [property: Description("Teams asked; empty means every team.")] IReadOnlyList<string> Teams,
    [property: Description("Roles asked (leader, manager, seller, ops & enablement); empty means every role.")] IReadOnlyList<string> Roles,
    [property: Description("Answers are taken until the end of this day (UTC); null when it is closed by hand.")] DateOnly? CloseDate,
    DateTime CreatedAt,
    DateTime? OpenedAt,
    DateTime? ClosedAt,
    [property: Description("Submitted responses so far.")] int Responses)
{
    public static AssessmentResponse From(Assessment assessment, int responses)
    {
        var audience = Audience.Of(assessment);
        return new(assessment.Id, assessment.Name, assessment.QuickForm ? "quick" : "full", assessment.Status.ToString().ToLowerInvariant(),
            audience.Teams, audience.Roles.Select(PersonRoles.Text).ToList(), assessment.CloseDate,
            ApiProblems.Utc(assessment.CreatedAt), ApiProblems.Utc(assessment.OpenedAt), ApiProblems.Utc(assessment.ClosedAt), responses);
    }
}

[Description("A new name for an assessment.")]
public sealed record AssessmentRenameRequest([property: Description("1 to 200 characters; control characters become spaces.")] string? Name);

[Description("A follow-up of a closed assessment, made as a draft.")]
public sealed record FollowUpRequest(
    [property: Description("At most 200 characters; left out for \"<name> — follow-up\".")] string? Name = null,
    [property: Description("One to three driver ids for a pulse; empty or left out for the whole instrument.")] IReadOnlyList<string?>? Drivers = null,
    [property: Description("Year-month-day, from today on; left out to close by hand.")] string? CloseDate = null);

[Description("A new assessment, made as a draft: opening it sends the invitations.")]
public sealed record AssessmentRequest(
    [property: Description("Required, at most 200 characters.")] string? Name,
    [property: Description("full or quick (default full).")] string? Instrument = null,
    [property: Description("Teams to ask (each must have people); empty or left out for every team.")] IReadOnlyList<string?>? Teams = null,
    [property: Description("Roles to ask: leader, manager, seller, ops & enablement; empty or left out for every role.")] IReadOnlyList<string?>? Roles = null,
    [property: Description("yyyy-MM-dd, today or later; left out to close by hand.")] string? CloseDate = null,
    [property: Description("A personal note for the invitation and reminder emails, plain text as typed (line breaks kept), at most 1,000 characters; left out for none.")] string? Note = null,
    [property: Description("The name the emails come from, at most 200 characters; left out for the name of the token's member.")] string? SenderName = null);

[Description("One person's personal survey link. Links are stored only as hashes: this is the one time they can be read.")]
public sealed record InvitationLinkResponse(string Name, string Email, string Team, string Role, string Link);

[Description("What opening or reminding did, with personal links just made (shown this once): every link when the server has no SMTP set up (the admin passes them on), else only those whose email could not be sent. A reminder also gives counts only: how many were reminded and how many have answered.")]
public sealed record InvitationsResponse(
    [property: Description("What was done, in words.")] string Message,
    AssessmentResponse Assessment,
    IReadOnlyList<InvitationLinkResponse> Links,
    [property: Description("Emails that could not be sent (their links are in the list and in the outbox CSV).")] int EmailsNotSent,
    [property: Description("The anonymous open link, when the assessment was opened with one (shown this once: it is stored only as a hash).")] string? OpenLink = null,
    [property: Description("A reminder only: how many people it went to (with SMTP, those who have not submitted; without, everyone invited).")] int? Reminded = null,
    [property: Description("A reminder only: how many of those invited have submitted (a count, never who).")] int? Answered = null);

[Description("How many were invited, began and submitted.")]
public sealed record ParticipationCountResponse(
    [property: Description("A team or role; \"Smaller groups combined\" for groups merged so that none smaller than the minimum group size is shown; \"(not given)\" for no team.")] string Label,
    int Invited,
    int Started,
    int Submitted,
    [property: Description("Whether this row merges smaller groups.")] bool Merged);

[Description("Participation as counts only, with small teams and roles merged as on the assessment page.")]
public sealed record ParticipationResponse(
    ParticipationCountResponse Overall,
    IReadOnlyList<ParticipationCountResponse> ByTeam,
    IReadOnlyList<ParticipationCountResponse> ByRole,
    int MinimumGroupSize,
    [property: Description("Personal links opened in a browser signed in as a member of the organization (a sign of someone answering for others).")] int OpenedBySignedInMembers,
    [property: Description("People invited who were added to the people list, or whose email address was changed, within a day before the assessment opened.")] int AddedShortlyBeforeOpening,
    [property: Description("Personal links an admin received to pass on (no mail server, or the email failed).")] int HandedToAdmin)
{
    public static ParticipationResponse From(Participation participation, LinkSignals signals)
    {
        static ParticipationCountResponse Row(ParticipationCount c) => new(c.Label, c.Invited, c.Started, c.Submitted, c.Merged);
        return new(Row(participation.Overall), participation.ByTeam.Select(Row).ToList(), participation.ByRole.Select(Row).ToList(), participation.MinimumGroupSize,
            signals.OpenedBySignedInMembers, signals.AddedShortlyBeforeOpening, signals.HandedToAdmin);
    }
}

/// <summary>/api/v1/assessments (renaming and deleting too): the same rules, invitations, emails and audit entries as the assessment pages.</summary>
public static class AssessmentsApi
{
    public static void MapAssessments(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/assessments").WithTags(ApiTags.Assessments);
        group.MapGet("", List).WithName("listAssessments").WithSummary("List assessments")
            .WithDescription("Newest first. `page` from 1, `pageSize` up to 200 (default 50).").ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get).WithName("getAssessment").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Read an assessment");
        group.MapPost("", Create).Changes().TakesJson().WithName("createAssessment").WithSummary("Create an assessment (a draft)");
        group.MapPost("/{id:guid}/open", Open).Changes().WithName("openAssessment").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Open an assessment: invite everyone in its audience")
            .WithDescription("Each person in the audience gets a personal link by email (or in the outbox when no mail server is set). The links are in the answer, this once: they are stored only as hashes. "
                + "With `delivery=open-link`, there are no personal links: one anonymous open link for everyone (in `openLink`, this once), where respondents pick their team and role and each browser answers once.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/remind", Remind).Changes().WithName("remindAssessment").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Remind those who have not submitted, with further links")
            .WithDescription("With SMTP set up, everyone invited who has not submitted is emailed a reminder with a further personal link, at the address the invitation was made for; the answer gives counts only (`reminded`, `answered`) and no links except those whose email could not be sent. "
                + "Without SMTP, as before: a further link for everyone invited (those who answered too, since links for only the others would tell who has answered), all in `links` for the admin to pass on. "
                + "Earlier links always keep working; answers saved so far are kept.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/close", Close).Changes().WithName("closeAssessment").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Close an assessment")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPatch("/{id:guid}", Rename).Changes().TakesJson().WithName("renameAssessment")
            .WithSummary("Rename an assessment")
            .WithDescription("Changes the assessment's name, in any state (draft, open, closed, uploaded). The change is recorded in the audit log.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).Changes().WithName("deleteAssessment")
            .WithSummary("Delete an assessment")
            .WithDescription("A draft is deleted as it is. A closed or uploaded assessment holds people's answers, so the call must repeat its exact name in "
                + "`confirm` (the API's form of typing the name on the page): a missing or different name is refused with 400 and nothing is deleted. "
                + "An open assessment is refused with 409: close it first. Deleting removes its invitations and their links, drafts, sealed submissions, "
                + "responses and results for good; planned actions made from it stay, without the link. The deletion is recorded in the audit log.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/follow-up", CreateFollowUp).Changes().TakesJson().WithName("createFollowUp")
            .WithSummary("Run a follow-up of a closed assessment (a draft)")
            .WithDescription("A new draft with the same instrument and audience as the closed assessment, so the next wave can be compared with it. "
                + "With `drivers` (one to three driver ids), a pulse: the instrument restricted to those drivers, scored like any other. The new draft is in the answer.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}/participation", GetParticipation).WithName("getParticipation").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Participation counts");
    }

    private static async Task<Results<Ok<ListPage<AssessmentResponse>>, ValidationProblem>> List(
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page, 1 to 200 (default 50).")] int? pageSize,
        ApiCaller caller, AppDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (number, size, problem) = Paging.Check(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }

        var rows = db.Assessments.AsNoTracking().Where(a => a.OrganizationId == caller.OrganizationId)
            .OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new { Assessment = a, Responses = db.SurveyResponses.Count(r => r.AssessmentId == a.Id) + db.SealedSubmissions.Count(s => s.AssessmentId == a.Id) });
        return TypedResults.Ok(await rows.ToPageAsync(number, size, row =>
        {
            AssessmentDeadline.ShowAsClosedIfDue(row.Assessment);
            return AssessmentResponse.From(row.Assessment, row.Responses);
        }, http, cancellationToken));
    }

    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> Get(
        Guid id, ApiCaller caller, AssessmentActions actions, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(caller.OrganizationId, id, toChange: false, cancellationToken) is not { } assessment)
        {
            return ApiProblems.NotFound("assessment");
        }

        return TypedResults.Ok(await ResponseAsync(db, assessment, cancellationToken));
    }

    private static async Task<Results<Created<AssessmentResponse>, ValidationProblem>> Create(
        AssessmentRequest request, ApiCaller caller, NewAssessment create, CancellationToken cancellationToken)
    {
        var outcome = await create.CreateAsync(caller.OrganizationId, caller.Actor, request.Name, request.Instrument ?? "full", request.Teams ?? [],
            (request.Roles ?? []).Select(People.PersonRoles.Parse).ToList(), request.CloseDate, request.Note, request.SenderName, cancellationToken);
        if (outcome.Assessment is not { } assessment)
        {
            return ApiProblems.Invalid(outcome.Errors.ByField);
        }

        return TypedResults.Created($"/api/v1/assessments/{assessment.Id}", AssessmentResponse.From(assessment, 0));
    }

    private static async Task<Results<Created<AssessmentResponse>, ValidationProblem, ProblemHttpResult>> CreateFollowUp(
        Guid id, FollowUpRequest request, ApiCaller caller, AssessmentActions actions, FollowUp followUp, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(caller.OrganizationId, id, toChange: true, cancellationToken) is not { } source)
        {
            return ApiProblems.NotFound("assessment");
        }

        if (FollowUp.Refusal(source) is { } refusal)
        {
            return ApiProblems.Conflict(refusal);
        }

        var outcome = await followUp.CreateAsync(caller.OrganizationId, caller.Actor, source, request.Name ?? FollowUp.SuggestedName(source), request.Drivers ?? [], request.CloseDate, cancellationToken);
        if (outcome.Assessment is not { } created)
        {
            return ApiProblems.Invalid(outcome.Errors.ByField);
        }

        return TypedResults.Created($"/api/v1/assessments/{created.Id}", AssessmentResponse.From(created, 0));
    }

    private static async Task<Results<Ok<AssessmentResponse>, ValidationProblem, ProblemHttpResult>> Rename(
        Guid id, AssessmentRenameRequest request, ApiCaller caller, AssessmentActions actions, AssessmentRename rename, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(caller.OrganizationId, id, toChange: true, cancellationToken) is not { } assessment)
        {
            return ApiProblems.NotFound("assessment");
        }

        var outcome = await rename.RenameAsync(caller.OrganizationId, caller.Actor, assessment, request.Name, cancellationToken);
        if (outcome.Assessment is null)
        {
            return ApiProblems.Invalid(outcome.Errors.ByField);
        }

        return TypedResults.Ok(await ResponseAsync(db, assessment, cancellationToken));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        Guid id,
        [Description("The assessment's exact name; required for a closed or uploaded assessment, ignored for a draft.")] string? confirm,
        ApiCaller caller, AssessmentActions actions, AssessmentRemoval removal, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(caller.OrganizationId, id, toChange: true, cancellationToken) is not { } assessment)
        {
            return ApiProblems.NotFound("assessment");
        }

        var outcome = await removal.DeleteAsync(caller.OrganizationId, caller.Actor, assessment, confirm, cancellationToken);
        if (outcome.Deleted)
        {
            return TypedResults.NoContent();
        }

        return outcome.Errors.Has("confirm") ? ApiProblems.Invalid(outcome.Errors.ByField) : ApiProblems.Conflict(string.Join(" ", outcome.Errors.ByField.Values.SelectMany(m => m)));
    }

    private static async Task<Results<Ok<InvitationsResponse>, ProblemHttpResult>> Open(
        Guid id, ApiCaller caller, AssessmentActions actions, AppDbContext db, HttpContext http,
        [Description("personal-links (default) or open-link.")] string? delivery, CancellationToken cancellationToken) => delivery switch
        {
            null or "" or "personal-links" => await InviteAsync(id, caller, actions, actions.OpenAsync, db, http, cancellationToken),
            "open-link" => await InviteAsync(id, caller, actions, actions.OpenWithOpenLinkAsync, db, http, cancellationToken),
            _ => ApiProblems.Problem(StatusCodes.Status400BadRequest, $"delivery must be personal-links or open-link; \"{delivery}\" was given."),
        };

    private static Task<Results<Ok<InvitationsResponse>, ProblemHttpResult>> Remind(
        Guid id, ApiCaller caller, AssessmentActions actions, AppDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        InviteAsync(id, caller, actions, actions.RemindAsync, db, http, cancellationToken);

    private static async Task<Results<Ok<AssessmentResponse>, ProblemHttpResult>> Close(
        Guid id, ApiCaller caller, AssessmentActions actions, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await FindWithOrganizationAsync(id, caller, actions, db, cancellationToken) is not var (assessment, organization))
        {
            return ApiProblems.NotFound("assessment");
        }

        var outcome = await actions.CloseAsync(organization, assessment, caller.Actor, cancellationToken);
        return outcome.Problem is not null ? ApiProblems.Conflict(outcome.Problem) : TypedResults.Ok(await ResponseAsync(db, assessment, cancellationToken));
    }

    private static async Task<Results<Ok<ParticipationResponse>, ProblemHttpResult>> GetParticipation(
        Guid id, ApiCaller caller, AssessmentActions actions, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(caller.OrganizationId, id, toChange: false, cancellationToken) is not { } assessment)
        {
            return ApiProblems.NotFound("assessment");
        }

        var organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == caller.OrganizationId, cancellationToken);
        var k = MinimumGroupSizes.Of(assessment, organization);
        return TypedResults.Ok(ParticipationResponse.From(await Participation.LoadAsync(db, assessment.Id, k, cancellationToken), await LinkSignals.LoadAsync(db, assessment, cancellationToken)));
    }

    private static async Task<Results<Ok<InvitationsResponse>, ProblemHttpResult>> InviteAsync(
        Guid id,
        ApiCaller caller,
        AssessmentActions actions,
        Func<Organization, Assessment, Actor, CancellationToken, Task<ActionOutcome>> action,
        AppDbContext db,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        if (await FindWithOrganizationAsync(id, caller, actions, db, cancellationToken) is not var (assessment, organization))
        {
            return ApiProblems.NotFound("assessment");
        }

        var outcome = await action(organization, assessment, caller.Actor, cancellationToken);
        if (outcome.Problem is not null)
        {
            return ApiProblems.Conflict(outcome.Problem);
        }

        // The answer carries live personal links: keep it out of every cache.
        http.Response.Headers.CacheControl = "no-store";
        var links = (outcome.Links ?? []).Select(l => new InvitationLinkResponse(l.Name, l.Email, l.Team, l.Role, l.Link)).ToList();
        return TypedResults.Ok(new InvitationsResponse(outcome.Done ?? "", await ResponseAsync(db, assessment, cancellationToken), links, outcome.NotSent, outcome.OpenLink, outcome.Reminded, outcome.Answered));
    }

    private static async Task<(Assessment, Organization)?> FindWithOrganizationAsync(
        Guid id, ApiCaller caller, AssessmentActions actions, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(caller.OrganizationId, id, toChange: true, cancellationToken) is not { } assessment)
        {
            return null;
        }

        return (assessment, await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == caller.OrganizationId, cancellationToken));
    }

    internal static async Task<AssessmentResponse> ResponseAsync(AppDbContext db, Assessment assessment, CancellationToken cancellationToken) =>
        AssessmentResponse.From(assessment, await Submissions.CountAsync(db, assessment.Id, cancellationToken));
}
