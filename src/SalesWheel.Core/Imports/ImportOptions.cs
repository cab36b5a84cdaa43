using System.Text.Json.Serialization;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Imports;

/// <summary>What the person importing a file chose; everything left null is detected from the file.</summary>
public sealed record ImportOptions
{
    /// <summary>The instrument the answers belong to (the full form; see <see cref="Form"/>). Default: the built-in Sales Performance Wheel.</summary>
    public Instrument Instrument { get; init; } = BuiltInInstrument.Full;

    /// <summary>
    /// Attribute columns to keep for breakdowns, by name (e.g. <c>role</c>, <c>team</c>, or any header). <c>role</c> and
    /// <c>team</c> are also found by header or question text ("What is your role?"). Only these become attribute columns
    /// of the <see cref="ImportResult.Responses"/>.
    /// </summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];

    /// <summary>A saved mapping to replay (from <see cref="ImportReport.Mapping"/>); it wins over detection.</summary>
    public ImportMapping? Mapping { get; init; }

    /// <summary>The worksheet to read from a workbook (by name, any case); null: the first sheet.</summary>
    public string? Sheet { get; init; }

    /// <summary>
    /// Whether numeric answers are numbered from "Strongly agree" = 1 (true), from "Strongly disagree" = 1 (false), or
    /// as the mapping says / the default 1 = Strongly disagree (null). Label answers fix their own direction.
    /// </summary>
    public bool? ReverseScale { get; init; }

    /// <summary>The form the answers belong to, when the person said (CLI <c>--quick</c>); null: detected from the columns.</summary>
    public InstrumentForm? Form { get; init; }

    /// <summary>
    /// What to do with a word-like answer text (two letters or more) that is neither a number, a label of the scale nor "not
    /// answered" (e.g. "Largely agree"); a stray letter or a number off the scale is an error either way:
    /// refuse the file (the default, as <c>saleswheel score</c> does), or report it in <see cref="ImportReport.UnknownValues"/>
    /// with its cells left unanswered until a mapping gives it a point (the upload preview).
    /// </summary>
    public UnknownValues UnknownValues { get; init; } = UnknownValues.Refuse;

    /// <summary>Receives the share of the file read (0–1), when given.</summary>
    public IProgress<double>? Progress { get; init; }
}

/// <summary>Which form of the instrument a file answers.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<InstrumentForm>))]
public enum InstrumentForm
{
    /// <summary>The whole instrument (some statements may have no column).</summary>
    Full,

    /// <summary>The instrument's quick form (<see cref="Instrument.QuickForm"/>).</summary>
    Quick,

    /// <summary>A subset of the instrument's statements that is not the quick form (reported only; scored as the full form).</summary>
    Custom,
}

/// <summary>What an import does with answer texts it cannot read (see <see cref="ImportOptions.UnknownValues"/>).</summary>
public enum UnknownValues
{
    /// <summary>Each cell holding one is an error: the file is refused.</summary>
    Refuse,

    /// <summary>Each is listed with no point (<see cref="ValueReading.Unknown"/>) and its cells are left unanswered; the report cannot be confirmed until each is mapped.</summary>
    Report,
}
