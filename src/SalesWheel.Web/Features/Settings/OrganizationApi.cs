using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Features.Api;
using SalesWheel.Web.Features.ApiTokens;

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
    bool ViewersMayDownloadAnswers,
    [property: Description("Whether priorities are also weighed by measured importance (the results' impactPriorities, beside the standard priorities); off by default.")]
    bool ImpactAwarePriorities)
{
    public static OrganizationSettingsResponse From(Organization organization)
    {
        var levels = RelevanceLevels.ToLevels(RelevanceLevels.Parse(organization.RelevanceJson));
        var relevance = RelevanceGrid.Drivers.ToDictionary(
            d => d.Id,
            d => (IReadOnlyDictionary<string, int>)RelevanceGrid.Columns.Select((c, i) => (c.Code, Level: levels[d.Id][i])).ToDictionary(x => x.Code, x => x.Level));
        return new(organization.Id, organization.Name, organization.Phase?.Code(), organization.Acv?.Code(), organization.MinimumGroupSize, relevance, organization.RelevanceJson is null,
            organization.ViewersMayDownloadAnswers, organization.ImpactAwarePriorities);
    }
}

[Description("New settings. Every field is required except relevance, viewersMayDownloadAnswers and impactAwarePriorities: leave them out to keep them as they are.")]
public sealed record OrganizationSettingsRequest(
    string? Name,
    [property: Description("pmf, gtm-fit or scale; null or \"\" for not set.")] string? Phase,
    [property: Description("lt15k, 15k-50k or gt50k; null or \"\" for not set.")] string? Acv,
    [property: Description("At least 3, at most 100.")] int? MinimumGroupSize,
    [property: Description("The full grid, as in the response: every driver, every phase and ACV band, each 1, 2 or 3.")]
    Dictionary<string, Dictionary<string, int>>? Relevance = null,
    [property: Description("Whether viewers may download row-level answers; leave it out to keep the current choice.")]
    bool? ViewersMayDownloadAnswers = null,
    [property: Description("Whether priorities are also weighed by measured importance; leave it out to keep the current choice.")]
    bool? ImpactAwarePriorities = null);

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
        OrganizationSettingsRequest request, ApiCaller caller, OrganizationSettings settings, CancellationToken cancellationToken)
    {
        var change = new SettingsChange
        {
            Fields = new SettingsFields(request.Name, request.Phase, request.Acv, request.MinimumGroupSize?.ToString(CultureInfo.InvariantCulture)),
            Relevance = request.Relevance?.ToDictionary(
                d => d.Key,
                d => (IReadOnlyDictionary<string, string?>)d.Value.ToDictionary(c => c.Key, c => (string?)c.Value.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal),
                StringComparer.Ordinal),
            ViewersMayDownloadAnswers = request.ViewersMayDownloadAnswers,
            ImpactAwarePriorities = request.ImpactAwarePriorities,
        };
        var outcome = await settings.SaveAsync(caller.OrganizationId, caller.Actor, change, cancellationToken);
        return outcome.Organization is { } organization
            ? TypedResults.Ok(OrganizationSettingsResponse.From(organization))
            : ApiProblems.Invalid(outcome.Errors.ByField);
    }
}
