using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Settings;

[Description("The organization's settings.")]
public sealed record OrganizationSettingsResponse(
    Guid Id,
    string Name,
    [property: Description("Company phase: pmf, gtm-fit or scale; null when not set.")] string? Phase,
    [property: Description("Typical deal size (ACV band): lt15k, 15k-50k or gt50k; null when not set.")] string? Acv,
    [property: Description("Groups with fewer respondents than this are never shown (at least 3).")] int MinimumGroupSize,
    [property: Description("Relevance level of each driver (3 high, 2 medium, 1 low) by phase and ACV band: { \"strategy\": { \"pmf\": 3, \"gtm-fit\": 3, \"scale\": 2, \"lt15k\": 2, \"15k-50k\": 2, \"gt50k\": 3 }, … }.")]
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Relevance,
    [property: Description("Whether the relevance levels are SalesWheel's defaults.")] bool RelevanceIsDefault,
    [property: Description("Whether viewers may download row-level answers (the answers CSV and the workbook's Answers sheet); owners and admins always may.")]
    bool ViewersMayDownloadAnswers)
{
    public static OrganizationSettingsResponse From(Organization organization)
    {
        var levels = RelevanceLevels.ToLevels(RelevanceLevels.Parse(organization.RelevanceJson));
        var relevance = RelevanceGrid.Drivers.ToDictionary(
            d => d.Id,
            d => (IReadOnlyDictionary<string, int>)RelevanceGrid.Columns.Select((c, i) => (c.Code, Level: levels[d.Id][i])).ToDictionary(x => x.Code, x => x.Level));
        return new(organization.Id, organization.Name, organization.Phase?.Code(), organization.Acv?.Code(), organization.MinimumGroupSize, relevance, organization.RelevanceJson is null,
            organization.ViewersMayDownloadAnswers);
    }
}

[Description("New settings. Every field is required except relevance and viewersMayDownloadAnswers: leave them out to keep them as they are.")]
public sealed record OrganizationSettingsRequest(
    string? Name,
    [property: Description("pmf, gtm-fit or scale; null or \"\" for not set.")] string? Phase,
    [property: Description("lt15k, 15k-50k or gt50k; null or \"\" for not set.")] string? Acv,
    [property: Description("At least 3, at most 100.")] int? MinimumGroupSize,
    [property: Description("The full grid, as in the response: every driver, every phase and ACV band, each 1, 2 or 3.")]
    Dictionary<string, Dictionary<string, int>>? Relevance = null,
    [property: Description("Whether viewers may download row-level answers; leave it out to keep the current choice.")]
    bool? ViewersMayDownloadAnswers = null);

/// <summary>GET and PUT /api/v1/organization: the same rules, messages and audit entries as the settings page.</summary>
public static class OrganizationApi
{
    public static void MapOrganization(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/organization").WithTags(ApiTags.Organization);
        group.MapGet("", Get).WithName("getOrganization").WithSummary("Read the organization's settings");
        group.MapPut("", Update).Changes().TakesJson().WithName("updateOrganization").WithSummary("Change the organization's settings")
            .WithDescription("Name, company phase, ACV band, minimum group size and, optionally, the driver relevance grid and whether viewers may download row-level answers. Each change is recorded in the audit log.");
    }

    private static async Task<Ok<OrganizationSettingsResponse>> Get(ApiCaller caller, AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(OrganizationSettingsResponse.From(await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == caller.OrganizationId, cancellationToken)));

    private static async Task<Results<Ok<OrganizationSettingsResponse>, ValidationProblem>> Update(
        OrganizationSettingsRequest request, ApiCaller caller, AppDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = OrganizationSettings.Check(request.Name, request.Phase, request.Acv,
            request.MinimumGroupSize?.ToString(System.Globalization.CultureInfo.InvariantCulture), errors);
        RelevanceTable? table = null;
        if (request.Relevance is { } relevance)
        {
            foreach (var driver in relevance.Keys.Where(k => !RelevanceGrid.Drivers.Any(d => d.Id == k)))
            {
                errors[$"relevance.{driver}"] = $"There is no driver \"{driver}\". The drivers are {string.Join(", ", RelevanceGrid.Drivers.Select(d => d.Id))}.";
            }

            foreach (var (driver, columns) in relevance)
            {
                foreach (var column in columns.Keys.Where(c => !RelevanceGrid.Columns.Any(x => x.Code == c)))
                {
                    errors[$"relevance.{driver}.{column}"] = $"There is no phase or ACV band \"{column}\". Use {string.Join(", ", RelevanceGrid.Columns.Select(c => c.Code))}.";
                }
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            table = OrganizationSettings.ParseRelevance(key =>
            {
                var (driver, column) = (key[..key.IndexOf(':')], key[(key.IndexOf(':') + 1)..]);
                return relevance.GetValueOrDefault(driver)?.TryGetValue(column, out var level) == true
                    ? level.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : null;
            }, cells);
            foreach (var (key, message) in cells)
            {
                errors["relevance." + key.Replace(':', '.')] = message;
            }
        }

        if (errors.Count > 0 || values is null)
        {
            return ApiProblems.Invalid(errors.ToDictionary(e => e.Key, e => new[] { e.Value }));
        }

        var organization = await db.Organizations.FirstAsync(o => o.Id == caller.OrganizationId, cancellationToken);
        var changes = OrganizationSettings.Apply(organization, values);
        if (changes.Count > 0)
        {
            audit.Record(organization.Id, caller.Actor, "settings changed", string.Join("; ", changes));
        }

        if (table is not null && OrganizationSettings.ApplyRelevance(organization, table) is { Count: > 0 } levels)
        {
            audit.Record(organization.Id, caller.Actor, "relevance levels changed", string.Join("; ", levels));
        }

        if (request.ViewersMayDownloadAnswers is { } viewers && OrganizationSettings.ApplyAnswersAccess(organization, viewers) is { Count: > 0 } access)
        {
            audit.Record(organization.Id, caller.Actor, "answers access changed", string.Join("; ", access));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(OrganizationSettingsResponse.From(organization));
    }
}
