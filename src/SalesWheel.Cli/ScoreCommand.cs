using System.CommandLine;
using System.Globalization;
using System.Text;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;

namespace SalesWheel.Cli;

/// <summary><c>saleswheel score</c>: scores a CSV of answers and prints or writes the result.</summary>
public static class ScoreCommand
{
    private static readonly string[] Formats = ["text", "json", "svg", "md", "pdf", "png", "xlsx"];

    /// <summary>Formats that are files, not text: written only with --out.</summary>
    private static readonly string[] BinaryFormats = ["pdf", "png"];

    public static Command Create(TextWriter stdout, TextWriter stderr, bool showProgress)
    {
        var responses = new Argument<string>("RESPONSES.csv")
        {
            Description = "Answers: a CSV (delimiter , ; or tab), an Excel workbook (.xlsx) or a ZIP holding a CSV, as SalesWheel or a survey tool "
                + "(Google Forms, Microsoft Forms, SurveyMonkey, Qualtrics, Typeform, LimeSurvey…) exports them: one row per respondent, a column "
                + "per statement named by its id or its text, answers as numbers or labels. How it was read is printed on stderr.",
        };
        var instrumentOption = new Option<string?>("--instrument")
        {
            Description = "Instrument file (JSON) to score against. Default: the built-in Sales Performance Wheel (see 'saleswheel instrument').",
            HelpName = "FILE.json",
        };
        var groupBy = new Option<string?>("--group-by")
        {
            Description = "Comma-separated attribute columns to break results down by, e.g. role,team.",
            HelpName = "COLUMNS",
        };
        var minGroup = new Option<int>("--min-group")
        {
            Description = "Minimum group size: smaller groups in breakdowns are hidden (at least 3).",
            DefaultValueFactory = _ => Anonymity.DefaultMinimumGroupSize,
            HelpName = "K",
        };
        minGroup.Validators.Add(result =>
        {
            // Only judge a whole number here; anything else gets the parser's own "cannot parse" error.
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var k) && k < Anonymity.LowestMinimumGroupSize)
            {
                result.AddError($"--min-group must be at least {Anonymity.LowestMinimumGroupSize}: smaller groups cannot be kept anonymous.");
            }
        });
        var phase = new Option<string?>("--phase") { Description = "Company phase: pmf, gtm-fit or scale." };
        phase.AcceptOnlyFromAmong("pmf", "gtm-fit", "scale");
        var acv = new Option<string?>("--acv") { Description = "Annual contract value band: lt15k, 15k-50k or gt50k." };
        acv.AcceptOnlyFromAmong("lt15k", "15k-50k", "gt50k");
        var format = new Option<string>("--format")
        {
            Description = "Output: text (a readable report), json (every number, unrounded), svg (the wheel), md (Markdown report), "
                + "pdf (the executive report), png (the wheel at 2x, for slides) or xlsx (a workbook with every number and the "
                + "anonymous answers). pdf, png and xlsx need --out.",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--out")
        {
            Description = "Write to this file instead of the terminal (written only when the whole run succeeds).",
            HelpName = "FILE",
        };

        var paper = new Option<string>("--paper")
        {
            Description = "Paper size of the pdf report: a4 or letter.",
            DefaultValueFactory = _ => "a4",
        };
        paper.AcceptOnlyFromAmong("a4", "letter");
        var organization = new Option<string?>("--organization")
        {
            Description = "Organization named on the pdf report's cover.",
            HelpName = "NAME",
        };
        var title = new Option<string?>("--title")
        {
            Description = "Title of the pdf report (default: the CSV file's name) and of the wheel in svg and png (default: the instrument's name).",
            HelpName = "TEXT",
        };

        var teamMetrics = new Option<string?>("--team-metrics")
        {
            Description = "Outcome metrics per team (CSV, .xlsx or ZIP, read like the answers): a column team and one column per metric, e.g. "
                + "team,quota-attainment,win-rate. Adds teamMetrics: each driver's team scores against each metric, over the teams the team "
                + "breakdown shows (--min-group). The answers need a team column.",
            HelpName = "METRICS.csv",
        };
        var chart = new Option<string>("--chart")
        {
            Description = "What --format svg draws: wheel (default), or key-drivers (each driver's importance, its r with the first outcome, "
                + "across; its score up; the important-and-low corner is where to focus).",
            DefaultValueFactory = _ => "wheel",
        };
        chart.AcceptOnlyFromAmong("wheel", "key-drivers");

        // Only to time what key drivers cost (bench/keydrivers.sh); every other number is the same without them.
        var noKeyDrivers = new Option<bool>("--no-key-drivers") { Description = "Leave key drivers out (for timing).", Hidden = true };

        var command = new Command("score", "Score a CSV of answers: driver scores with intervals, reliability, ranked priorities, breakdowns and key drivers.")
        {
            responses, instrumentOption, groupBy, minGroup, phase, acv, format, output, paper, organization, title, teamMetrics, chart, noKeyDrivers,
        };
        var import = new ImportArguments(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(format) is { } chosen && BinaryFormats.Contains(chosen) && string.IsNullOrWhiteSpace(result.GetValue(output)))
            {
                result.AddError($"--format {chosen} writes a file: give its name with --out, e.g. --out report.{chosen}.");
            }
        });

        command.Validators.Add(result =>
        {
            // Read the token, not the value: an unknown format has its own error, and reading its value would throw.
            if (result.GetResult(format) is { Tokens: [{ Value: "xlsx" }] } && result.GetResult(output) is null)
            {
                result.AddError("--format xlsx writes a workbook, not text: give the file to write with --out FILE.xlsx.");
            }
        });

        command.Validators.Add(result =>
        {
            if (result.GetResult(chart) is { Tokens: [{ Value: "key-drivers" }] } && result.GetResult(format) is not { Tokens: [{ Value: "svg" }] })
            {
                result.AddError("--chart key-drivers is a picture: use it with --format svg.");
            }
        });

        command.SetAction(parse =>
        {
            var groups = (parse.GetValue(groupBy) ?? "")
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return Score(new ScoreRequest(
                parse.GetValue(responses)!,
                parse.GetValue(instrumentOption),
                groups,
                parse.GetValue(minGroup),
                ContextCodes.ParsePhase(parse.GetValue(phase)),
                ContextCodes.ParseAcv(parse.GetValue(acv)),
                parse.GetValue(format) ?? "text",
                parse.GetValue(output),
                parse.GetValue(paper) == "letter" ? PaperSize.Letter : PaperSize.A4,
                parse.GetValue(organization),
                parse.GetValue(title),
                import.Read(parse),
                parse.GetValue(teamMetrics),
                parse.GetValue(chart) ?? "wheel",
                !parse.GetValue(noKeyDrivers)), stdout, stderr, showProgress);
        });
        return command;
    }

    private sealed record ScoreRequest(string Responses, string? Instrument, IReadOnlyList<string> GroupBy, int MinGroup,
        CompanyPhase? Phase, AcvBand? Acv, string Format, string? Output, PaperSize Paper, string? Organization, string? Title, ImportChoices Import,
        string? TeamMetrics, string Chart, bool KeyDrivers);

    private static int Score(ScoreRequest request, TextWriter stdout, TextWriter stderr, bool showProgress)
    {
        if (LoadInstrument(request.Instrument, stderr) is not { } instrument)
        {
            return CliApp.BadInput;
        }

        TeamMetricsTable? metrics = null;
        if (request.TeamMetrics is { } metricsPath)
        {
            try
            {
                metrics = TeamMetricsFile.Read(metricsPath);
            }
            catch (InvalidTeamMetricsException e)
            {
                stderr.WriteLine($"error: {e.Message}");
                return CliApp.BadInput;
            }
        }

        // Team metrics need the answers' team column, read as an attribute even when the results are not broken down by it.
        var needsTeam = metrics is not null && !request.GroupBy.Contains(TeamMetricsTable.TeamAttribute, StringComparer.OrdinalIgnoreCase);
        var attributes = needsTeam ? [.. request.GroupBy, TeamMetricsTable.TeamAttribute] : request.GroupBy;
        if (ReadResponses(request.Responses, instrument, attributes, request.Import, stderr, showProgress) is not var (file, notes))
        {
            if (needsTeam)
            {
                stderr.WriteLine($"error: --team-metrics needs the teams: the answers must have a column named {TeamMetricsTable.TeamAttribute} (any case).");
            }

            return CliApp.BadInput;
        }

        if (request.Chart == "key-drivers" && !instrument.Dimensions.Any(d => d.Kind == DimensionKind.Outcome))
        {
            stderr.WriteLine($"error: --chart key-drivers needs an outcome dimension (\"kind\": \"outcome\") in the instrument; {instrument.Id} has none.");
            return CliApp.BadInput;
        }

        foreach (var note in notes)
        {
            stderr.WriteLine($"warning: {note}");
        }

        var report = ScoringEngine.Score(file.Responses, new ScoringOptions
        {
            Phase = request.Phase,
            Acv = request.Acv,
            MinimumGroupSize = request.MinGroup,
            GroupBy = request.GroupBy,
            TeamMetrics = metrics,
            KeyDrivers = request.KeyDrivers,
        });

        if (request.Format == "xlsx")
        {
            // The command line scores data its user already holds: the overall result always shows; the answers sheet
            // follows the same anonymity rules as any export (--min-group).
            var answers = AnonymousAnswers.From(file.Responses, request.MinGroup);
            var options = new WorkbookOptions { ParticipationOnlyBelowMinimumGroupSize = false, Notes = notes };
            return WriteAtomically(request.Output!, stream => ResultsWorkbook.WriteAsync(stream, report, answers, options).GetAwaiter().GetResult(), stderr);
        }

        // The wheel (svg, png) is headed by --title when given, else by the instrument's name; the pdf by --title or the file's name.
        var wheel = string.IsNullOrWhiteSpace(request.Title) ? null : new WheelOptions { Title = request.Title.Trim() };
        if (request.Format is "pdf" or "png")
        {
            var bytes = request.Format == "pdf"
                ? Pdf(report, wheel?.Title ?? Path.GetFileNameWithoutExtension(request.Responses), request)
                : WheelPng.Render(report, 2, wheel);
            return WriteAtomically(request.Output!, stream => stream.Write(bytes), stderr);
        }

        var content = request.Format switch
        {
            "json" => ScoreReportJson.Serialize(report),
            "svg" when request.Chart == "key-drivers" => KeyDriverChart.Render(report, request.Title?.Trim()),
            "svg" => WheelSvg.Render(report, wheel),
            "md" => SummaryReport.Render(report, SummaryFormat.Markdown, notes),
            _ => SummaryReport.Render(report, SummaryFormat.Text, notes),
        };

        if (request.Output is null)
        {
            stdout.Write(content);
            return CliApp.Success;
        }

        return WriteAtomically(request.Output, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(content);
        }, stderr);
    }

    /// <summary>
    /// The executive report. The CLI's user holds the answers, so the overall result shows even below the minimum
    /// group size (as in every other format); breakdowns keep their suppression.
    /// </summary>
    private static byte[] Pdf(ScoreReport report, string title, ScoreRequest request)
    {
        var cover = new ReportCover
        {
            AssessmentName = title,
            OrganizationName = string.IsNullOrWhiteSpace(request.Organization) ? null : request.Organization.Trim(),
            Generated = DateOnly.FromDateTime(DateTime.Now),
            ShowResultBelowMinimumGroupSize = true,
        };
        using var buffer = new MemoryStream();
        PdfReport.Render(report, cover, request.Paper, buffer);
        return buffer.ToArray();
    }

    /// <summary>The instrument file given, or the built-in one; null (the error printed) when the file is invalid.</summary>
    internal static Instrument? LoadInstrument(string? path, TextWriter stderr)
    {
        try
        {
            return path is null ? BuiltInInstrument.Full : InstrumentFile.Load(path);
        }
        catch (InvalidInstrumentException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Reads a file of answers through the one import (<see cref="AnswerImport"/>), prints its short summary on stderr, and
    /// returns it with the notes to warn about (encoding, import warnings, ignored columns, skipped rows, items without a
    /// column); null (every problem printed by row, line and column) when the file is missing or cannot be scored.
    /// </summary>
    internal static (ImportResult File, List<string> Notes)? ReadResponses(string path, Instrument instrument, IReadOnlyList<string> groupBy, ImportChoices choices, TextWriter stderr, bool showProgress, bool summary = true)
    {
        if (!File.Exists(path))
        {
            stderr.WriteLine($"error: {path}: no such file.");
            return null;
        }

        if (!ImportArguments.TryLoadMapping(choices, stderr, out var mapping))
        {
            return null;
        }

        ImportResult file;
        using (var progress = showProgress && new FileInfo(path).Length > (8 << 20) ? new TerminalProgress(stderr, "Reading answers") : null)
        {
            try
            {
                file = AnswerImport.Read(path, new ImportOptions
                {
                    Instrument = instrument,
                    GroupBy = groupBy,
                    Mapping = mapping,
                    Sheet = choices.Sheet,
                    ReverseScale = choices.ReverseScale ? true : null,
                    Form = choices.Quick ? InstrumentForm.Quick : null,
                    Progress = progress,
                });
            }
            catch (InvalidResponsesException e)
            {
                progress?.Dispose();
                stderr.WriteLine($"error: {e.Message}");
                return null;
            }
        }

        var report = file.Report;
        if (summary)
        {
            stderr.Write(report.Summary());
        }

        if (choices.SaveMapping is { } save
            && WriteAtomically(save, stream => stream.Write(new UTF8Encoding(false).GetBytes(report.Mapping.ToJson())), stderr) != CliApp.Success)
        {
            return null;
        }

        // The direction of numbers-only answers is stated in the summary above; every other warning is a note.
        var notes = report.Warnings.Where(w => w.Code != "numbers-only").Select(w => w.Message).ToList();
        var ignored = report.IgnoredColumns.Select(c => c.Header.Length == 0 ? $"(column {c.Index + 1}, no name)" : c.Header).ToList();
        if (ignored.Count > 0)
        {
            notes.Add($"ignored {ignored.Count} column{Plural(ignored.Count)} that {(ignored.Count == 1 ? "is" : "are")} neither an item nor a --group-by attribute: {string.Join(", ", ignored)}");
        }

        if (report.SkippedEmptyRows > 0)
        {
            notes.Add($"skipped {report.SkippedEmptyRows} row{Plural(report.SkippedEmptyRows)} with no answered item");
        }

        if (report.ItemsWithoutColumn.Count > 0)
        {
            notes.Add($"{report.ItemsWithoutColumn.Count} item{Plural(report.ItemsWithoutColumn.Count)} of the instrument {(report.ItemsWithoutColumn.Count == 1 ? "has" : "have")} no column, so no answers: {string.Join(", ", report.ItemsWithoutColumn)}");
        }

        return (file, notes);
    }

    /// <summary>Writes to a temporary file beside the target, then moves it into place: no half-written output.</summary>
    internal static int WriteAtomically(string path, Action<Stream> write, TextWriter stderr)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, full, overwrite: true);
            return CliApp.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            stderr.WriteLine($"error: cannot write {path}: {e.Message}");
            return CliApp.BadInput;
        }
    }

    private static string Plural(int count) => count == 1 ? "" : "s";

    /// <summary>A percentage on one terminal line, redrawn in place.</summary>
    private sealed class TerminalProgress(TextWriter stderr, string label) : IProgress<double>, IDisposable
    {
        private int _last = -1;

        public void Report(double value)
        {
            var percent = (int)(value * 100);
            if (percent != _last)
            {
                _last = percent;
                stderr.Write(string.Create(CultureInfo.InvariantCulture, $"\r{label}… {percent,3}%"));
            }
        }

        public void Dispose()
        {
            if (_last >= 0)
            {
                stderr.Write("\r" + new string(' ', label.Length + 8) + "\r");
                _last = -1;
            }
        }
    }
}
