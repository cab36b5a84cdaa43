using System.CommandLine;
using System.Globalization;
using System.Text;
using SalesWheel.Core.Comparison;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel compare</c>: scores two CSVs of answers to one instrument (two waves) and shows what moved, with
/// Welch's 95% interval per driver and group (SCORING.md "Comparing two waves").
/// </summary>
public static class CompareCommand
{
    private static readonly string[] Formats = ["text", "json", "md", "svg"];

    public static Command Create(TextWriter stdout, TextWriter stderr, bool showProgress)
    {
        var before = new Argument<string>("BEFORE.csv") { Description = "CSV of answers of the earlier wave (as for 'saleswheel score')." };
        var after = new Argument<string>("AFTER.csv") { Description = "CSV of answers of the later wave, to the same instrument." };
        var instrumentOption = new Option<string?>("--instrument")
        {
            Description = "Instrument file (JSON) both waves answered. Default: the built-in Sales Performance Wheel.",
            HelpName = "FILE.json",
        };
        var groupBy = new Option<string?>("--group-by")
        {
            Description = "Comma-separated attribute columns to compare groups by, e.g. role,team. A group is compared only where it is shown in both waves.",
            HelpName = "COLUMNS",
        };
        var minGroup = new Option<int>("--min-group")
        {
            Description = "Minimum group size: smaller groups are hidden in each wave (at least 3).",
            DefaultValueFactory = _ => Anonymity.DefaultMinimumGroupSize,
            HelpName = "K",
        };
        minGroup.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var k) && k < Anonymity.LowestMinimumGroupSize)
            {
                result.AddError($"--min-group must be at least {Anonymity.LowestMinimumGroupSize}: smaller groups cannot be kept anonymous.");
            }
        });
        var format = new Option<string>("--format")
        {
            Description = "Output: text (a readable table), json (every number, unrounded), md (Markdown) or svg (the trend chart of the two waves, named by their files).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--out")
        {
            Description = "Write to this file instead of the terminal (written only when the whole run succeeds).",
            HelpName = "FILE",
        };

        var command = new Command("compare", "Compare two waves of answers: per driver before, after, the change with its 95% interval, and whether it moved beyond noise.")
        {
            before, after, instrumentOption, groupBy, minGroup, format, output,
        };
        var import = new ImportArguments(command, canSave: false);
        command.SetAction(parse => Compare(
            parse.GetValue(before)!,
            parse.GetValue(after)!,
            parse.GetValue(instrumentOption),
            (parse.GetValue(groupBy) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList(),
            parse.GetValue(minGroup),
            parse.GetValue(format) ?? "text",
            parse.GetValue(output),
            import.Read(parse),
            stdout,
            stderr,
            showProgress));
        return command;
    }

    private static int Compare(string beforePath, string afterPath, string? instrumentPath, IReadOnlyList<string> groupBy, int minGroup,
        string format, string? output, ImportChoices choices, TextWriter stdout, TextWriter stderr, bool showProgress)
    {
        if (ScoreCommand.LoadInstrument(instrumentPath, stderr) is not { } instrument)
        {
            return CliApp.BadInput;
        }

        // Both files are read (at the same time, on two cores) before failing, so every bad cell of either is reported
        // in one run; the later wave's errors are held back so that they follow the earlier wave's.
        using var afterErrors = new StringWriter();
        var reading = Task.Run(() => ScoreCommand.ReadResponses(afterPath, instrument, groupBy, choices, afterErrors, showProgress: false));
        var first = ScoreCommand.ReadResponses(beforePath, instrument, groupBy, choices, stderr, showProgress);
        var second = reading.GetAwaiter().GetResult();
        stderr.Write(afterErrors.ToString());
        if (first is not var (beforeFile, beforeNotes) || second is not var (afterFile, afterNotes))
        {
            return CliApp.BadInput;
        }

        foreach (var (path, note) in beforeNotes.Select(n => (beforePath, n)).Concat(afterNotes.Select(n => (afterPath, n))))
        {
            stderr.WriteLine($"warning: {path}: {note}");
        }

        // The command line compares data its user already holds: the whole organization always shows; groups follow --min-group.
        var options = new ScoringOptions { MinimumGroupSize = minGroup, GroupBy = groupBy };
        var scoring = Task.Run(() => ScoringEngine.ScoreWave(afterFile.Responses, options));
        var earlier = ScoringEngine.ScoreWave(beforeFile.Responses, options);
        var later = scoring.GetAwaiter().GetResult();
        var comparison = WaveComparison.Between(earlier, later);
        var content = format switch
        {
            "json" => WaveComparisonJson.Serialize(comparison),
            // The same chart as `saleswheel trend BEFORE.csv AFTER.csv`: files carry no dates, so the order given.
            "svg" => TrendSvg.Render(Trend.From([(WaveName(beforePath), null, earlier.Report), (WaveName(afterPath), null, later.Report)])),
            "md" => Table(comparison, instrument, beforePath, afterPath, minGroup, markdown: true),
            _ => Table(comparison, instrument, beforePath, afterPath, minGroup, markdown: false),
        };

        if (output is null)
        {
            stdout.Write(content);
            return CliApp.Success;
        }

        return ScoreCommand.WriteAtomically(output, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(content);
        }, stderr);
    }

    private static string WaveName(string path) => Path.GetFileNameWithoutExtension(path);

    private const string BeyondNoise = "changed beyond noise";
    private const string WithinNoise = "within noise";

    /// <summary>The readable comparison: one table of drivers, then one per breakdown (groups shown in both waves).</summary>
    private static string Table(WaveComparison comparison, Instrument instrument, string beforePath, string afterPath, int minGroup, bool markdown)
    {
        var names = instrument.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var text = new StringBuilder();
        var heading = markdown ? "# " : "";
        text.Append(heading).Append(CultureInfo.InvariantCulture, $"{instrument.Name}: {Path.GetFileName(beforePath)} → {Path.GetFileName(afterPath)}").Append('\n');
        text.Append('\n').Append(CultureInfo.InvariantCulture, $"Respondents: {comparison.Before.Respondents} before, {comparison.After.Respondents} after. Scores and changes are points on 0–100; the interval is the change's 95% interval (Welch).").Append('\n');

        var rows = comparison.Dimensions.Select(d => new[]
        {
            names.GetValueOrDefault(d.Id, d.Id), Number(d.Before.Score), Number(d.After.Score), Signed(d.Change), Interval(d.Ci95),
            d.Change is null ? "not scored in both waves" : Verdict(d.BeyondNoise),
        }).ToList();
        text.Append('\n');
        Render(text, ["Driver", "Before", "After", "Change", "95% interval", ""], rows, markdown);

        foreach (var breakdown in comparison.Breakdowns)
        {
            text.Append('\n').Append(markdown ? "## " : "").Append(CultureInfo.InvariantCulture, $"By {breakdown.By}").Append('\n').Append('\n');
            var groupRows = new List<string[]>();
            foreach (var group in breakdown.Groups)
            {
                var value = group.Value.Length == 0 ? "(not given)" : group.Value;
                if (group.Changes is null)
                {
                    groupRows.Add([value, "", "", "", $"not compared: hidden in one wave or both (fewer than {minGroup} people, or to protect a smaller group)"]);
                    continue;
                }

                foreach (var (dimension, change) in group.Changes)
                {
                    groupRows.Add([value, names.GetValueOrDefault(dimension, dimension), Signed(change?.Change), Interval(change?.Ci95),
                        change is null ? "not scored in both waves" : Verdict(change.BeyondNoise)]);
                }
            }

            Render(text, ["Group", "Driver", "Change", "95% interval", ""], groupRows, markdown);
        }

        return text.ToString();
    }

    private static string Verdict(bool beyondNoise) => beyondNoise ? BeyondNoise : WithinNoise;

    private static string Number(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    private static string Signed(double? value) => value is { } v ? v.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "–";

    private static string Interval(Interval? interval) => interval is null ? "–" : $"{Signed(interval.Low)} to {Signed(interval.High)}";

    private static void Render(StringBuilder text, string[] header, List<string[]> rows, bool markdown)
    {
        if (markdown)
        {
            text.Append("| ").AppendJoin(" | ", header).Append(" |\n");
            text.Append('|').AppendJoin("|", header.Select((_, i) => i is 0 ? "---" : i == header.Length - 1 ? "---" : "---:")).Append("|\n");
            foreach (var row in rows)
            {
                text.Append("| ").AppendJoin(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
            }

            return;
        }

        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        void Line(string[] cells) => text.Append(string.Join("  ", cells.Select((c, i) => i is 0 ? c.PadRight(widths[i]) : i == cells.Length - 1 ? c : c.PadLeft(widths[i]))).TrimEnd()).Append('\n');
        Line(header);
        foreach (var row in rows)
        {
            Line(row);
        }
    }
}
