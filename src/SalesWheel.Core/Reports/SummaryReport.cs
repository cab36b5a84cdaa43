using System.Globalization;
using System.Text;
using SalesWheel.Core.Actions;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports;

/// <summary>Plain-text (terminal) or Markdown.</summary>
public enum SummaryFormat
{
    /// <summary>Aligned columns for a terminal.</summary>
    Text,

    /// <summary>Markdown with tables.</summary>
    Markdown,
}

/// <summary>
/// The short written report: driver table, ranked priorities with their reasons, breakdowns with gaps.
/// One content builder, two layouts, so the terminal and the Markdown file always say the same thing.
/// </summary>
public static class SummaryReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the report, as shared (<see cref="SharedResult.From"/>).</summary>
    public static string Render(ScoreReport report, SummaryFormat format, IReadOnlyList<string>? notes = null)
    {
        report = SharedResult.From(report);
        var doc = new Document(format);
        var instrument = report.Instrument;
        doc.Heading($"{instrument.Name} (version {instrument.Version})");
        var context = new List<string> { $"{report.Respondents} respondent{(report.Respondents == 1 ? "" : "s")}" };
        context.Add(ContextCodes.ParsePhase(report.Context.Phase) is { } phase ? $"{phase.DisplayName()} phase" : "phase not given");
        context.Add(ContextCodes.ParseAcv(report.Context.Acv) is { } acv ? acv.DisplayName() : "ACV band not given");
        context.Add($"groups under {report.Context.MinGroupSize} hidden");
        doc.Paragraph(string.Join(" · ", context));
        foreach (var note in notes ?? [])
        {
            doc.Paragraph("Note: " + note);
        }

        var driverRows = report.Dimensions.Where(d => d.Kind == "driver").Select(DriverRow).ToList();
        var header = new[] { "Driver", "Score", "95% interval", "Favorable", "Neutral", "Unfavorable", "Alpha (n)", "n", "Flags" };
        var numeric = new[] { false, true, true, true, true, true, true, true, false };
        doc.Subheading("Drivers");
        doc.Table(header, numeric, driverRows);
        var outcomes = report.Dimensions.Where(d => d.Kind == "outcome").Select(DriverRow).ToList();
        if (outcomes.Count > 0)
        {
            doc.Subheading("Outcomes (measured alongside, not on the wheel)");
            header[0] = "Outcome";
            doc.Table(header, numeric, outcomes);
        }

        foreach (var d in report.Dimensions)
        {
            if (NoScore.Sentence(d, report.Context.MinGroupSize) is { } noScore)
            {
                doc.Paragraph($"{d.Name}: {noScore}.");
            }
        }

        doc.Paragraph("Score: 0 = everyone chose the lowest answer, 100 = everyone the highest. Favorable = top two answers. "
            + $"Flags: {Reliability.ItemsDisagree} = alpha below {Reliability.MinimumAlphaText}, the driver's items do not measure one thing for these people; "
            + $"{Reliability.FewAnswers} = fewer than {Reliability.MinimumAnswers} respondents.");

        doc.Subheading("Fix first");
        if (report.Priorities.Count == 0)
        {
            doc.Paragraph("No driver has a score, so nothing can be ranked.");
        }
        else
        {
            var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name);
            var levels = report.Priorities[0].PhaseLevel is not null;
            doc.Paragraph(levels
                ? "Priority = weight × (100 − score). The weight is the driver's phase level × ACV level (High 3, Medium 2, Low 1), divided by the average of that product over the eight drivers."
                : "This instrument's dimensions are not the eight drivers, so every weight is 1 and the priority is 100 − score.");
            // Ranks with ties: drivers of equal priority share a number (1, 2, 2, 4).
            var ranks = PriorityRanks.Of(report.Priorities);
            var rows = report.Priorities.Select(p => new[]
            {
                PriorityRanks.RankOf(ranks, p.Dimension)!.Rank.ToString(Invariant),
                names.GetValueOrDefault(p.Dimension, p.Dimension),
                ReportFormat.Score(p.Priority),
                ReportFormat.Score(p.Score),
                p.Weight.ToString("0.00", Invariant),
                Level(p.PhaseLevel),
                Level(p.AcvLevel),
                PriorityExplanation.Reason(p, report.Context),
            }).ToList();
            doc.Table(["#", "Driver", "Priority", "Score", "Weight", "Phase level", "ACV level", "Why"], [true, false, true, true, true, false, false, false], rows);
            if (PriorityReading.WhyLowestIsNotFirst(report) is { } why)
            {
                doc.Paragraph(why);
            }

            WhatToDo(doc, report, ranks);
        }

        KeyDrivers(doc, report);

        foreach (var breakdown in report.Breakdowns)
        {
            doc.Subheading($"By {breakdown.By}");
            var groups = breakdown.Groups;
            var head = new List<string> { "Dimension" };
            // A hidden group has no size in a shared result, and reads the same as every other hidden group.
            head.AddRange(groups.Select(g => g.N is { } n ? $"{ReportFormat.GroupValue(g.Value)} (n={n})" : $"{ReportFormat.GroupValue(g.Value)} (hidden)"));
            head.Add("Gap");
            var rows = report.Dimensions.Select(d =>
            {
                var row = new List<string> { d.Name };
                row.AddRange(groups.Select(g => g.Suppressed ? ReportFormat.HiddenGroup : ReportFormat.Score(g.Scores![d.Id])));
                var gap = breakdown.Gaps.GetValueOrDefault(d.Id);
                row.Add(gap is { } value ? ReportFormat.Score(value) + (value >= 10 ? " !" : "") : "–");
                return row.ToArray();
            }).ToList();
            doc.Table(head.ToArray(), head.Select((_, i) => i > 0).ToArray(), rows);
            var hidden = groups.Count(g => g.Suppressed);
            doc.Paragraph(hidden == 0
                ? "Gap = highest minus lowest group score; ! marks a gap of 10 points or more."
                : $"Gap = highest minus lowest shown group score; ! marks a gap of 10 points or more. {hidden} group{(hidden == 1 ? " is" : "s are")} hidden to protect anonymity. "
                  + ReportFormat.HiddenGroupsNote(report.Context.MinGroupSize));
        }

        return doc.ToString();
    }

    // Per outcome, the drivers that go with it; per team metric, the same across teams, with how little a few teams say.
    private static void KeyDrivers(Document doc, ScoreReport report)
    {
        var numeric = new[] { false, true, true, false };
        foreach (var set in report.KeyDrivers)
        {
            doc.Subheading(report.KeyDrivers.Count == 1 ? "Key drivers" : $"Key drivers of {report.Dimensions.FirstOrDefault(d => d.Id == set.Outcome)?.Name ?? set.Outcome}");
            doc.Paragraph(KeyDriverReading.OutcomeNote(report, set));
            doc.Table([.. KeyDriverReading.Header], numeric, KeyDriverReading.Rows(report, set));
        }

        foreach (var set in report.TeamMetrics)
        {
            doc.Subheading($"Team metric: {set.Metric}");
            doc.Paragraph(KeyDriverReading.TeamNote(set));
            doc.Table([.. KeyDriverReading.TeamHeader], numeric, KeyDriverReading.Rows(report, set));
        }
    }

    // Under each of the top priorities (ties included), the playbook's actions for its weakest facets and why each was chosen.
    private static void WhatToDo(Document doc, ScoreReport report, IReadOnlyList<PriorityRank> ranks)
    {
        doc.Subheading("What to do");
        foreach (var advice in ActionAdvice.For(report))
        {
            var rank = PriorityRanks.RankOf(ranks, advice.Priority.Dimension)!;
            doc.Item($"{rank.Rank}. {advice.DriverName}{(rank.Drivers.Count > 1 ? " (tied)" : "")}", PriorityReading.Figure(advice.Priority));
            if (advice.Actions.Count == 0)
            {
                doc.Paragraph("The playbook has no actions for this driver.");
                continue;
            }

            foreach (var advised in advice.Actions)
            {
                var action = advised.Action;
                doc.Action(action.Title, $"Owner: {action.Owner} · effort: {action.Effort.DisplayName()} · {action.Id}", action.WhatToDo, "Why: " + advised.Reason);
            }

            doc.EndItem();
        }
    }

    private static string[] DriverRow(DimensionResult d) =>
    [
        d.Name,
        ReportFormat.Score(d.Score),
        d.Ci95 is { } ci ? $"{ReportFormat.Score(ci.Low)}–{ReportFormat.Score(ci.High)}" : "–",
        ReportFormat.Percent(d.Favorable),
        ReportFormat.Percent(d.Neutral),
        ReportFormat.Percent(d.Unfavorable),
        d.Alpha is { } a ? $"{a.ToString("0.00", Invariant)} ({d.AlphaN})" : $"– ({d.AlphaN})",
        d.N.ToString(Invariant),
        string.Join(", ", NoScore.Marks(d, flag => flag)),
    ];

    private static string Level(int? level) => level is { } l ? $"{PriorityExplanation.LevelWord(l)} ({l})" : "–";

    private sealed class Document(SummaryFormat format)
    {
        private readonly StringBuilder _text = new();

        public void Heading(string text)
        {
            if (format == SummaryFormat.Markdown)
            {
                _text.Append("# ").Append(text).Append("\n\n");
            }
            else
            {
                _text.Append(text).Append('\n').Append(new string('=', text.Length)).Append("\n\n");
            }
        }

        public void Subheading(string text)
        {
            if (format == SummaryFormat.Markdown)
            {
                _text.Append("## ").Append(text).Append("\n\n");
            }
            else
            {
                _text.Append(text).Append('\n').Append(new string('-', text.Length)).Append('\n');
            }
        }

        public void Paragraph(string text) => _text.Append(text).Append("\n\n");

        /// <summary>A titled item (a priority) with one line under it.</summary>
        public void Item(string title, string line)
        {
            if (format == SummaryFormat.Markdown)
            {
                _text.Append("### ").Append(title).Append("\n\n").Append(line).Append("\n\n");
            }
            else
            {
                _text.Append(title).Append('\n').Append("   ").Append(line).Append("\n\n");
            }
        }

        /// <summary>Closes a titled item's list.</summary>
        public void EndItem() => _text.Append('\n');

        /// <summary>One bullet with a bold title and indented lines under it.</summary>
        public void Action(string title, params string[] lines)
        {
            if (format == SummaryFormat.Markdown)
            {
                _text.Append("- **").Append(title).Append("**");
                foreach (var line in lines)
                {
                    _text.Append("  \n  ").Append(line);
                }
            }
            else
            {
                _text.Append("   - ").Append(title);
                foreach (var line in lines)
                {
                    _text.Append("\n     ").Append(line);
                }
            }

            _text.Append('\n');
        }

        public void Table(string[] header, bool[] rightAligned, IReadOnlyList<string[]> rows)
        {
            if (format == SummaryFormat.Markdown)
            {
                _text.Append("| ").Append(string.Join(" | ", header.Select(Escape))).Append(" |\n");
                _text.Append('|').Append(string.Join("|", rightAligned.Select(r => r ? "---:" : "---"))).Append("|\n");
                foreach (var row in rows)
                {
                    _text.Append("| ").Append(string.Join(" | ", row.Select(Escape))).Append(" |\n");
                }

                _text.Append('\n');
                return;
            }

            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
            Line(header);
            _text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
            foreach (var row in rows)
            {
                Line(row);
            }

            _text.Append('\n');

            void Line(string[] cells)
            {
                var parts = cells.Select((c, i) => rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i]));
                _text.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
            }
        }

        private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);

        public override string ToString() => _text.ToString();
    }
}
