using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Text;
using SpreadCheetah;
using SpreadCheetah.Metadata;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace SalesWheel.Core.Exports;

/// <summary>What the workbook says about where its numbers come from, beyond the score report.</summary>
public sealed record WorkbookOptions
{
    /// <summary>The assessment's name, when there is one.</summary>
    public string? Assessment { get; init; }

    /// <summary>The organization's name, when there is one.</summary>
    public string? Organization { get; init; }

    /// <summary>People invited, when known.</summary>
    public int? Invitations { get; init; }

    /// <summary>
    /// With fewer respondents than the minimum group size, show participation only (the web app's rule). The command
    /// line scores data its user already holds and turns this off; it is on unless said otherwise.
    /// </summary>
    public bool ParticipationOnlyBelowMinimumGroupSize { get; init; } = true;

    /// <summary>
    /// Whether the Answers sheet (one anonymous row per respondent) is written; the web app leaves it out for a viewer
    /// when the organization keeps row-level answers to owners and admins.
    /// </summary>
    public bool IncludeAnswers { get; init; } = true;

    /// <summary>Notes to list on the summary sheet (e.g. rows skipped while reading).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// The results as an .xlsx workbook: Summary, Drivers, Facets, Items, Breakdowns and the anonymous Answers. Every figure
/// is the engine's (<see cref="ScoreReport"/>), stored unrounded as a number and shown rounded by a number format;
/// breakdown groups the engine suppressed show no number and the same words, whatever hid them.
/// </summary>
public static class ResultsWorkbook
{
    /// <summary>The MIME type of an .xlsx file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The sheets, in order (a participation-only workbook has the first alone).</summary>
    public static readonly IReadOnlyList<string> Sheets = ["Summary", "Drivers", "Facets", "Items", "Breakdowns", "Answers"];

    /// <summary>Writes the workbook for <paramref name="report"/>, as shared (<see cref="SharedResult.From"/>), and the <paramref name="answers"/> it was scored from.</summary>
    public static async Task WriteAsync(Stream stream, ScoreReport report, AnonymousAnswers answers, WorkbookOptions? options = null, CancellationToken cancellationToken = default)
    {
        report = SharedResult.From(report);
        options ??= new WorkbookOptions();
        var k = report.Context.MinGroupSize;
        var participationOnly = options.ParticipationOnlyBelowMinimumGroupSize && !Anonymity.OverallVisible(report.Respondents, k);
        var spreadsheetOptions = new SpreadCheetahOptions
        {
            DocumentProperties = new DocumentProperties { Title = Title(options), Author = "SalesWheel", Subject = PlainText.Line(report.Instrument.Name) },
        };
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(stream, spreadsheetOptions, cancellationToken);
        var styles = new Styles(spreadsheet);
        var writer = new Writer(spreadsheet, styles, answers.Instrument, report, cancellationToken);

        await writer.SummaryAsync(options, answers, participationOnly);
        if (!participationOnly)
        {
            await writer.DriversAsync();
            await writer.FacetsAsync();
            await writer.ItemsAsync();
            await writer.BreakdownsAsync();
            if (options.IncludeAnswers)
            {
                await writer.AnswersAsync(answers);
            }
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    private static string Title(WorkbookOptions options) =>
        options.Assessment is { Length: > 0 } name ? PlainText.Line($"SalesWheel results: {name}") : "SalesWheel results";

    private sealed class Styles(Spreadsheet spreadsheet)
    {
        public StyleId Header { get; } = spreadsheet.AddStyle(new Style { Font = { Bold = true }, Fill = { Color = System.Drawing.Color.FromArgb(0xEE, 0xF1, 0xF5) } });

        public StyleId Title { get; } = spreadsheet.AddStyle(new Style { Font = { Bold = true, Size = 14 } });

        public StyleId Bold { get; } = spreadsheet.AddStyle(new Style { Font = { Bold = true } });

        public StyleId Wrap { get; } = spreadsheet.AddStyle(new Style { Alignment = { WrapText = true, Vertical = VerticalAlignment.Top } });

        public StyleId Muted { get; } = spreadsheet.AddStyle(new Style { Font = { Italic = true, Color = System.Drawing.Color.FromArgb(0x55, 0x5F, 0x6D) } });

        public StyleId Score { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("0.0") });

        public StyleId Mean { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("0.00") });

        public StyleId Share { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.Percent) });

