using System.CommandLine;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Responses;

namespace SalesWheel.Cli;

/// <summary>What the person said about how to read a file of answers (the options every reading command shares).</summary>
internal sealed record ImportChoices(string? Mapping, string? SaveMapping, bool ReverseScale, bool Quick, string? Sheet)
{
    public static ImportChoices None { get; } = new(null, null, false, false, null);
}

/// <summary>The options that say how to read a file of answers: <c>--mapping</c>, <c>--save-mapping</c>, <c>--reverse-scale</c>, <c>--quick</c>, <c>--sheet</c>.</summary>
internal sealed class ImportArguments
{
    private readonly Option<string?> _mapping = new("--mapping")
    {
        Description = "Read the file by a saved mapping (JSON written by --save-mapping): which column is which statement or attribute, what each answer text means.",
        HelpName = "FILE.json",
    };

    private readonly Option<string?> _saveMapping = new("--save-mapping")
    {
        Description = "Save how the file was read (columns, answer texts, direction) as JSON, to replay on the next export with --mapping.",
        HelpName = "FILE.json",
    };

    private readonly Option<bool> _reverseScale = new("--reverse-scale")
    {
        Description = "The numbers count from \"Strongly agree\" = 1 (as some tools number the choices): reverse them. Answers given as labels are read by their words.",
    };

    private readonly Option<bool> _quick = new("--quick")
    {
        Description = "The answers are to the quick form (16 statements). Without it a file holding only quick-form statements is read as the quick form anyway, with a note.",
    };

    private readonly Option<string?> _sheet = new("--sheet")
    {
        Description = "The worksheet to read from an Excel workbook (default: the first).",
        HelpName = "NAME",
    };

    private readonly bool _canSave;

    public ImportArguments(Command command, bool canSave = true)
    {
        _canSave = canSave;
        command.Options.Add(_mapping);
        if (canSave)
        {
            command.Options.Add(_saveMapping);
        }

        command.Options.Add(_reverseScale);
        command.Options.Add(_quick);
        command.Options.Add(_sheet);
    }

    public ImportChoices Read(ParseResult parse) => new(
        parse.GetValue(_mapping),
        _canSave ? parse.GetValue(_saveMapping) : null,
        parse.GetValue(_reverseScale),
        parse.GetValue(_quick),
        parse.GetValue(_sheet));

    /// <summary>The saved mapping named by --mapping; null (the error printed) when it cannot be read.</summary>
    public static bool TryLoadMapping(ImportChoices choices, TextWriter stderr, out ImportMapping? mapping)
    {
        mapping = null;
        if (choices.Mapping is not { } path)
        {
            return true;
        }

        try
        {
            mapping = ImportMapping.Parse(File.ReadAllText(path), path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {path}: cannot read the mapping: {e.Message}");
        }
        catch (InvalidResponsesException e)
        {
            stderr.WriteLine($"error: {e.Message}");
        }

        return false;
    }
}
