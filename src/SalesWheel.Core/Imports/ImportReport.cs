using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Imports;

/// <summary>
/// How <see cref="AnswerImport"/> read a file: what it is, where its header is, what each column and each distinct answer
/// became, the attribute values, the instrument it looks like, and the warnings to act on. A page renders it from the
/// data; the CLI prints <see cref="Summary"/> on every run and <see cref="Describe"/> for <c>saleswheel inspect</c>.
/// </summary>
public sealed record ImportReport
{
    /// <summary>The file's name as given (for messages).</summary>
    public required string Source { get; init; }

    /// <summary>What the file is: CSV text, an Excel workbook, a ZIP holding a CSV.</summary>
    public required ImportFormat Format { get; init; }

    /// <summary>The worksheet read (workbooks), or the CSV's name inside the ZIP; null for a plain CSV.</summary>
    public string? Part { get; init; }

    /// <summary>The text encoding (e.g. <c>UTF-8</c>, <c>UTF-16 LE</c>, <c>Windows-1252</c>); null for a workbook.</summary>
    public string? Encoding { get; init; }

    /// <summary>Set when the encoding was guessed (<see cref="Text.CsvText.Windows1252Note"/>), to be shown.</summary>
    public string? EncodingNote { get; init; }

    /// <summary>The CSV delimiter (<c>,</c> <c>;</c> or tab); null for a workbook.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Where the header is: its spreadsheet row and file line (1-based).</summary>
    public required RowPosition Header { get; init; }

    /// <summary>Rows above the header (titles, question text) and rows below it without answers (Qualtrics' extra header rows), skipped.</summary>
    public IReadOnlyList<SkippedRow> SkippedRows { get; init; } = [];

    /// <summary>Every column of the header row, in file order, with what it became and how.</summary>
    public required IReadOnlyList<ImportedColumn> Columns { get; init; }

    /// <summary>Statements of the instrument read with no column (no answers), as item ids.</summary>
    public IReadOnlyList<string> ItemsWithoutColumn { get; init; } = [];

    /// <summary>Each distinct answer text found in statement columns, with its count and scale point.</summary>
    public IReadOnlyList<AnswerValue> Values { get; init; } = [];

    /// <summary>Each attribute kept for breakdowns, with its values, counts and near-duplicates.</summary>
    public IReadOnlyList<AttributeSummary> Attributes { get; init; } = [];

    /// <summary>The instrument the answers were read against (the quick form when the file holds only its statements).</summary>
    public required Instrument Instrument { get; init; }

    /// <summary>The form the file looks like: full, quick, or a custom subset of statements.</summary>
    public required InstrumentForm Form { get; init; }

    /// <summary>The answers were all numbers (no scale labels), so their direction was assumed (see <see cref="Direction"/>).</summary>
    public bool NumbersOnly { get; init; }

    /// <summary>The direction the numbers were read in, e.g. "1 = Strongly disagree … 5 = Strongly agree".</summary>
    public required string Direction { get; init; }

    /// <summary>Numbers were reversed (numbered from "Strongly agree" = 1).</summary>
    public bool ReverseScale { get; init; }

    /// <summary>Warnings that catch silent mistakes, each with a code and a sentence saying what to do.</summary>
    public IReadOnlyList<ImportWarning> Warnings { get; init; } = [];

    /// <summary>Respondents read (rows with at least one answer).</summary>
    public int Respondents { get; init; }

    /// <summary>Rows below the header with no answered statement, skipped.</summary>
    public int SkippedEmptyRows { get; init; }

    /// <summary>The mapping as applied, to save and replay on the next file.</summary>
    public required ImportMapping Mapping { get; init; }

    /// <summary>
    /// The answer texts read as <see cref="ValueReading.Unknown"/> (only under <see cref="Imports.UnknownValues.Report"/>):
    /// their cells were left unanswered, so the answers must not be stored until a mapping gives each a point or "not answered".
    /// </summary>
    public IReadOnlyList<string> UnknownValues => Values.Where(v => v.ReadAs == ValueReading.Unknown).Select(v => v.Text).ToList();

    /// <summary>Whether the answers may be stored as read: false while any <see cref="UnknownValues"/> awaits its scale point.</summary>
    public bool CanConfirm => !Values.Any(v => v.ReadAs == ValueReading.Unknown);

    /// <summary>Columns that became statements.</summary>
    public IEnumerable<ImportedColumn> ItemColumns => Columns.Where(c => c.Target == ColumnTarget.Item);

    /// <summary>Columns not read.</summary>
    public IEnumerable<ImportedColumn> IgnoredColumns => Columns.Where(c => c.Target == ColumnTarget.Ignored);

    /// <summary>A few lines for every run of the CLI: format, header, columns read, values, warnings.</summary>
    public string Summary() => ImportReportText.Summary(this);

    /// <summary>The whole report as text (<c>saleswheel inspect</c>): every column, value, attribute and warning.</summary>
    public string Describe() => ImportReportText.Describe(this);
}

/// <summary>What kind of file was read.</summary>
public enum ImportFormat
{
    /// <summary>CSV (or tab-separated) text.</summary>
    Csv,

    /// <summary>An Excel workbook (.xlsx).</summary>
    ExcelWorkbook,

    /// <summary>A ZIP archive holding one CSV file.</summary>
    ZipCsv,
}

