using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SalesWheel.Core.Imports;
using SalesWheel.Data;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Infrastructure;

namespace SalesWheel.Web.Features.TeamMetrics;

/// <summary>
/// An assessment's outcome metrics per team: everyone in the organization sees them; owners and admins type them into
/// a table of teams × metrics, or choose a file whose preview names every bad cell and stores nothing until "Save N
/// teams' metrics" (which replaces the metrics stored before). Saving redirects (Post/Redirect/Get).
/// </summary>
[Authorize]
[RequestSizeLimit(MaximumFileBytes + (256 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaximumFileBytes + (256 * 1024), ValueCountLimit = 20_000)]
public sealed partial class IndexModel(TeamMetricActions actions) : OrganizationPageModel
{
    /// <summary>A metrics file is a few kilobytes; this leaves room for a workbook with formatting.</summary>
    public const int MaximumFileBytes = 2 * 1024 * 1024;

    /// <summary>Empty metric columns and team rows offered on the form for new ones.</summary>
    public const int BlankMetrics = 1;

    public const int BlankTeams = 2;

    public Assessment Assessment { get; private set; } = null!;

    public StoredTeamMetrics Stored { get; private set; } = new([], null);

    [BindProperty]
    public MetricsForm Form { get; set; } = new();

    [BindProperty]
    public IFormFile? MetricsFile { get; set; }

    /// <summary>Every problem of the file just chosen (by line and column); nothing was stored.</summary>
    public IReadOnlyList<string> FileProblems { get; private set; } = [];

    /// <summary>Set when a file was read without problems: the page shows it and asks to save it.</summary>
    public TeamMetricsInput? Preview { get; private set; }

    /// <summary>Teams of the file that no answer, invitation or stored metric names: their values count nowhere.</summary>
    public IReadOnlyList<string> UnknownTeams { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Notice = TempData["Notice"] as string;
        await FillFormAsync(TeamMetricsInput.From(Stored), cancellationToken);
        return Page();
    }

    /// <summary>Reads the chosen file and shows it, stored nowhere: every bad cell named, or the table with "Save".</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Membership.Role < MemberRole.Admin)
        {
            return Forbid();
        }

        ModelState.Clear();
        await FillFormAsync(TeamMetricsInput.From(Stored), cancellationToken);
        if (MetricsFile is not { Length: > 0 } file)
        {
            ModelState.AddModelError(nameof(MetricsFile), "Choose the metrics file: a CSV or Excel workbook with a team column and one column per metric.");
            return Page();
        }

        var fileName = Path.GetFileName(file.FileName);
        if (file.Length > MaximumFileBytes)
        {
            ModelState.AddModelError(nameof(MetricsFile), $"{fileName} is larger than {MaximumFileBytes / (1024 * 1024)} MB; a metrics file has one row per team. Check that you chose the metrics, not the answers.");
            return Page();
        }

        TeamMetricsTable table;
        try
        {
            await using var stream = file.OpenReadStream();
            table = TeamMetricsFile.Read(stream, fileName);
        }
        catch (InvalidTeamMetricsException e)
        {
            FileProblems = e.Problems;
            ModelState.AddModelError(nameof(MetricsFile), $"{fileName} cannot be used: {TeamMetricActions.Count(e.Problems.Count, "problem")} to fix, listed below. Nothing was stored.");
            return Page();
        }

        var input = TeamMetricsInput.From(table);
        var (_, _, errors) = TeamMetricActions.Check(input);
        if (!errors.IsEmpty)
        {
            FileProblems = errors.ByField.SelectMany(e => e.Value).ToList();
            ModelState.AddModelError(nameof(MetricsFile), $"{fileName} cannot be used: {TeamMetricActions.Count(FileProblems.Count, "problem")} to fix, listed below. Nothing was stored.");
            return Page();
        }

        var known = (await actions.TeamsAsync(Assessment, Organization, cancellationToken)).ToHashSet(StringComparer.Ordinal);
        UnknownTeams = table.Teams.Where(t => !known.Contains(t)).ToList();
        Preview = input;
        Form = MetricsForm.From(input, blankMetrics: 0, blankTeams: 0);
        return Page();
    }

    /// <summary>Saves the table (typed, or the file confirmed on its preview), replacing what was stored; errors keep what was typed.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Membership.Role < MemberRole.Admin)
        {
            return Forbid();
        }

        ModelState.Clear();
        var outcome = await actions.ReplaceAsync(Assessment, Actor.Of(CurrentUser), Form.ToInput(), cancellationToken);
        if (!outcome.Saved)
        {
            outcome.Errors.ShowOn(ModelState, PageKey);
            return Page();
        }

        TempData["Notice"] = outcome.Teams == 0
            ? "The team metrics were removed."
            : $"Saved {TeamMetricActions.Count(outcome.Metrics, "metric")} of {TeamMetricActions.Count(outcome.Teams, "team")}.";
        return Redirect($"/assessments/{id}/team-metrics");
    }

    /// <summary>The page's key of an API field: <c>teams[1].values[2]</c> is <c>Form.Teams[1].Values[2]</c>.</summary>
    public static string PageKey(string field) =>
        field.Length == 0 ? "" : "Form." + FieldPart().Replace(field, m => char.ToUpperInvariant(m.Value[0]) + m.Value[1..]);

    [GeneratedRegex(@"(?<=^|\.)[a-z]+")]
    private static partial Regex FieldPart();

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await actions.FindAsync(OrganizationId, id, cancellationToken) is not { } assessment)
        {
            return false;
        }

        Assessment = assessment;
        Stored = await actions.ReadAsync(assessment, cancellationToken);
        return true;
    }

    private async Task FillFormAsync(TeamMetricsInput stored, CancellationToken cancellationToken)
    {
        var teams = await actions.TeamsAsync(Assessment, Organization, cancellationToken);
        var rows = teams.Select(team => stored.Teams.FirstOrDefault(r => r.Team == team) ?? new TeamRowInput(team, [])).ToList();
        Form = MetricsForm.From(stored with { Teams = rows }, BlankMetrics, BlankTeams);
    }

    /// <summary>The table as the form posts it.</summary>
    public sealed class MetricsForm
    {
        public List<MetricField> Metrics { get; set; } = [];

        public List<TeamField> Teams { get; set; } = [];

        public TeamMetricsInput ToInput() => new(
            Metrics.Select(m => new MetricInput(m.Name, m.Unit)).ToList(),
            Teams.Select(t => new TeamRowInput(t.Team, t.Values)).ToList());

        public static MetricsForm From(TeamMetricsInput input, int blankMetrics, int blankTeams)
        {
            var width = input.Metrics.Count + blankMetrics;
            return new MetricsForm
            {
                Metrics = [.. input.Metrics.Select(m => new MetricField { Name = m.Name, Unit = m.Unit }), .. Enumerable.Range(0, blankMetrics).Select(_ => new MetricField())],
                Teams =
                [
                    .. input.Teams.Select(t => new TeamField { Team = t.Team, Values = [.. Enumerable.Range(0, width).Select(i => i < t.Values.Count ? t.Values[i] : null)] }),
                    .. Enumerable.Range(0, blankTeams).Select(_ => new TeamField { Values = [.. Enumerable.Repeat<string?>(null, width)] }),
                ],
            };
        }
    }

    public sealed class MetricField
    {
        public string? Name { get; set; }

        public string? Unit { get; set; }
    }

    public sealed class TeamField
    {
        public string? Team { get; set; }

        public List<string?> Values { get; set; } = [];
    }
}
