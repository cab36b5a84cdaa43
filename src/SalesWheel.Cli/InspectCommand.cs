using System.CommandLine;

namespace SalesWheel.Cli;

/// <summary>
/// <c>saleswheel inspect</c>: reads a file of answers as <c>score</c> would and prints how: the format, the header,
/// every column and what it became, every answer text and its scale point, attribute values, warnings. Scores nothing.
/// </summary>
public static class InspectCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The answers as exported by a survey tool or a spreadsheet: CSV, .xlsx, or a ZIP holding a CSV.",
        };
        var instrumentOption = new Option<string?>("--instrument")
        {
            Description = "Instrument file (JSON) the answers belong to. Default: the built-in Sales Performance Wheel.",
            HelpName = "FILE.json",
        };
        var groupBy = new Option<string?>("--group-by")
        {
            Description = "Comma-separated attribute columns to read (role and team are also found by their question, e.g. \"What is your role?\").",
            HelpName = "COLUMNS",
        };
        var command = new Command("inspect", "Show how a file of answers is read: each column and what it became, each answer text and its scale point, and what to check.")
        {
            file, instrumentOption, groupBy,
        };
        var import = new ImportArguments(command);
        command.SetAction(parse =>
        {
            var groups = (parse.GetValue(groupBy) ?? "")
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (ScoreCommand.LoadInstrument(parse.GetValue(instrumentOption), stderr) is not { } instrument
                || ScoreCommand.ReadResponses(parse.GetValue(file)!, instrument, groups, import.Read(parse), stderr, showProgress: false, summary: false) is not var (read, _))
            {
                return CliApp.BadInput;
            }

            stdout.Write(read.Report.Describe());
            return CliApp.Success;
        });
        return command;
    }
}
