using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.People;

[Description("A member of the sales team.")]
public sealed record PersonResponse(
    Guid Id,
    string Name,
    string Email,
    [property: Description("leader, manager, seller or ops & enablement.")] string Role,
    [property: Description("The team; \"\" when none.")] string Team,
    DateTime CreatedAt)
{
    public static PersonResponse From(Person person) => new(person.Id, person.Name, person.Email, Assessments.PersonRoles.Text(person.Role), person.Team, ApiProblems.Utc(person.CreatedAt));
}

[Description("A person's fields.")]
public sealed record PersonRequest(
    [property: Description("Required, at most 200 characters.")] string? Name,
    [property: Description("Required; each email once per organization.")] string? Email,
    [property: Description("leader, manager, seller, or ops & enablement (also: ops, enablement).")] string? Role,
    [property: Description("Optional, at most 100 characters.")] string? Team = null);

[Description("What an import did (or, with preview, would do).")]
public sealed record ImportResponse(
    [property: Description("True when the people were stored; false for a preview.")] bool Imported,
    int Added,
    int Updated,
    int Unchanged,
    [property: Description("Columns of the file that were not read.")] IReadOnlyList<string> IgnoredColumns);

/// <summary>/api/v1/people: the same rules, messages and audit entries as the people pages and the CSV import.</summary>
public static class PeopleApi
{
    public static void MapPeople(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/people").WithTags(ApiTags.People);
        group.MapGet("", List).WithName("listPeople").WithSummary("List people")
            .WithDescription("By name, then email. `page` from 1, `pageSize` up to 200 (default 50).").ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get).WithName("getPerson").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Read a person");
        group.MapPost("", Create).Changes().TakesJson().WithName("createPerson").WithSummary("Add a person");
        group.MapPut("/{id:guid}", Update).Changes().TakesJson().WithName("updatePerson").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Change a person");
        group.MapDelete("/{id:guid}", Delete).Changes().WithName("deletePerson").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("Remove a person")
            .WithDescription("Their invitations stay (so participation counts do not change), without the link to them.");
        group.MapPost("/import", Import).Changes().WithName("importPeople").WithSummary("Import people from CSV")
            .WithDescription("""
                The body is the CSV file itself (Content-Type: text/csv, UTF-8, at most 1 MB), exactly as the web import reads it:
                a header row naming the columns name, email, role and team (team optional, any order, extra columns ignored),
                delimiter `,` `;` or tab. People already on the list (same email) are updated. If any row is bad, nothing is
                stored and every bad row is named under `errors` ("line 3": […]). With `preview=true`, nothing is stored either way.
                """)
            .Accepts<string>("text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Results<Ok<ListPage<PersonResponse>>, ValidationProblem>> List(
        [Description("Page number, from 1.")] int? page,
        [Description("Items per page, 1 to 200 (default 50).")] int? pageSize,
        ApiCaller caller, AppDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (number, size, problem) = Paging.Check(page, pageSize);
        if (problem is not null)
        {
            return problem;
        }

        var people = db.People.AsNoTracking().Where(p => p.OrganizationId == caller.OrganizationId)
            .OrderBy(p => p.Name.ToLower()).ThenBy(p => p.Email).ThenBy(p => p.Id);
        return TypedResults.Ok(await people.ToPageAsync(number, size, PersonResponse.From, http, cancellationToken));
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> Get(Guid id, ApiCaller caller, AppDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, caller, id, cancellationToken) is { } person ? TypedResults.Ok(PersonResponse.From(person)) : ApiProblems.NotFound("person");

    private static async Task<Results<Created<PersonResponse>, ValidationProblem>> Create(
        PersonRequest request, ApiCaller caller, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var (form, role, problem) = await CheckAsync(request, db, caller, except: null);
        if (problem is not null)
        {
            return problem;
        }

        var person = new Person { OrganizationId = caller.OrganizationId, Name = form.CleanName, Email = form.CleanEmail, Role = role, Team = form.CleanTeam };
        db.People.Add(person);
        audit.Record(caller.OrganizationId, caller.Actor, "person added", PersonText.Describe(person));
        if (await SaveAsync(db, form, cancellationToken) is { } taken)
        {
            return taken;
        }

        return TypedResults.Created($"/api/v1/people/{person.Id}", PersonResponse.From(person));
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, PersonRequest request, ApiCaller caller, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, caller, id, cancellationToken) is not { } person)
        {
            return ApiProblems.NotFound("person");
        }

