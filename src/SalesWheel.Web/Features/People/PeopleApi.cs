using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;

namespace SalesWheel.Web.Features.People;

[Description("A member of the sales team.")]
public sealed record PersonResponse(
    Guid Id,
    string Name,
    string Email,
    [property: Description("The role family results count the person in: leader, manager, seller or ops & enablement.")] string Role,
    [property: Description("The team; \"\" when none.")] string Team,
    DateTime CreatedAt,
    [property: Description("The organization's own role (AE, SDR…) the person holds; the family when none.")] string RoleName,
    [property: Description("The person's values of the organization's attributes, by attribute name; an attribute without a value is left out.")] IReadOnlyDictionary<string, string> Attributes)
{
    public static PersonResponse From(Person person, RoleCatalog roles, IReadOnlyList<AttributeDefinition> attributes)
    {
        var values = AttributeValues.Read(person.AttributesJson);
        return new(person.Id, person.Name, person.Email, Assessments.PersonRoles.Text(person.Role), person.Team, ApiProblems.Utc(person.CreatedAt), roles.NameOf(person),
            attributes.Where(a => values.ContainsKey(a.Id)).ToDictionary(a => a.Name, a => values[a.Id], StringComparer.Ordinal));
    }

    /// <summary>The organization's roles and attributes, which a response names.</summary>
    public static async Task<Func<Person, PersonResponse>> ForAsync(AppDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        var roles = await RoleCatalog.LoadAsync(db, organizationId, cancellationToken);
        var attributes = await AttributeSettings.ListAsync(db, organizationId, cancellationToken);
        return person => From(person, roles, attributes);
    }
}

[Description("A person's fields.")]
public sealed record PersonRequest(
    [property: Description("Required, at most 200 characters.")] string? Name,
    [property: Description("Required; each email once per organization.")] string? Email,
    [property: Description("One of the organization's own roles (any case), or a family: leader, manager, seller, or ops & enablement (also: ops, enablement).")] string? Role,
    [property: Description("Optional, at most 100 characters.")] string? Team = null,
    [property: Description("Values of the organization's attributes by attribute name (any case), at most 100 characters each; \"\" clears one. Left out: values stay as they are.")]
    IReadOnlyDictionary<string, string?>? Attributes = null);

[Description("What an import did (or, with preview, would do).")]
public sealed record ImportResponse(
    [property: Description("True when the people were stored; false for a preview.")] bool Imported,
    int Added,
    int Updated,
    int Unchanged,
    [property: Description("Columns of the file that were not read.")] IReadOnlyList<string> IgnoredColumns,
    [property: Description("With onlyGoodRows: the bad rows left out, by line (\"line 3\": reasons); empty otherwise.")] IReadOnlyDictionary<string, string[]> LeftOut);

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
                and a column for each of the organization's attributes to set (named like the attribute, any case; a blank cell clears the value),
                delimiter `,` `;` or tab. People already on the list (same email) are updated. If any row is bad, nothing is
                stored and every bad row is named under `errors` ("line 3": […]), unless `onlyGoodRows=true`: then the good rows are
                stored and the response names the lines left out. With `preview=true`, nothing is stored either way.
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
        return TypedResults.Ok(await people.ToPageAsync(number, size, await PersonResponse.ForAsync(db, caller.OrganizationId, cancellationToken), http, cancellationToken));
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> Get(Guid id, ApiCaller caller, PersonActions people, AppDbContext db, CancellationToken cancellationToken) =>
        await people.FindAsync(caller.OrganizationId, id, cancellationToken) is { } person
            ? TypedResults.Ok((await PersonResponse.ForAsync(db, caller.OrganizationId, cancellationToken))(person))
            : ApiProblems.NotFound("person");

    private static async Task<Results<Created<PersonResponse>, ValidationProblem>> Create(
        PersonRequest request, ApiCaller caller, PersonActions people, AppDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await people.AddAsync(caller.OrganizationId, caller.Actor, FormOf(request), cancellationToken);
        if (outcome.Person is not { } person)
        {
            return ApiProblems.Invalid(outcome.Errors.ByField);
        }

        return TypedResults.Created($"/api/v1/people/{person.Id}", (await PersonResponse.ForAsync(db, caller.OrganizationId, cancellationToken))(person));
    }

    private static async Task<Results<Ok<PersonResponse>, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, PersonRequest request, ApiCaller caller, PersonActions people, AppDbContext db, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } person)
        {
            return ApiProblems.NotFound("person");
        }

        var outcome = await people.ChangeAsync(caller.OrganizationId, caller.Actor, person, FormOf(request), cancellationToken);
        return outcome.Person is null
            ? ApiProblems.Invalid(outcome.Errors.ByField)
            : TypedResults.Ok((await PersonResponse.ForAsync(db, caller.OrganizationId, cancellationToken))(person));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ApiCaller caller, PersonActions people, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(caller.OrganizationId, id, cancellationToken) is not { } person)
        {
            return ApiProblems.NotFound("person");
        }

        await people.RemoveAsync(caller.OrganizationId, caller.Actor, person, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ImportResponse>, ValidationProblem, ProblemHttpResult>> Import(
        HttpRequest http,
        [Description("true: check the file and say what would happen, without storing anything.")] bool? preview,
        [Description("true: store the good rows and leave out the bad ones (named under leftOut); a file that cannot be read is still refused.")] bool? onlyGoodRows,
        ApiCaller caller, PeopleImport import, CancellationToken cancellationToken)
    {
        var mediaType = http.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("text/csv" or "text/plain" or "text/tab-separated-values"))
        {
            return ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, ApiProblems.SendCsv);
        }

        if (await RequestBody.ReadAsync(http, PeopleImport.MaximumBytes, cancellationToken) is not { } body)
        {
            return ApiProblems.Problem(StatusCodes.Status413PayloadTooLarge, PeopleImport.TooLarge("The file"));
        }

        if (PeopleImport.Decode(body) is not { } text)
        {
            return ApiProblems.Invalid("body", PeopleImport.NotUtf8("The file", "send"));
        }

        ImportPreview result;
        if (preview == true)
        {
            result = await import.PreviewAsync(caller.OrganizationId, text, cancellationToken);
        }
        else
        {
            var outcome = await import.ImportAsync(caller.OrganizationId, caller.Actor, text, "the API", "send the file again", cancellationToken, onlyGoodRows: onlyGoodRows == true);
            if (outcome.Conflict is not null)
            {
                return ApiProblems.Conflict(outcome.Conflict);
            }

            result = outcome.Preview;
        }

        var errors = result.Problems
            .GroupBy(p => p.Line is { } line ? $"line {line}" : "file")
            .ToDictionary(g => g.Key, g => g.Select(p => p.Reason).ToArray());
        if (!result.IsClean && !(onlyGoodRows == true && result.CanImportGoodRows))
        {
            return ApiProblems.Invalid(errors, $"Nothing was imported: {result.Problems.Count} {(result.Problems.Count == 1 ? "problem" : "problems")} in the file, each under its line.");
        }

        return TypedResults.Ok(new ImportResponse(preview != true, result.ToAdd.Count, result.ToUpdate.Count, result.Unchanged.Count, result.IgnoredColumns, errors));
    }

    /// <summary>The request as the people pages' form, checked by the same rules.</summary>
    private static PersonForm FormOf(PersonRequest request) => new()
    {
        Name = request.Name!,
        Email = request.Email!,
        Role = request.Role!,
        Team = request.Team,
        Attributes = request.Attributes?.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
    };
}
