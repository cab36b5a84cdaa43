using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Data.Entities;

namespace SalesWheel.Data;

/// <summary>
/// Scores an assessment's responses with the engine and keeps the result, so it is computed once per new response
/// and not on every page view.
/// </summary>
public sealed class AssessmentScoring(AppDbContext db, SubmissionSeal seal)
{
    /// <summary>The attributes every team assessment breaks down by; an organization's own attributes follow them (<see cref="GroupByAsync"/>).</summary>
    public static readonly IReadOnlyList<string> Attributes = ["role", "team"];

    /// <summary>
    /// What an assessment's results break down by: role and team, then the organization's own attributes by their
    /// current names (their values are kept by id, so a renamed attribute keeps its values). Uploaded answers carry
    /// only their role and team.
    /// </summary>
    public async Task<IReadOnlyList<string>> GroupByAsync(Assessment assessment, CancellationToken cancellationToken = default) =>
        [.. Attributes, .. (await OwnAttributesAsync(assessment, cancellationToken)).Select(a => a.Name)];

    /// <summary>
    /// The options an assessment's shared result is computed with: <see cref="OptionsFor"/> with its breakdowns
    /// (<see cref="GroupByAsync"/>). The result, the waves of a comparison and the comparison's stamp all use these.
    /// </summary>
    public async Task<ScoringOptions> OptionsForAsync(Assessment assessment, Organization organization, CancellationToken cancellationToken = default) =>
        OptionsFor(organization, await GroupByAsync(assessment, cancellationToken), assessment);

    private async Task<IReadOnlyList<AttributeDefinition>> OwnAttributesAsync(Assessment assessment, CancellationToken cancellationToken) =>
        assessment.Uploaded
            ? []
            : await db.AttributeDefinitions.AsNoTracking().Where(a => a.OrganizationId == assessment.OrganizationId)
                .OrderBy(a => a.Position).ThenBy(a => a.Name).ToListAsync(cancellationToken);

    // Custom instruments parsed once per assessment; the text is compared too, so a cached instrument is never stale.
    private const int MaximumCachedInstruments = 256;
    private static readonly ConcurrentDictionary<Guid, (string Json, Instrument Instrument)> CustomInstruments = new();

    /// <summary>The instrument an assessment's answers are for: its custom instrument if it has one, else the built-in full or quick form.</summary>
    public static Instrument InstrumentOf(Assessment assessment)
    {
        if (assessment.InstrumentJson is not { } json)
        {
            return assessment.QuickForm ? BuiltInInstrument.Quick : BuiltInInstrument.Full;
        }

        if (CustomInstruments.TryGetValue(assessment.Id, out var cached) && string.Equals(cached.Json, json, StringComparison.Ordinal))
        {
            return cached.Instrument;
        }

        var instrument = InstrumentFile.Parse(json, $"the instrument of assessment {assessment.Id}");
        if (CustomInstruments.Count >= MaximumCachedInstruments)
        {
            CustomInstruments.Clear();
        }

        CustomInstruments[assessment.Id] = (json, instrument);
        return instrument;
    }

    /// <summary>
    /// An assessment's scoring options: the organization's phase, ACV band and relevance levels, and the minimum group
    /// size bound to the assessment (<see cref="MinimumGroupSizes.Of"/>; the organization's current one when no
    /// assessment is given, as for a file about to be uploaded).
    /// </summary>
    public static ScoringOptions OptionsFor(Organization organization, IReadOnlyList<string>? groupBy = null, Assessment? assessment = null) => new()
    {
        Phase = organization.Phase,
        Acv = organization.Acv,
        MinimumGroupSize = MinimumGroupSizes.Of(assessment, organization),
        GroupBy = groupBy ?? Attributes,
        Relevance = RelevanceLevels.Parse(organization.RelevanceJson),
        SuppressAcrossBreakdowns = true, // results here are shared: no group may be given away by another breakdown
    };