/// <summary>A row's position: its spreadsheet row (as Excel numbers it) and the file line it starts on (CSV; equal for a workbook).</summary>
/// <param name="Row">The spreadsheet row, 1-based (a <c>sep=</c> line and line breaks inside cells do not count).</param>
/// <param name="Line">The file line, 1-based.</param>
public readonly record struct RowPosition(int Row, int Line)
{
    /// <summary>"line 12" when row and line agree, else "spreadsheet row 8 (file line 12)".</summary>
    public override string ToString() => Row == Line ? $"line {Line}" : $"spreadsheet row {Row} (file line {Line})";
}

/// <summary>A row skipped around the header.</summary>
/// <param name="Position">Where it is.</param>
/// <param name="Reason">Why it was skipped (e.g. "title above the header", "question text", "Qualtrics ImportId row").</param>
public sealed record SkippedRow(RowPosition Position, string Reason);

/// <summary>One column of the file and what it became.</summary>
/// <param name="Index">0-based position in the header row.</param>
/// <param name="Header">The header text (trimmed).</param>
/// <param name="QuestionText">Text found above the header in this column or the nearest one to its left (SurveyMonkey's question row), if any.</param>
/// <param name="Target">Statement, attribute or ignored.</param>
/// <param name="Name">The item id or attribute name; null when ignored.</param>
/// <param name="How">How it was recognised.</param>
/// <param name="ClosestStatement">For an ignored column, the item id of the statement its header is closest to (null when none is close).</param>
public sealed record ImportedColumn(int Index, string Header, string? QuestionText, ColumnTarget Target, string? Name, MatchedBy How, string? ClosestStatement = null)
{
    /// <summary>The column as a spreadsheet names it: A, B, … Z, AA …</summary>
    public string Letter => ColumnLetters.Of(Index);
}

/// <summary>How a column was recognised.</summary>
public enum MatchedBy
{
    /// <summary>Not recognised (ignored).</summary>
    Nothing,

    /// <summary>The header is the item id (any case and spacing: <c>enb5</c>, <c>MOT 3</c>).</summary>
    ItemId,

    /// <summary>The id inside brackets: <c>STR[STR1]</c>.</summary>
    IdInBrackets,

    /// <summary>The id after a slash: <c>strategy/STR1</c>.</summary>
    IdInPath,

    /// <summary>The id before a text: <c>STR1 - text</c>, <c>STR1. text</c>.</summary>
    IdBeforeText,

    /// <summary>The statement's text, normalised, inside the header (<c>Strategy [statement]</c>).</summary>
    StatementText,

    /// <summary>An attribute by its header (<c>role</c>, <c>What is your role?</c>).</summary>
    HeaderText,

    /// <summary>An attribute by the question text above the header (SurveyMonkey's "Response" columns).</summary>
    QuestionText,

    /// <summary>Named by the person (group-by) or by a replayed mapping.</summary>
    Mapping,
}

/// <summary>A distinct answer text found in statement columns.</summary>
/// <param name="Text">The text as found (trimmed).</param>
/// <param name="Count">How many cells hold it.</param>
/// <param name="Point">The scale value it was read as; null: not answered.</param>
/// <param name="ReadAs">Number, scale label, or not answered.</param>
public sealed record AnswerValue(string Text, int Count, int? Point, ValueReading ReadAs);

/// <summary>How an answer text was read.</summary>
public enum ValueReading
{
    /// <summary>A number on the scale (<c>4</c>, <c>4.0</c>, <c>4,0</c>), in the direction stated by <see cref="ImportReport.Direction"/>.</summary>
    Number,

    /// <summary>A label of the scale or a common variant ("Somewhat agree"), or a number with its label (<c>4 - Agree</c>).</summary>
    Label,

    /// <summary>Blank, NA, Don't know, Not applicable, Prefer not to say…: not answered.</summary>
    NotAnswered,

    /// <summary>A text that is none of these ("Largely agree"): unknown, choose its scale point; its cells are left unanswered meanwhile (<see cref="UnknownValues.Report"/> only).</summary>
    Unknown,
}

/// <summary>An attribute kept for breakdowns, with its values.</summary>
/// <param name="Name">The attribute's name (e.g. <c>role</c>).</param>
/// <param name="Column">The column it was read from (0-based).</param>
/// <param name="Values">Each distinct value (after merges) and how many respondents have it, most frequent first.</param>
/// <param name="NearDuplicates">Groups of values that differ only in case, spacing or punctuation (<c>Seller</c>/<c>seller</c>), to offer for merging.</param>
public sealed record AttributeSummary(string Name, int Column, IReadOnlyList<AttributeValueCount> Values, IReadOnlyList<IReadOnlyList<string>> NearDuplicates);

/// <summary>An attribute value and how many respondents have it.</summary>
public sealed record AttributeValueCount(string Value, int Count);

/// <summary>A warning about a likely silent mistake.</summary>
/// <param name="Code">Stable code: <c>reverse-keyed-negative</c>, <c>numbers-only</c>, <c>near-miss-id</c>, <c>attribute-near-duplicates</c>, <c>full-file-as-quick</c>, <c>read-as-quick</c>, <c>encoding</c>, <c>reverse-with-labels</c>.</param>
/// <param name="Message">A sentence saying what was seen and what to do.</param>
public sealed record ImportWarning(string Code, string Message);

/// <summary>Spreadsheet column letters.</summary>
public static class ColumnLetters
{
    /// <summary>The letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string Of(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
