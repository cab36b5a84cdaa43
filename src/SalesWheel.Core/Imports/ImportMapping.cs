using System.Text.Json;
using System.Text.Json.Serialization;
using SalesWheel.Core.Responses;

namespace SalesWheel.Core.Imports;

/// <summary>
/// How a file's columns and values are read, as applied by <see cref="AnswerImport"/> (<see cref="ImportReport.Mapping"/>)
/// and replayed on the next file from the same tool (<see cref="ImportOptions.Mapping"/>): saved as JSON per organization
/// by the web app, with <c>--save-mapping</c>/<c>--mapping FILE.json</c> by the CLI. Versioned by <see cref="Version"/>.
/// </summary>
public sealed record ImportMapping
{
    /// <summary>The version this build writes and reads.</summary>
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The mapping format's version (<see cref="CurrentVersion"/>).</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The header's spreadsheet row (1-based, rows above it are titles or question text); null: detected.</summary>
    public int? HeaderRow { get; init; }

    /// <summary>Each column by its header text, and what it becomes. Columns of the file not listed here are detected.</summary>
    public IReadOnlyList<ColumnMapping> Columns { get; init; } = [];

    /// <summary>Answer texts read as a scale point or as "not answered", beyond the built-in labels and numbers.</summary>
    public IReadOnlyList<ValueMapping> Values { get; init; } = [];

    /// <summary>Numbers are numbered from "Strongly agree" = 1 (reversed before scoring).</summary>
    public bool ReverseScale { get; init; }

    /// <summary>Attribute values read as another (e.g. <c>Seller</c> → <c>seller</c>, <c>Account Executive</c> → <c>AE</c>).</summary>
    public IReadOnlyList<AttributeMerge> Merges { get; init; } = [];

    /// <summary>The form the file answers (full or quick); null: detected.</summary>
    public InstrumentForm? Form { get; init; }

    /// <summary>The mapping as JSON (indented, camelCase, enums as words).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a mapping written by <see cref="ToJson"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidResponsesException">The text is not a mapping, or of a newer version.</exception>
    public static ImportMapping Parse(string json, string source)
    {
        ImportMapping? mapping;
        try
        {
            mapping = JsonSerializer.Deserialize<ImportMapping>(json, Json);
        }
        catch (JsonException e)
        {
            throw new InvalidResponsesException(source, [$"not a saved import mapping: {e.Message}"], 1);
        }

        if (mapping is null)
        {
            throw new InvalidResponsesException(source, ["not a saved import mapping: the file is empty"], 1);
        }

        if (mapping.Version > CurrentVersion)
        {
            throw new InvalidResponsesException(source, [$"the mapping is of version {mapping.Version}; this SalesWheel reads up to version {CurrentVersion}"], 1);
        }

        return mapping with { Columns = mapping.Columns ?? [], Values = mapping.Values ?? [], Merges = mapping.Merges ?? [] };
    }
}

/// <summary>What one column becomes.</summary>
/// <param name="Header">The column's header text as in the file (trimmed).</param>
/// <param name="Target">Statement, attribute or ignored.</param>
/// <param name="Name">The item id (<see cref="ColumnTarget.Item"/>) or attribute name (<see cref="ColumnTarget.Attribute"/>); null when ignored.</param>
/// <param name="Index">The column's 0-based position, used when several columns share the header text (SurveyMonkey's "Response").</param>
public sealed record ColumnMapping(string Header, ColumnTarget Target, string? Name = null, int? Index = null);

/// <summary>What a column becomes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColumnTarget>))]
public enum ColumnTarget
{
    /// <summary>Answers to one statement (an item id).</summary>
    Item,

    /// <summary>An attribute for breakdowns (role, team…).</summary>
    Attribute,

    /// <summary>Not read (timestamps, e-mail addresses, comments…).</summary>
    Ignored,
}

/// <summary>An answer text and the scale point it means (1..points of the instrument's scale, as in the scale's order), or null for "not answered".</summary>
/// <param name="Value">The text as found in cells (compared ignoring case and surrounding spaces).</param>
/// <param name="Point">The scale value (<c>Scale.Min..Scale.Max</c>), or null: not answered.</param>
public sealed record ValueMapping(string Value, int? Point);

/// <summary>An attribute value read as another one.</summary>
/// <param name="Attribute">The attribute's name (e.g. <c>role</c>).</param>
/// <param name="From">The value as found (trimmed).</param>
/// <param name="To">The value to store instead.</param>
public sealed record AttributeMerge(string Attribute, string From, string To);
