using System.CommandLine;
using System.Text;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Cli;

/// <summary><c>saleswheel instrument</c>: prints the built-in instrument so people can take it, adapt it and score it.</summary>
public static class InstrumentCommand
{
    public static Command Create(TextWriter stdout)
    {
        var quick = new Option<bool>("--quick") { Description = "The quick form: two items per driver, for a leader's three-minute self-check." };
        var format = new Option<string>("--format")
        {
            Description = "json (the instrument file format, usable with 'score --instrument') or text (readable list).",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json", "text");
        var command = new Command("instrument", "Print the built-in Sales Performance Wheel instrument (full or quick form).") { quick, format };
        command.SetAction(parse =>
        {
            var instrument = parse.GetValue(quick) ? BuiltInInstrument.Quick : BuiltInInstrument.Full;
            stdout.Write(parse.GetValue(format) == "text" ? AsText(instrument) : InstrumentFile.ToJson(instrument));
            return CliApp.Success;
        });
        return command;
    }

    private static string AsText(Instrument instrument)
    {
        var text = new StringBuilder();
        text.Append($"{instrument.Name} (id {instrument.Id}, version {instrument.Version})\n");
        if (instrument.Description is { } description)
        {
            text.Append(description).Append('\n');
        }

        var scale = instrument.Scale;
        text.Append($"Scale {scale.Min}..{scale.Max}");
        if (scale.Labels is { } labels)
        {
            text.Append(": ").Append(string.Join(", ", labels.Select((l, i) => $"{scale.Min + i} = {l}")));
        }

        text.Append(". (R) = reverse-keyed: agreeing is unfavorable.\n");
        foreach (var dimension in instrument.Dimensions)
        {
            var kind = dimension.Kind == DimensionKind.Outcome ? "outcome" : dimension.Half ?? "driver";
            text.Append($"\n{dimension.Name} [{dimension.Id}, {kind}]\n");
            foreach (var facet in dimension.Facets)
            {
                if (!(dimension.Facets.Count == 1 && facet.Id == dimension.Id))
                {
                    text.Append($"  {facet.Name}\n");
                }

                foreach (var item in facet.Items)
                {
                    text.Append($"    {item.Id,-5} {item.Text}{(item.Reverse ? " (R)" : "")}\n");
                }
            }
        }

        return text.ToString();
    }
}
