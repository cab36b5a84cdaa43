using System.CommandLine;
using System.Text;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;

namespace SalesWheel.Cli;

/// <summary><c>saleswheel trend</c>: scores several waves of answers and draws every driver across them.</summary>
public static class TrendCommand
{
    private static readonly string[] Formats = ["svg", "png"];

    public static Command Create(TextWriter stdout, TextWriter stderr, bool showProgress)
    {
        var waves = new Argument<string[]>("WAVE.csv")
        {
            Description = "CSVs of answers, one per wave, oldest first (each read and scored as by 'saleswheel score').",
            Arity = ArgumentArity.OneOrMore,
        };
        var instrumentOption = new Option<string?>("--instrument")
        {
            Description = "Instrument file (JSON) to score every wave against. Default: the built-in Sales Performance Wheel.",
            HelpName = "FILE.json",
        };
        var names = new Option<string?>("--names")
        {
            Description = "Comma-separated wave names, one per file, e.g. \"Q1,Q3\". Default: the files' names.",
            HelpName = "NAMES",
        };
        var title = new Option<string?>("--title") { Description = "Heading of the chart (default: \"Drivers across waves\").", HelpName = "TEXT" };
        var format = new Option<string>("--format")
        {
            Description = "Output: svg (the chart) or png (the chart at 2x, for slides; needs --out).",
            DefaultValueFactory = _ => "svg",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--out")
        {
            Description = "Write to this file instead of the terminal (written only when every wave was scored).",
            HelpName = "FILE",
        };

        var command = new Command("trend", "Draw every driver's score across waves of answers: one line per driver, a gap where a wave did not score it.")
        {
            waves, instrumentOption, names, title, format, output,
        };
        command.Validators.Add(result =>
        {
            if (result.GetResult(format) is { Tokens: [{ Value: "png" }] } && result.GetResult(output) is null)
            {
                result.AddError("--format png writes a file: give its name with --out, e.g. --out trend.png.");
            }

            if (result.GetValue(names) is { } given && result.GetValue(waves) is { } files && Split(given).Count != files.Length)
            {
                result.AddError($"--names gives {Split(given).Count} name(s) for {files.Length} file(s): give one name per file, in the same order.");
            }
        });

        command.SetAction(parse =>
        {
            var files = parse.GetValue(waves)!;
            var waveNames = parse.GetValue(names) is { } given ? Split(given) : [.. files.Select(Path.GetFileNameWithoutExtension).Select(n => n ?? "")];
            var heading = parse.GetValue(title);
            return Draw(files, waveNames, parse.GetValue(instrumentOption), string.IsNullOrWhiteSpace(heading) ? null : heading.Trim(),
                parse.GetValue(format) ?? "svg", parse.GetValue(output), stdout, stderr, showProgress);
        });
        return command;
    }

    private static List<string> Split(string names) => [.. names.Split(',', StringSplitOptions.TrimEntries)];

    private static int Draw(string[] files, IReadOnlyList<string> names, string? instrumentPath, string? title, string format, string? output,
        TextWriter stdout, TextWriter stderr, bool showProgress)
    {
        if (ScoreCommand.LoadInstrument(instrumentPath, stderr) is not { } instrument)
        {
            return CliApp.BadInput;
        }

        var scored = new List<(string Name, DateOnly? Date, ScoreReport Report)>();
        for (var i = 0; i < files.Length; i++)
        {
            if (ScoreCommand.ReadResponses(files[i], instrument, [], ImportChoices.None, stderr, showProgress) is not var (file, notes))
            {
                return CliApp.BadInput;
            }

            foreach (var note in notes)
            {
                stderr.WriteLine($"warning: {files[i]}: {note}");
            }

            // Files carry no dates: the waves are drawn in the order given.
            scored.Add((names[i], null, ScoringEngine.Score(file.Responses, new ScoringOptions())));
        }

        var trend = Trend.From(scored);
        var options = new TrendOptions { Title = title };
        if (format == "png")
        {
            var png = TrendPng.Render(trend, 2, options);
            return ScoreCommand.WriteAtomically(output!, stream => stream.Write(png), stderr);
        }

        var svg = TrendSvg.Render(trend, options);
        if (output is null)
        {
            stdout.Write(svg);
            return CliApp.Success;
        }

        return ScoreCommand.WriteAtomically(output, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            writer.Write(svg);
        }, stderr);
    }
}
