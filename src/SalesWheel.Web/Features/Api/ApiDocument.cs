using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Web.Features.Api;

/// <summary>The OpenAPI document's parts that no endpoint states itself: the text, the bearer scheme, the tags.</summary>
public static class ApiDocument
{
    public const string BearerScheme = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true
            || description.RelativePath == "api/v1";
        options.AddDocumentTransformer((document, context, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "SalesWheel API",
                Version = "v1",
                Description = """
                    Settings, people, assessments, results and the action plan of one SalesWheel organization.

                    **Authentication.** Every call sends a personal API token: `Authorization: Bearer swk_…`. Owners and admins make
                    tokens in the web app under Settings → API tokens; a token belongs to one organization, has the viewer role
                    (reads only) or the admin role (reads and changes), and is shown once.

                    **Anonymity.** The API follows the same rules as the web app: nothing about a group smaller than the
                    organization's minimum group size, and no answer tied to a person. An assessment with fewer respondents than
                    that shows participation counts only.

                    **Errors** are problem details (RFC 9457); a validation error lists the message under each field's name.
                    **Lists** take `page` and `pageSize` (at most 200) and answer with the total and `Link` headers.
                    **Rate limits** answer 429 with `Retry-After`.
                    """,
            };
            // The configured base URL, not the one the request's Host header claims (paths start with a slash).
            var links = new Infrastructure.LinkBuilder(
                context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Infrastructure.SalesWheelOptions>>(),
                context.ApplicationServices.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>());
            document.Servers = [new OpenApiServer { Url = links.BaseUrl }];

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token (swk_…), made under Settings → API tokens.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            document.Tags = new HashSet<OpenApiTag>
            {
                new() { Name = ApiTags.Organization, Description = "The organization's settings: name, phase, deal size, minimum group size, driver relevance." },
                new() { Name = ApiTags.People, Description = "The sales team who can be invited to answer." },
                new() { Name = ApiTags.Assessments, Description = "Team surveys: create, open (invitations), remind, close, participation." },
                new() { Name = ApiTags.Results, Description = "Scores as SalesWheel computes them, and exports." },
                new() { Name = ApiTags.Plan, Description = "What the organization decided to do about its drivers: who owns each action, by when, and how far it got." },
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, _, _) =>
        {
            // Paging's bounds (Paging.Check), on every list.
            foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            {
                if (parameter.In == ParameterLocation.Query && parameter.Schema is OpenApiSchema schema && parameter.Name is "page" or "pageSize")
                {
                    schema.Minimum = "1";
                    schema.Maximum = parameter.Name == "pageSize" ? Paging.MaximumPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
                }
            }

            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            // A shared result has no size for a hidden group (SharedResult.From): say so in the schema.
            if (context.JsonTypeInfo.Type == typeof(BreakdownGroup) && schema.Properties?.TryGetValue("n", out var n) == true && n is OpenApiSchema size)
            {
                size.Type |= JsonSchemaType.Null;
                size.Description = "Respondents in the group; null when the group is hidden (suppressed), so that its size cannot be read either.";
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// The reference page's content security policy: the app's own, with two relaxations Scalar needs, for /docs only:
    /// its inline start-up script, allowed by a fresh nonce per request (not 'unsafe-inline'), and the styles it sets
    /// from script ('unsafe-inline' for styles only: its components write style elements and attributes without a nonce).
    /// Still nothing from other hosts.
    /// </summary>
    public static string DocsPolicy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
}

/// <summary>The groups of operations in the reference.</summary>
public static class ApiTags
{
    public const string Organization = "Organization";
    public const string People = "People";
    public const string Assessments = "Assessments";
    public const string Results = "Results";
    public const string Plan = "Action plan";
}