        var (form, role, problem) = await CheckAsync(request, db, caller, except: id);
        if (problem is not null)
        {
            return problem;
        }

        var changes = PersonEditing.Apply(person, form, role);
        if (changes.Count > 0)
        {
            audit.Record(caller.OrganizationId, caller.Actor, "person changed", $"{person.Name} <{person.Email}>: " + string.Join("; ", changes));
            if (await SaveAsync(db, form, cancellationToken) is { } taken)
            {
                return taken;
            }
        }

        return TypedResults.Ok(PersonResponse.From(person));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ApiCaller caller, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, caller, id, cancellationToken) is not { } person)
        {
            return ApiProblems.NotFound("person");
        }

        db.People.Remove(person);
        audit.Record(caller.OrganizationId, caller.Actor, "person removed", PersonText.Describe(person));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> Import(
        HttpRequest http,
        [Description("true: check the file and say what would happen, without storing anything.")] bool? preview,
        ApiCaller caller, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var mediaType = http.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("text/csv" or "text/plain" or "text/tab-separated-values"))
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, ApiProblems.SendCsv);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ImportModel.MaximumBytes)
            {
                return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, "The file is larger than 1 MB. Import the team in parts.");
            }

            buffer.Write(chunk, 0, read);
        }

        string text;
        try
        {
            // Strict UTF-8, as the page: a file saved in another encoding would otherwise import garbled names.
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.ToArray()).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return ApiProblems.Invalid("body", "The file is not UTF-8 text. In your spreadsheet, save it as \"CSV UTF-8\" and send it again.");
        }

        var result = await ImportPreview.BuildAsync(db, caller.OrganizationId, text, cancellationToken);
        if (!result.IsClean)
        {
            var errors = result.Problems
                .GroupBy(p => p.Line is { } line ? $"line {line}" : "file")
                .ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray());
            return ApiProblems.Invalid(errors, $"Nothing was imported: {result.Problems.Count} {(result.Problems.Count == 1 ? "problem" : "problems")} in the file, each under its line.");
        }

        if (preview != true)
        {
            result.Apply(db, caller.OrganizationId);
            audit.Record(caller.OrganizationId, caller.Actor, "people imported", $"{result.Counts}, from the API");
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (PersonEditing.IsDuplicate(e))
            {
                return ApiProblems.Conflict("Someone changed the list of people at the same moment. Nothing was imported; send the file again.");
            }
        }

        return TypedResults.Ok(new ImportResponse(preview != true, result.ToAdd.Count, result.ToUpdate.Count, result.Unchanged.Count, result.IgnoredColumns));
    }

    private static Task<Person?> FindAsync(AppDbContext db, ApiCaller caller, Guid id, CancellationToken cancellationToken) =>
        db.People.FirstOrDefaultAsync(p => p.Id == id && p.OrganizationId == caller.OrganizationId, cancellationToken);

    /// <summary>The page's checks: the form's rules (required, lengths, a valid email), the role, an email once per organization.</summary>
    private static async Task<(PersonForm Form, PersonRole Role, ValidationProblem? Problem)> CheckAsync(PersonRequest request, AppDbContext db, ApiCaller caller, Guid? except)
    {
        var form = new PersonForm { Name = request.Name!, Email = request.Email!, Role = request.Role!, Team = request.Team };
        var state = new ModelStateDictionary();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                state.AddModelError("p." + member, result.ErrorMessage ?? "Not valid.");
            }
        }

        var role = form.CheckRole(state, "p");
        if (state.IsValid && await PersonEditing.HolderOfAsync(db, caller.OrganizationId, form.CleanEmail, except) is { } holder)
        {
            state.AddModelError("p.Email", PersonEditing.Taken(form.CleanEmail, holder));
        }

        if (!state.IsValid || role is null)
        {
            var errors = state.Where(e => e.Value is { Errors.Count: > 0 }).ToDictionary(
                e => char.ToLowerInvariant(e.Key[2]) + e.Key[3..],
                e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray());
            return (form, default, ApiProblems.Invalid(errors));
        }

        return (form, role.Value, null);
    }

    private static async Task<ValidationProblem?> SaveAsync(AppDbContext db, PersonForm form, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e) when (PersonEditing.IsDuplicate(e))
        {
            return ApiProblems.Invalid("email", $"{form.CleanEmail} was added by someone else a moment ago. Each email can be on the list once.");
        }
    }
}
