using System.CommandLine;
using System.Text;
using SalesWheel.Core.Actions;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Cli;

/// <summary><c>saleswheel playbook</c>: prints the playbook's actions, for one driver, phase and ACV band or all of them.</summary>
public static class PlaybookCommand
{
    public static Command Create(TextWriter stdout)
    {
        var driver = new Option<string?>("--driver")
        {
            Description = "Only this driver's actions: " + string.Join(", ", Drivers.Ids) + ".",
            HelpName = "ID",
        };
        driver.AcceptOnlyFromAmong([.. Drivers.Ids]);
        var phase = new Option<string?>("--phase") { Description = "Only actions that fit this company phase: pmf, gtm-fit or scale." };
        phase.AcceptOnlyFromAmong("pmf", "gtm-fit", "scale");
        var acv = new Option<string?>("--acv") { Description = "Only actions that fit this annual contract value band: lt15k, 15k-50k or gt50k." };
        acv.AcceptOnlyFromAmong("lt15k", "15k-50k", "gt50k");
        var format = new Option<string>("--format")
        {
            Description = "text (readable list), json (the playbook file format, every field) or md (Markdown).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json", "md");

        var command = new Command("playbook", "Print the playbook: concrete actions for every facet of every driver, with owner, effort, "
            + "when they fit and the statements they should move in the next wave.") { driver, phase, acv, format };
        command.SetAction(parse =>
        {
            // Loaded here, not when the command line is built, so other commands never pay for it.
            var playbook = Playbook.BuiltIn;
            var selection = new Selection(parse.GetValue(driver), ContextCodes.ParsePhase(parse.GetValue(phase)), ContextCodes.ParseAcv(parse.GetValue(acv)));
            var actions = playbook.For(selection.Driver, selection.Phase, selection.Acv).ToList();
            stdout.Write(parse.GetValue(format) switch
            {
                "json" => playbook.ToJson(actions),
                "md" => AsMarkdown(playbook, selection, actions),
                _ => AsText(playbook, selection, actions),
            });
            return CliApp.Success;
        });
        return command;
    }

    private sealed record Selection(string? Driver, CompanyPhase? Phase, AcvBand? Acv)
    {
        public string Describe(int count) =>
            $"{count} action{(count == 1 ? "" : "s")} for {Phase?.DisplayName() ?? "every phase"}, {Acv?.DisplayName() ?? "every ACV band"}";
    }

    private static string Fits(PlaybookAction action)
    {
        var phases = action.Phases.Count == 3 ? "every phase" : string.Join(", ", action.Phases.Select(p => p.DisplayName()));
        var bands = action.AcvBands.Count == 3 ? "every ACV band" : string.Join(", ", action.AcvBands.Select(b => b.DisplayName()));
        return $"{phases}; {bands}";
    }

    private static IEnumerable<(Dimension Driver, Facet Facet, List<PlaybookAction> Actions)> ByFacet(Playbook playbook, List<PlaybookAction> actions) =>
        from d in playbook.Instrument.Drivers
        from f in d.Facets
        let ofFacet = actions.Where(a => a.Driver == d.Id && a.Facet == f.Id).ToList()
        where ofFacet.Count > 0
        select (d, f, ofFacet);

    private static string AsText(Playbook playbook, Selection selection, List<PlaybookAction> actions)
    {
        var text = new StringBuilder();
        text.Append($"{playbook.Instrument.Name} playbook ({playbook.Source}): {selection.Describe(actions.Count)}.\n");
        string? lastDriver = null;
        foreach (var (driver, facet, ofFacet) in ByFacet(playbook, actions))
        {
            if (driver.Id != lastDriver)
            {
                text.Append($"\n{driver.Name} [{driver.Id}]\n");
                lastDriver = driver.Id;
            }

            text.Append($"  {facet.Name} [{facet.Id}]\n");
            foreach (var action in ofFacet)
            {
                text.Append($"    - {action.Title} ({action.Id})\n");
                text.Append($"      {action.WhatToDo}\n");
                text.Append($"      Owner: {action.Owner}. Effort: {action.Effort.DisplayName()}. Fits: {Fits(action)}. Should move: {string.Join(", ", action.Moves)}.\n");
            }
        }

        return text.ToString();
    }

    private static string AsMarkdown(Playbook playbook, Selection selection, List<PlaybookAction> actions)
    {
        var statements = playbook.Instrument.Items.ToDictionary(i => i.Id, i => i.Text, StringComparer.Ordinal);
        var text = new StringBuilder();
        text.Append($"# {playbook.Instrument.Name} playbook\n\n{playbook.Source}: {selection.Describe(actions.Count)}.\n");
        string? lastDriver = null;
        foreach (var (driver, facet, ofFacet) in ByFacet(playbook, actions))
        {
            if (driver.Id != lastDriver)
            {
                text.Append($"\n## {driver.Name}\n");
                lastDriver = driver.Id;
            }

            text.Append($"\n### {facet.Name}\n");
            foreach (var action in ofFacet)
            {
                text.Append($"\n**{action.Title}** (`{action.Id}`)\n\n{action.WhatToDo}\n\n");
                text.Append($"- Owner: {action.Owner}\n- Effort: {action.Effort.DisplayName()}\n- Fits: {Fits(action)}\n");
                text.Append("- Should move: ").Append(string.Join("; ", action.Moves.Select(m => $"{m} “{statements[m]}”"))).Append('\n');
            }
        }

        return text.ToString();
    }
}
