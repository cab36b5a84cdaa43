using System.CommandLine;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel anonymize</c>: writes an anonymous copy of a CSV of answers, fit to share: only the item columns and the
/// --group-by attributes, rare attribute values merged into "(other)", rows sorted by content. Scoring the copy gives
/// the same overall numbers.
/// </summary>
public static class AnonymizeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var responses = new Argument<string>("RESPONSES.csv")
        {
            Description = "CSV of answers, as 'saleswheel score' reads it. Columns that are neither items nor --group-by attributes (names, emails, dates…) are left out.",
        };
        var instrumentOption = new Option<string?>("--instrument")
        {
            Description = "Instrument file (JSON) the answers belong to. Default: the built-in Sales Performance Wheel.",
            HelpName = "FILE.json",
        };
        var groupBy = new Option<string?>("--group-by")
        {
            Description = "Comma-separated attribute columns to keep, e.g. role,team (values held by fewer than --min-group people become \"(other)\").",
            HelpName = "COLUMNS",
        };
        var minGroup = new Option<int>("--min-group")
        {
            Description = "Minimum group size k (at least 3): no attribute value or combination of values held by fewer than k people is shown, and with fewer than k respondents nothing is written.",
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
        var output = new Option<string?>("--out")
        {
            Description = "Write to this file instead of the terminal (written only when the whole run succeeds).",
            HelpName = "FILE.csv",
        };

        var command = new Command("anonymize", "Write an anonymous copy of a CSV of answers that you can share: the same overall scores, no one singled out.")
        {
            responses, instrumentOption, groupBy, minGroup, output,
        };
        var import = new ImportArguments(command);

        command.SetAction(parse =>
        {
            var groups = (parse.GetValue(groupBy) ?? "")
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return Anonymize(parse.GetValue(responses)!, parse.GetValue(instrumentOption), groups, parse.GetValue(minGroup), parse.GetValue(output), import.Read(parse), stdout, stderr);
        });
        return command;
    }

    private static int Anonymize(string path, string? instrumentPath, IReadOnlyList<string> groupBy, int k, string? output, ImportChoices choices, TextWriter stdout, TextWriter stderr)
    {
        if (ScoreCommand.LoadInstrument(instrumentPath, stderr) is not { } instrument
            || ScoreCommand.ReadResponses(path, instrument, groupBy, choices, stderr, showProgress: false) is not var (file, _))
        {
            return CliApp.BadInput;
        }

        var answers = AnonymousAnswers.From(file.Responses, k);
        if (answers.Withheld)
        {
            stderr.WriteLine($"error: {path}: {answers.Respondents} respondent{(answers.Respondents == 1 ? "" : "s")}, fewer than the minimum group size {k}: with so few, any copy would show who said what, so nothing was written.");
            return CliApp.BadInput;
        }

        if (file.Report.EncodingNote is { } encodingNote)
        {
            stderr.WriteLine($"note: {encodingNote}");
        }

        var ignored = file.Report.IgnoredColumns.Select(c => c.Header.Length == 0 ? $"(column {c.Index + 1}, no name)" : c.Header).ToList();
        if (ignored.Count > 0)
        {
            stderr.WriteLine($"note: left out {ignored.Count} column{(ignored.Count == 1 ? "" : "s")} that {(ignored.Count == 1 ? "is" : "are")} neither an item nor a --group-by attribute: {string.Join(", ", ignored)}");
        }

        foreach (var (name, a) in answers.AttributeNames.Select((name, a) => (name, a)))
        {
            var merged = Enumerable.Range(0, answers.Count).Count(r => answers.Attribute(r, a) == AnonymousAnswers.Other);
            if (merged > 0)
            {
                stderr.WriteLine($"note: {merged} of {answers.Count} rows read \"{AnonymousAnswers.Other}\" in {name}: their value was held by too few people to show.");
            }
        }

        if (output is null)
        {
            AnswersCsv.Write(answers, stdout);
            return CliApp.Success;
        }

        return ScoreCommand.WriteAtomically(output, stream => AnswersCsv.Write(answers, stream), stderr);
    }
}