    /// <summary>
    /// The current result of an assessment as every shared output shows it (<see cref="SharedResult.From"/>: the page, its
    /// files and the API), recomputed only when responses arrived since the last time.
    /// </summary>
    public async Task<ScoreReport> ResultAsync(Assessment assessment, Organization organization, CancellationToken cancellationToken = default)
    {
        var count = await db.SurveyResponses.CountAsync(r => r.AssessmentId == assessment.Id, cancellationToken);
        var options = await OptionsForAsync(assessment, organization, cancellationToken);
        var cached = await db.AssessmentResults.FindAsync([assessment.Id], cancellationToken);
        var metrics = await StoredTeamMetrics.OfAsync(db, assessment.Id, cancellationToken);
        var fingerprint = ResultFingerprint(options, metrics);
        if (cached is not null && cached.ResponseCount == count && cached.ReportJson.StartsWith(fingerprint, StringComparison.Ordinal))
        {
            // A result stored before hidden groups lost their size in the stored report still has them: From takes them out.
            return SharedResult.From(JsonSerializer.Deserialize<ScoreReport>(cached.ReportJson[fingerprint.Length..], ScoreReportJson.Options)!);
        }

        // Outcomes last, on the report as shown: a team hidden by any step is in no team-metrics number.
        var report = SharedResult.WithOutcomes(
            SharedResult.From(await HideForInviteesAsync(assessment, await ComputeAsync(assessment, options, cancellationToken), cancellationToken)),
            metrics.Table);
        var json = fingerprint + JsonSerializer.Serialize(report, ScoreReportJson.Options);
        if (cached is null)
        {
            db.AssessmentResults.Add(new AssessmentResult { AssessmentId = assessment.Id, ResponseCount = count, ReportJson = json });
        }
        else
        {
            cached.ResponseCount = count;
            cached.ReportJson = json;
            cached.ComputedAt = DateTime.UtcNow;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request stored the same result at the same moment: theirs is as good as ours.
        }

        return report;
    }

    /// <summary>
    /// A shown group's n is how many of its people answered: with the org chart (who was invited in which role and team)
    /// two shown groups' n can tell how many of a few invitees answered (team East − role manager = the 2 East sellers),
    /// which participation keeps hidden. So the shown groups are checked once more, as sums over the invitees' cells
    /// (<see cref="Anonymity.HideAcrossBreakdowns"/>), and any that would give away fewer than k invitees are hidden too.
    /// Uploaded assessments have no invitees.
    /// </summary>
    private async Task<ScoreReport> HideForInviteesAsync(Assessment assessment, ScoreReport report, CancellationToken cancellationToken)
    {
        if (assessment.Uploaded || report.Breakdowns.Count == 0)
        {
            return report;
        }

        var invited = await db.Invitations.AsNoTracking()
            .Where(i => i.AssessmentId == assessment.Id && i.Kind != InvitationKind.OpenLink)
            .GroupBy(i => new { i.Role, i.Team, i.AttributesJson }).Select(g => new { g.Key.Role, g.Key.Team, g.Key.AttributesJson, Count = g.Count() })
            .ToListAsync(cancellationToken);
        if (invited.Count == 0)
        {
            return report;
        }

        // Each breakdown's groups, plus one more (always hidden) for values nobody answered from.
        var index = report.Breakdowns.Select(b => b.Groups.Select((g, i) => (g.Value, i)).ToDictionary(p => p.Value, p => p.i, StringComparer.Ordinal)).ToList();
        var own = (await OwnAttributesAsync(assessment, cancellationToken)).ToDictionary(a => a.Name, a => a.Id, StringComparer.Ordinal);
        string ValueOf(string by, string role, string team, string attributes) =>
            (by == "role" ? role : by == "team" ? team : own.TryGetValue(by, out var id) ? AttributeValues.Of(attributes, id) : "").Trim();
        var cells = invited.Select(c => new PopulationCell(
            report.Breakdowns.Select((b, x) => index[x].GetValueOrDefault(ValueOf(b.By, c.Role, c.Team, c.AttributesJson), b.Groups.Count)).ToArray(), c.Count)).ToList();
        var hidden = report.Breakdowns.Select(b => (IReadOnlyList<bool>)[.. b.Groups.Select(g => g.Suppressed), true]).ToList();
        var result = Anonymity.HideAcrossBreakdowns(cells, hidden, report.Context.MinGroupSize);
        return report with { Breakdowns = SharedResult.Hide(report.Breakdowns, result) };
    }

