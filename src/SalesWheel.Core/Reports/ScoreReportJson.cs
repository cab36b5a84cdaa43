using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SalesWheel.Core.Actions;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports;

/// <summary>The JSON contract of SCORING.md: camelCase names, nulls written out, numbers unrounded.</summary>
public static class ScoreReportJson
{
    /// <summary>Options that produce the contract (shared by the CLI and the web API).</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutEmptyKeyDrivers } },
    };

    /// <summary>
    /// SCORING.md adds <c>keyDrivers</c> and <c>teamMetrics</c> "when there is something to report": written only when
    /// not empty, in the report as in <see cref="ScoreOutput"/>.
    /// </summary>
    private static void LeaveOutEmptyKeyDrivers(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(IReadOnlyList<KeyDriverSet>) || property.PropertyType == typeof(IReadOnlyList<TeamMetricSet>))
            {
                property.ShouldSerialize = (_, value) => value is System.Collections.ICollection { Count: > 0 };
            }
        }
    }

    /// <summary>Serializes a report as <see cref="ScoreOutput"/>: the contract, with what to do under each priority.</summary>
    public static string Serialize(ScoreReport report) => JsonSerializer.Serialize(ScoreOutput.From(report), Options) + "\n";
}

/// <summary>
/// The score JSON of <c>saleswheel score --format json</c> and of the API: the report's fields in the contract's order,
/// each priority with the playbook actions advised for it (<see cref="ActionAdvice"/>). Only adds a field to the
/// SCORING.md contract: every field of it keeps its name, place and value.
/// </summary>
/// <param name="Instrument">The instrument scored.</param>
/// <param name="Respondents">Rows with at least one answered item.</param>
/// <param name="Context">Phase, ACV band and minimum group size used.</param>
/// <param name="Dimensions">Every dimension, in instrument order.</param>
/// <param name="Breakdowns">One per grouping attribute.</param>
/// <param name="Priorities">Drivers ranked by priority, with actions under the top three ranks.</param>
/// <param name="KeyDrivers">SCORING.md's <c>keyDrivers</c>; left out (null) when the instrument has no outcome dimension.</param>
/// <param name="TeamMetrics">SCORING.md's <c>teamMetrics</c>; left out (null) when no team metrics were given.</param>
public sealed record ScoreOutput(
    InstrumentInfo Instrument,
    int Respondents,
    ScoringContext Context,
    IReadOnlyList<DimensionResult> Dimensions,
    IReadOnlyList<Breakdown> Breakdowns,
    IReadOnlyList<PriorityOutput> Priorities,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("Per outcome dimension of the instrument: each driver's Pearson r with it over respondents with both means defined, its Fisher-z 95% interval and two-sided p (SCORING.md \"Outcomes and key drivers\"); r, ci95 and p null when n < 4 or either does not vary. Absent when the instrument has no outcome dimension.")]
    IReadOnlyList<KeyDriverSet>? KeyDrivers = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("Per team metric: each driver's Pearson r between its team scores and the metric over the teams shown in the team breakdown that have a value; null below 4 teams, flag few-teams below 10 (a hint, not proof). Absent when no team metrics were given.")]
    IReadOnlyList<TeamMetricSet>? TeamMetrics = null)
{
    /// <summary>The report with its advice.</summary>
    public static ScoreOutput From(ScoreReport report)
    {
        var advice = ActionAdvice.For(report).ToDictionary(a => a.Priority.Dimension, StringComparer.Ordinal);
        return new ScoreOutput(report.Instrument, report.Respondents, report.Context, report.Dimensions, report.Breakdowns,
            report.Priorities.Select(p => new PriorityOutput(p.Dimension, p.Rank, p.Weight, p.Score, p.Priority, p.PhaseLevel, p.AcvLevel,
                advice.TryGetValue(p.Dimension, out var a) ? a.Actions.Select(ActionOutput.From).ToList() : [])).ToList(),
            report.KeyDrivers.Count > 0 ? report.KeyDrivers : null,
            report.TeamMetrics.Count > 0 ? report.TeamMetrics : null);
    }
}

/// <summary>A ranked driver as the contract writes it, with the actions advised for it.</summary>
/// <param name="Dimension">The driver's id.</param>
/// <param name="Rank">1 = fix first; ties broken by instrument order (SCORING.md).</param>
/// <param name="Weight">Relevance weight (1 when phase and band are unknown).</param>
/// <param name="Score">The driver's 0–100 score.</param>
/// <param name="Priority">Weight × (100 − score).</param>
/// <param name="PhaseLevel">Relevance level 1–3 for the phase; null for instruments other than the eight drivers.</param>
/// <param name="AcvLevel">Relevance level 1–3 for the ACV band; null likewise.</param>
/// <param name="Actions">2–3 playbook actions when the driver is among the top three ranks (every driver tied at the third included); empty otherwise.</param>
[Description("A driver ranked by priority = weight × (100 − score), as SCORING.md defines it, with what to do about it.")]
public sealed record PriorityOutput(
    string Dimension,
    int Rank,
    double Weight,
    double Score,
    double Priority,
    int? PhaseLevel,
    int? AcvLevel,
    [property: Description("What to do: 2 or 3 playbook actions for the driver's weakest facets that fit the phase and deal size, for each of the top three priorities (every driver tied at the third place included); empty for the others.")]
    IReadOnlyList<ActionOutput> Actions);

/// <summary>One advised playbook action, as the score JSON writes it.</summary>
/// <param name="Id">The playbook action's id.</param>
/// <param name="Title">Its short title.</param>
/// <param name="WhatToDo">What to do, in 2 to 4 sentences.</param>
/// <param name="Owner">Who typically owns it.</param>
/// <param name="Effort"><c>days</c>, <c>weeks</c> or <c>quarter</c>.</param>
/// <param name="Reason">Why it was chosen, e.g. "Sales Management and Coaching is Enablement's lowest facet at 31.0."</param>
[Description("A playbook action advised for a priority, with why it was chosen.")]
public sealed record ActionOutput(
    [property: Description("The playbook action's id (driver.facet.name), as `saleswheel playbook` lists it.")] string Id,
    [property: Description("A short imperative title.")] string Title,
    [property: Description("What to do, in 2 to 4 sentences.")] string WhatToDo,
    [property: Description("Who typically owns it, e.g. VP Sales, RevOps, front-line manager.")] string Owner,
    [property: Description("How long it usually takes to put in place: days, weeks or quarter.")] string Effort,
    [property: Description("Why it was chosen, e.g. \"Sales Management and Coaching is Enablement's lowest facet at 31.0.\"")] string Reason)
{
    /// <summary>The JSON shape of an advised action.</summary>
    public static ActionOutput From(AdvisedAction advised) => new(advised.Action.Id, advised.Action.Title, advised.Action.WhatToDo,
        advised.Action.Owner, advised.Action.Effort.Code(), advised.Reason);
}
