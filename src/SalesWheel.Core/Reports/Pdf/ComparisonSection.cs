using SalesWheel.Core.Comparison;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SkiaSharp;
using static SalesWheel.Core.Reports.Pdf.PdfStyle;

namespace SalesWheel.Core.Reports.Pdf;

/// <summary>
/// "Compared with &lt;the earlier wave&gt;": the wheel with the earlier wave's scores as a dashed outline, then each
/// dimension's before, after and change with its 95% interval and whether it changed beyond noise (SCORING.md
/// "Comparing two waves"), the facets' changes in a line per driver, and the drivers only one wave has.
/// </summary>
/// <param name="comparison">The earlier wave and the comparison.</param>
/// <param name="wheel">The wheel with the outline, made once for the whole report (which disposes of it after writing).</param>
internal sealed class ComparisonSection(ReportComparison comparison, WheelPicture wheel) : ReportSection
{
    // The wheel a little smaller than on its own page, so the table starts under it.
    private const float WheelShare = 0.78f;

    /// <inheritdoc />
    public override string Title => $"Compared with {comparison.BeforeName}";

    /// <inheritdoc />
    public override bool OpensPage => true;

    /// <inheritdoc />
    public override void Draw(PdfPages pages, ScoreReport report)
    {
        var changes = comparison.Changes;
        var closed = comparison.BeforeClosed is { } day ? $", closed {Date(day)}" : "";
        Heading(pages, Title,
            $"{comparison.BeforeName}{closed}: {ReportFormat.Count(changes.Before.Respondents)} people answered; this wave: {ReportFormat.Count(changes.After.Respondents)}. "
            + "The dashed outline on the wheel is the earlier wave's score of each driver. A change is this wave's score minus the earlier one, "
            + "in points on 0–100, with its 95% interval (Welch's test); it \"changed beyond noise\" when a change this large would be unlikely "
            + $"(p below {ChangeTest.NoiseLevel.ToString("0.00", Invariant)}) if nothing had moved, else it is \"within noise\".");

        Drawing(pages, wheel, pages.ContentWidth * WheelShare, 10);

        var names = report.Dimensions.ToDictionary(d => d.Id, StringComparer.Ordinal);
        ChangeTable(pages, [.. changes.Dimensions.Where(c => names.ContainsKey(c.Id)).OrderBy(c => names[c.Id].Kind == "outcome")], names);
        FacetChanges(pages, changes, names);
        OnlyInOneWave(pages, report);
    }

    private static void ChangeTable(PdfPages pages, IReadOnlyList<DimensionChange> rows, Dictionary<string, DimensionResult> names)
    {
        var columns = new Column[]
        {
            new("Driver", 0, false), new("Before", 46, true), new("After", 46, true), new("Change", 50, true), new("95% interval of the change", 92, true), new("Reading", 118, false),
        };
        columns[0] = columns[0] with { Width = pages.ContentWidth - columns.Skip(1).Sum(c => c.Width) };
        TableHeader(pages, columns);
        for (var r = 0; r < rows.Count; r++)
        {
            var c = rows[r];
            var name = RowName(names[c.Id]);
            var height = Math.Max(18, (pages.Wrap(name, Cell, columns[0].Width - 8).Count * Cell.LineHeight) + 6);
            var top = TableRow(pages, columns, r, height);
            var baseline = top + 12.5f;
            var x = pages.Left;
            pages.TextBlock(pages.Canvas, name, x + 4, top + 3.5f, columns[0].Width - 8, Cell);
            x += columns[0].Width;
            pages.Text(ReportFormat.Score(c.Before.Score), x + columns[1].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[1].Width;
            pages.Text(ReportFormat.Score(c.After.Score), x + columns[2].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[2].Width;
            pages.Text(ReportFormat.Change(c.Change), x + columns[3].Width - 4, baseline, Cell.Heavy(), SKTextAlign.Right);
            x += columns[3].Width;
            pages.Text(ReportFormat.ChangeInterval(c.Ci95), x + columns[4].Width - 4, baseline, Cell, SKTextAlign.Right);
            x += columns[4].Width;
            var reading = c.Change is null ? "not scored in both waves" : ReportFormat.Noise(c.BeyondNoise);
            pages.Text(reading, x + 8, baseline, c.BeyondNoise ? Cell.Heavy().With(Accent) : Cell.With(Muted));
            pages.Y = top + height;
        }

        pages.Line(pages.Left, pages.Y, pages.Right, pages.Y, Rule);
        pages.Y += 10;
    }

    /// <summary>One line per driver: each facet's change, as points (facets are not tested against noise, so no reading).</summary>
    private static void FacetChanges(PdfPages pages, WaveComparison changes, Dictionary<string, DimensionResult> names)
    {
        var lines = changes.Dimensions
            .Where(c => c.Facets.Any(f => f.Change is not null) && names[c.Id].Kind == "driver")
            .Select(c =>
            {
                var facets = names[c.Id].Facets.ToDictionary(f => f.Id, f => f.Name, StringComparer.Ordinal);
                return $"{names[c.Id].Name}: " + string.Join(", ", c.Facets.Where(f => f.Change is not null)
                    .Select(f => $"{facets.GetValueOrDefault(f.Id, f.Id)} {ReportFormat.Change(f.Change)}"));
            })
            .ToList();
        if (lines.Count == 0)
        {
            return;
        }

        Subheading(pages, "Facets", 40);
        pages.Paragraph("Change of each facet's score, in points; read them as pointers to where a driver moved (only drivers carry the noise test).", Small, after: 6);
        foreach (var line in lines)
        {
            pages.Paragraph(line, Cell, after: 3);
        }

        pages.Space(6);
    }

    private void OnlyInOneWave(PdfPages pages, ScoreReport report)
    {
        var compared = comparison.Changes.Dimensions.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var now = report.Dimensions.Where(d => d.Kind == "driver" && !compared.Contains(d.Id)).Select(d => d.Name).ToList();
        var ids = report.Dimensions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var before = comparison.BeforeReport.Dimensions.Where(d => d.Kind == "driver" && !ids.Contains(d.Id)).Select(d => d.Name).ToList();
        if (now.Count > 0)
        {
            pages.Paragraph($"Only in this wave (not asked in {comparison.BeforeName}, so no change): {string.Join(", ", now)}.", Body, after: 4);
        }

        if (before.Count > 0)
        {
            pages.Paragraph($"Only in {comparison.BeforeName} (not asked in this wave): {string.Join(", ", before)}.", Body, after: 4);
        }
    }
}