        public StyleId Count { get; } = spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.ThousandsSeparator) });
    }

    private sealed class Writer(Spreadsheet sheet, Styles styles, Instrument instrument, ScoreReport report, CancellationToken cancellationToken)
    {
        private int MinimumGroupSize => report.Context.MinGroupSize;

        public async Task SummaryAsync(WorkbookOptions options, AnonymousAnswers answers, bool participationOnly)
        {
            var worksheet = new WorksheetOptions { FrozenRows = 1 };
            worksheet.Column(1).Width = 28;
            worksheet.Column(2).Width = 70;
            worksheet.Column(3).Width = 12;
            await sheet.StartWorksheetAsync("Summary", worksheet, cancellationToken);
            await Row(new StyledCell(Title(options), styles.Title));

            if (options.Assessment is { Length: > 0 } assessment)
            {
                await Row(Label("Assessment"), Text(assessment));
            }

            if (options.Organization is { Length: > 0 } organization)
            {
                await Row(Label("Organization"), Text(organization));
            }

            await Row(Label("Instrument"), Text($"{report.Instrument.Name} ({report.Instrument.Id}, version {report.Instrument.Version})"));
            await Row(Label("Answer scale"), Text($"{report.Instrument.Scale.Min} to {report.Instrument.Scale.Max}"));
            await Row(Label("Respondents"), Number(report.Respondents, styles.Count));
            if (options.Invitations is { } invitations)
            {
                await Row(Label("Invitations"), Number(invitations, styles.Count));
            }

            await Row(Label("Minimum group size"), Number(MinimumGroupSize, styles.Count), Text("Groups with fewer answers are never shown."));
            if (participationOnly)
            {
                await Row();
                await Row(Label("Results"), new StyledCell(
                    $"Not enough answers to show results yet. Results appear once at least {MinimumGroupSize} people have answered; with fewer, anyone reading them could work out who said what, so this file holds participation only.",
                    styles.Wrap));
                return;
            }

            var phase = ContextCodes.ParsePhase(report.Context.Phase);
            var acv = ContextCodes.ParseAcv(report.Context.Acv);
            await Row(Label("Company phase"), Text(phase?.DisplayName() ?? "not set (every phase level counts as Medium)"));
            await Row(Label("Deal size"), Text(acv?.DisplayName() ?? "not set (every deal-size level counts as Medium)"));

            var scored = report.Dimensions.Where(d => d.Kind == "driver" && d.Score is not null).ToList();
            if (scored.Count > 0)
            {
                // First in instrument order among equals, like the priorities.
                var strongest = scored.Aggregate((best, d) => d.Score > best.Score ? d : best);
                var weakest = scored.Aggregate((worst, d) => d.Score < worst.Score ? d : worst);
                await Row(Label("Strongest driver"), Text(strongest.Name), Number(strongest.Score, styles.Score));
                await Row(Label("Weakest driver"), Text(weakest.Name), Number(weakest.Score, styles.Score));
            }

            var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name);
            foreach (var priority in report.Priorities.Take(3))
            {
                await Row(Label($"Fix first, #{priority.Rank}"), Text(names.GetValueOrDefault(priority.Dimension, priority.Dimension)), Number(priority.Score, styles.Score));
            }

            await Row(Label("Answers"), Text(answers.Withheld
                ? $"None: {answers.WithheldReason}."
                : $"{answers.Count:N0} anonymous rows on the Answers sheet, in the format 'saleswheel score' reads."));

            await Row();
            await Row(Label("How to read it"), new StyledCell(
                "Scores run from 0 (everyone strongly disagrees) to 100 (everyone strongly agrees). Every figure comes from the SalesWheel scoring engine " +
                "and is stored unrounded; the sheets show it rounded. Favorable is the share of answers in the top two points of the scale, unfavorable the bottom two. " +
                $"Alpha (Cronbach) below {Reliability.MinimumAlphaText} means a driver's statements disagree with each other; n below {Reliability.MinimumAnswers} means few answers.",
                styles.Wrap));
            await Row(Label("Anonymity"), new StyledCell(AnonymousAnswers.Method(MinimumGroupSize), styles.Wrap));
            foreach (var note in options.Notes)
            {
                await Row(Label("Note"), new StyledCell(PlainText.Lines(note), styles.Wrap));
            }
        }

        public async Task DriversAsync()
        {
            string[] header = ["Driver", "Kind", "Half", "n", "Mean", "Score", "95% low", "95% high", "Favorable", "Neutral", "Unfavorable", "Alpha", "Alpha n", "Flags", "Priority rank", "Weight", "Priority"];
            double[] widths = [24, 10, 14, 8, 8, 8, 9, 9, 10, 9, 12, 8, 9, 40, 13, 9, 9];
            await StartTableAsync("Drivers", header, widths);
            var priorities = report.Priorities.ToDictionary(p => p.Dimension);
            foreach (var d in report.Dimensions)
            {
                var priority = priorities.GetValueOrDefault(d.Id);
                await Row(
                    Text(d.Name), Text(d.Kind), Text(d.Half ?? ""), Number(d.N, styles.Count), Number(d.Mean, styles.Mean), Number(d.Score, styles.Score),
                    Number(d.Ci95?.Low, styles.Score), Number(d.Ci95?.High, styles.Score),
                    Number(d.Favorable, styles.Share), Number(d.Neutral, styles.Share), Number(d.Unfavorable, styles.Share),
                    Number(d.Alpha, styles.Mean), Number(d.AlphaN, styles.Count), Text(string.Join("; ", NoScore.ShownFlags(d).Select(Reliability.NameWithThreshold).Prepend(NoScore.Sentence(d, report.Context.MinGroupSize)).OfType<string>())),
                    Number(priority?.Rank, styles.Count), Number(priority?.Weight, styles.Mean), Number(priority?.Priority, styles.Score));
            }
        }

        public async Task FacetsAsync()
        {
            string[] header = ["Driver", "Facet", "n", "Mean", "Score", "95% low", "95% high", "Favorable", "Neutral", "Unfavorable"];
            double[] widths = [24, 32, 8, 8, 8, 9, 9, 10, 9, 12];
            await StartTableAsync("Facets", header, widths);
            foreach (var d in report.Dimensions)
            {
                foreach (var f in d.Facets)
                {
                    await Row(
                        Text(d.Name), Text(f.Name), Number(f.N, styles.Count), Number(f.Mean, styles.Mean), Number(f.Score, styles.Score),
                        Number(f.Ci95?.Low, styles.Score), Number(f.Ci95?.High, styles.Score),
                        Number(f.Favorable, styles.Share), Number(f.Neutral, styles.Share), Number(f.Unfavorable, styles.Share));
                }
            }
        }

        public async Task ItemsAsync()
        {
            string[] header = ["Driver", "Facet", "Item", "Statement", "Reversed", "n", "Mean", "Favorable"];
            double[] widths = [24, 32, 9, 80, 10, 8, 8, 10];
            await StartTableAsync("Items", header, widths);
            var facetOf = new Dictionary<string, (string Facet, Item Item)>(StringComparer.Ordinal);
            foreach (var facet in instrument.Dimensions.SelectMany(d => d.Facets))
            {
                foreach (var item in facet.Items)
                {
                    facetOf[item.Id] = (facet.Name, item);
                }
            }

            foreach (var d in report.Dimensions)
            {
                foreach (var i in d.Items)
                {
                    var known = facetOf.GetValueOrDefault(i.Id);
                    await Row(
                        Text(d.Name), Text(known.Facet ?? ""), Text(i.Id), Text(known.Item?.Text ?? ""), Text(known.Item?.Reverse == true ? "reversed" : ""),
                        Number(i.N, styles.Count), Number(i.Mean, styles.Mean), Number(i.Favorable, styles.Share));
                }
            }

            await Row();
            await Row(new StyledCell("Means count a reversed statement the other way round: disagreeing is the good answer.", styles.Muted));
        }

        public async Task BreakdownsAsync()
        {
            var header = new List<string> { "Breakdown", "Group", "n" };
            header.AddRange(report.Dimensions.Select(ReportFormat.DimensionName));
            header.Add("Note");
            var widths = new List<double> { 14, 28, 9 };
            widths.AddRange(report.Dimensions.Select(_ => 16d));
            widths.Add(36);
            await StartTableAsync("Breakdowns", [.. header], [.. widths]);
            if (report.Breakdowns.Count == 0)
            {
                await Row(new StyledCell("No breakdown was asked for.", styles.Muted));
                return;
            }

            foreach (var breakdown in report.Breakdowns)
            {
                foreach (var group in breakdown.Groups)
                {
                    // The n and score columns hold numbers or nothing (a sum or chart over them must not meet text); why a
                    // cell is empty is said in the Note column.
                    var cells = new List<StyledCell> { Text(breakdown.By), Text(ReportFormat.GroupValue(group.Value)) };
                    if (group.N is not { } size)
                    {
                        // A hidden group (no size in a shared result) reads the same as every other one: which one is small must not show.
                        cells.Add(Number((int?)null, styles.Count));
                        cells.AddRange(report.Dimensions.Select(_ => Number((double?)null, styles.Score)));
                        cells.Add(new StyledCell(ReportFormat.HiddenGroup, styles.Muted));
                    }
                    else
                    {
                        cells.Add(Number(size, styles.Count));
                        cells.AddRange(report.Dimensions.Select(d => Number(group.Scores?.GetValueOrDefault(d.Id), styles.Score)));
                        var unanswered = report.Dimensions.Where(d => group.Scores?.GetValueOrDefault(d.Id) is null).Select(d => d.Name).ToList();
                        cells.Add(unanswered.Count == 0 ? Text("") : new StyledCell(PlainText.Line("no answers: " + string.Join(", ", unanswered)), styles.Muted));
                    }

                    await Row([.. cells]);
                }

                var gap = new List<StyledCell> { Text(breakdown.By), new("Gap (highest − lowest shown)", styles.Bold), Text("") };
                gap.AddRange(report.Dimensions.Select(d => Number(breakdown.Gaps.GetValueOrDefault(d.Id), styles.Score)));
                await Row([.. gap]);
                await Row();
            }

            await Row(new StyledCell(
                $"A group with fewer than {MinimumGroupSize} answers is hidden. {ReportFormat.HiddenGroupsNote(MinimumGroupSize)} " +
                "A gap of 10 points or more deserves a conversation.",
                styles.Muted));
        }

        public async Task AnswersAsync(AnonymousAnswers answers)
        {
            var attributes = answers.AttributeNames.Count;
            var items = answers.Items.Count;
            var worksheet = new WorksheetOptions { FrozenRows = 1, FrozenColumns = attributes };
            for (var a = 1; a <= attributes; a++)
            {
                worksheet.Column(a).Width = 18;
            }

            for (var i = 1; i <= items; i++)
            {
                worksheet.Column(attributes + i).Width = 8;
            }

            await sheet.StartWorksheetAsync("Answers", worksheet, cancellationToken);
            await sheet.AddHeaderRowAsync([.. answers.AttributeNames.Select(PlainText.Line), .. answers.Items.Select(i => PlainText.Line(i.Id))], styles.Header, cancellationToken);
            if (answers.Withheld)
            {
                await Row(new StyledCell($"No answers: {answers.WithheldReason}.", styles.Muted));
                return;
            }

            // One reused row of plain cells: the sheet can hold many thousands of rows.
            var row = new DataCell[attributes + items];
            for (var r = 0; r < answers.Count; r++)
            {
                for (var a = 0; a < attributes; a++)
                {
                    row[a] = new DataCell(PlainText.Line(answers.Attribute(r, a)));
                }

                for (var i = 0; i < items; i++)
                {
                    row[attributes + i] = new DataCell(answers.Answer(r, i));
                }

                await sheet.AddRowAsync(row, cancellationToken);
            }
        }

        private async Task StartTableAsync(string name, string[] header, double[] widths)
        {
            var worksheet = new WorksheetOptions { FrozenRows = 1, FrozenColumns = 1 };
            for (var c = 0; c < widths.Length; c++)
            {
                worksheet.Column(c + 1).Width = widths[c];
            }

            await sheet.StartWorksheetAsync(name, worksheet, cancellationToken);
            await sheet.AddHeaderRowAsync([.. header.Select(PlainText.Line)], styles.Header, cancellationToken);
        }

        private ValueTask Row(params StyledCell[] cells) => sheet.AddRowAsync(cells, cancellationToken);

        private StyledCell Label(string text) => new(PlainText.Line(text), styles.Bold);

        // Every name and text from people or an upload goes through Label, Text or a header: cleaned of control characters,
        // which XML (and so XLSX) cannot hold.
        private static StyledCell Text(string text) => new(text.Length == 0 ? null : PlainText.Lines(text), null);

        private static StyledCell Number(double? value, StyleId style) => new(value, style);

        private static StyledCell Number(int? value, StyleId style) => new(value, style);
    }
}
