using System.CommandLine;
using System.Text;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Samples;

namespace SalesWheel.Cli;

/// <summary><c>saleswheel sample</c>: writes the demo company's answers (reproducible from the seed).</summary>
public static class SampleCommand
{
    public static Command Create(TextWriter stdout)
    {
        var respondents = new Option<int>("--respondents")
        {
            Description = "How many respondents to generate.",
            DefaultValueFactory = _ => 60,
            HelpName = "N",
        };
        respondents.Validators.Add(r =>
        {
            if (r.Tokens is [var token] && int.TryParse(token.Value, out var n) && n < 1)
            {
                r.AddError("--respondents must be at least 1.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Random seed: the same seed gives the same file.", DefaultValueFactory = _ => 2026 };
        var quick = new Option<bool>("--quick") { Description = "Answer the quick form instead of the full instrument." };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of the terminal.", HelpName = "FILE" };
        var command = new Command("sample", "Write answers of the fictional company Northwind Cloud as a responses CSV (columns role, team, then items).")
        {
            respondents, seed, quick, output,
        };
        command.SetAction(parse =>
        {
            var instrument = parse.GetValue(quick) ? BuiltInInstrument.Quick : BuiltInInstrument.Full;
            var path = parse.GetValue(output);
            if (path is null)
            {
                DemoCompany.WriteCsv(stdout, instrument, parse.GetValue(respondents), parse.GetValue(seed));
                return CliApp.Success;
            }

            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
            DemoCompany.WriteCsv(writer, instrument, parse.GetValue(respondents), parse.GetValue(seed));
            return CliApp.Success;
        });
        return command;
    }
}
