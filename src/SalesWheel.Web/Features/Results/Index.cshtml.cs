using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SalesWheel.Core.Comparison;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.Results;

/// <summary>
/// An assessment's results for anyone in the organization: every number comes from the engine's cached result;
/// with fewer respondents than the minimum group size, participation counts only.
/// </summary>
public sealed class IndexModel(AppDbContext db, AssessmentScoring scoring, ComparedWaves comparedWaves, FirstComments firstComments) : OrganizationPageModel
{
    /// <summary>Comments shown before "show all", so a very large assessment still answers quickly.</summary>
    public const int CommentsShownFirst = 200;

    public Assessment Assessment { get; private set; } = null!;

    public ScoreReport Report { get; private set; } = null!;

    public Instrument Instrument => AssessmentScoring.InstrumentOf(Assessment);

    /// <summary>The minimum group size the result was computed with (the organization's, never below 3).</summary>
    public int MinimumGroupSize => Report.Context.MinGroupSize;

    /// <summary>Whether the results may be shown: closed, with enough respondents (else participation only).</summary>
    public ResultsState State { get; private set; }

    /// <summary>Whether anything but participation is shown.</summary>
    public bool Visible => State == ResultsState.Released;

    public int Responses { get; private set; }

    public int Invitations { get; private set; }

    /// <summary>Non-empty comments in a fixed random order (by the response's random id), with nothing else about their authors.</summary>
    public IReadOnlyList<string> Comments { get; private set; } = [];

    /// <summary>All non-empty comments, when only the first <see cref="CommentsShownFirst"/> are listed.</summary>
    public int? CommentsTotal { get; private set; }

    /// <summary>The wheel's outline of an earlier wave and the trend across waves (nothing drawn while not released).</summary>
    public WaveChartSet? Waves { get; private set; }

    /// <summary>The wave this one is compared with (<c>?with=</c>, else the latest released one before it); null when none.</summary>
    public Assessment? ComparedWith { get; private set; }

    /// <summary>This wave compared with <see cref="ComparedWith"/>; null when there is no comparison.</summary>
    public WaveComparison? Comparison { get; private set; }

    /// <summary>The waves, the actions done between them, for the comparison section; null when there is no comparison.</summary>
    public WavePair? Compared { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? comments, Guid? with, [FromServices] WaveCharts charts, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && a.OrganizationId == OrganizationId, cancellationToken);
        if (assessment is null)
        {
            return NotFound();
        }

        Assessment = assessment;
        Report = await scoring.ResultAsync(assessment, Organization, cancellationToken);
        State = ResultsRelease.StateOf(assessment, Report);
        Responses = await Submissions.CountAsync(db, id, cancellationToken);
        Invitations = await db.Invitations.CountAsync(i => i.AssessmentId == id, cancellationToken);
        var (finding, pair) = await comparedWaves.FindAsync(assessment, Visible, Organization, with, cancellationToken);
        if (finding == ComparedWaves.Finding.NotFound)
        {
            return NotFound();
        }

        (Compared, ComparedWith, Comparison) = (pair, pair?.Before, pair?.Comparison);
        if (Visible)
        {
            await LoadCommentsAsync(id, all: comments == "all", cancellationToken);
        }

        Waves = Visible ? await charts.ForAsync(assessment, Organization, with, cancellationToken) : null;

        return Page();
    }

    private async Task LoadCommentsAsync(Guid assessmentId, bool all, CancellationToken cancellationToken)
    {
        if (all)
        {
            Comments = await FirstComments.Query(db, assessmentId).ToListAsync(cancellationToken);
            return;
        }

        (Comments, CommentsTotal) = await firstComments.GetAsync(db, assessmentId, Responses, CommentsShownFirst, cancellationToken);
    }
}