    /// <summary>
    /// The assessment as one wave of a comparison (SCORING.md "Comparing two waves"): its report is exactly the shared
    /// result <see cref="ResultAsync"/> gives (so a comparison shows a group only where both shared results do), with the
    /// spreads behind each score from the same engine pass. Computed now, not cached.
    /// </summary>
    public async Task<ScoredWave> WaveAsync(Assessment assessment, Organization organization, CancellationToken cancellationToken = default)
    {
        var wave = ScoringEngine.ScoreWave(await AnswersAsync(assessment, cancellationToken), await OptionsForAsync(assessment, organization, cancellationToken));
        return wave with { Report = SharedResult.From(await HideForInviteesAsync(assessment, wave.Report, cancellationToken)) };
    }

    /// <summary>Scores the assessment's responses now.</summary>
    public async Task<ScoreReport> ComputeAsync(Assessment assessment, ScoringOptions options, CancellationToken cancellationToken = default) =>
        ScoringEngine.Score(await AnswersAsync(assessment, cancellationToken), options);

    /// <summary>
    /// The assessment's stored answers with their role, team and the organization's own attributes
    /// (<see cref="GroupByAsync"/>), as the engine reads them. Only what scores and exports may hold is read: never a
    /// response's id, date or comment.
    /// </summary>
    public async Task<ResponseSet> AnswersAsync(Assessment assessment, CancellationToken cancellationToken = default)
    {
        var own = await OwnAttributesAsync(assessment, cancellationToken);
        var set = new ResponseSet(InstrumentOf(assessment), [.. Attributes, .. own.Select(a => a.Name)]);
        var width = set.Items.Count;
        await foreach (var response in db.SurveyResponses.AsNoTracking().Where(r => r.AssessmentId == assessment.Id)
                           .Select(r => new { r.Answers, r.Role, r.Team, r.Attributes }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var row = set.AddRow();
            response.Answers.AsSpan(0, Math.Min(width, response.Answers.Length)).CopyTo(row);
            set.Attributes[0].Append(seal.OpenAttribute(assessment.Id, response.Role));
            set.Attributes[1].Append(seal.OpenAttribute(assessment.Id, response.Team));
            if (own.Count > 0)
            {
                var values = AttributeValues.Read(seal.OpenAttribute(assessment.Id, response.Attributes));
                for (var a = 0; a < own.Count; a++)
                {
                    set.Attributes[2 + a].Append(values.GetValueOrDefault(own[a].Id, ""));
                }
            }
        }

        return set;
    }

    // The cached result is only valid for the settings it was computed with (k, phase, ACV band, levels); the stored
    // comparison (AssessmentComparison) is stamped with each wave's fingerprint too.
    // "reasons": a result stored before drivers carried why they have no score (NoScoreReason) is computed again.
    // The stored result also depends on the team metrics (changed metrics compute it again) and carries the outcomes.
    private static string ResultFingerprint(ScoringOptions options, StoredTeamMetrics metrics) =>
        $"{Fingerprint(options).TrimEnd('\n')}|metrics:{metrics.Digest()}|outcomes\n";

    internal static string Fingerprint(ScoringOptions options) =>
        $"{options.MinimumGroupSize}|by:{string.Join('\u001f', options.GroupBy)}|{options.Phase}|{options.Acv}|{RelevanceLevels.Serialize(options.Relevance)}|across:{(options.SuppressAcrossBreakdowns ? "cells+invitees" : "off")}|reasons\n";
}
