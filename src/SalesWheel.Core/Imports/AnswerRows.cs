using nietras.SeparatedValues;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Imports;

/// <summary>The cells of one row, whatever the file: read through a generic so each kind gets its own compiled loop.</summary>
internal interface ICells
{
    int Count { get; }

    ReadOnlySpan<char> this[int column] { get; }

    /// <summary>Where the row is; asked for only when a problem is reported.</summary>
    RowPosition Position { get; }
}

/// <summary>A CSV row as Sep reads it (no copy). <paramref name="rowOffset"/>: 1, or 0 after a <c>sep=</c> line (Excel hides it).</summary>
internal readonly ref struct SepCells(SepReader.Row row, int rowOffset) : ICells
{
    private readonly SepReader.Row _row = row;

    public int Count => _row.ColCount;

    public ReadOnlySpan<char> this[int column] => _row[column].Span;

    // Sep numbers the first row's line from after it; the first row starts on line 1.
    public RowPosition Position => new(_row.RowIndex + rowOffset, _row.RowIndex == 0 ? 1 : _row.LineNumberFrom);
}

/// <summary>A row held as strings (the first rows of any file, and workbook rows).</summary>
internal readonly struct TextCells(string[] cells, RowPosition position) : ICells
{
    public int Count => cells.Length;

    public ReadOnlySpan<char> this[int column] => cells[column];

    public RowPosition Position => position;
}

/// <summary>Reads data rows into a <see cref="ResponseSet"/> by an <see cref="ImportPlan"/>, collecting problems.</summary>
internal sealed class AnswerRows
{
    private readonly ImportPlan _plan;
    private readonly AnswerValues _values;
    private readonly ResponseSet _responses;
    private readonly (int Column, int Item)[] _itemColumns;
    private readonly int[] _attributeColumns;
    private readonly AttributeColumn[] _attributes;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>?[] _merges;
    private readonly byte[] _digits;
    private readonly int[] _digitCounts;
    private readonly string _source;
    private readonly List<string> _problems = [];
    private readonly int _maxRespondents;

    public AnswerRows(ImportPlan plan, AnswerValues values, ResponseSet responses, IReadOnlyList<string> groupBy, IReadOnlyList<AttributeMerge> merges, string source)
    {
        _plan = plan;
        _values = values;
        _responses = responses;
        _itemColumns = plan.ItemColumns;
        _attributeColumns = plan.AttributeColumns;
        _attributes = [.. responses.Attributes];
        _digits = values.DigitBytes;
        _digitCounts = values.DigitCounts;
        _source = source;
        _maxRespondents = responses.MaxRespondents;
        _merges = new Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>?[groupBy.Count];
        for (var a = 0; a < groupBy.Count; a++)
        {
            var own = merges.Where(m => string.Equals(m.Attribute, groupBy[a], StringComparison.OrdinalIgnoreCase)).ToList();
            if (own.Count > 0)
            {
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var merge in own)
                {
                    map[merge.From.Trim()] = merge.To.Trim();
                }

                _merges[a] = map.GetAlternateLookup<ReadOnlySpan<char>>();
            }
        }
    }

    public int SkippedEmptyRows { get; private set; }

    public int TotalProblems { get; private set; }

    public void Add<T>(T row)
        where T : ICells, allows ref struct
    {
        var responses = _responses;
        if (responses.Count == _maxRespondents)
        {
            throw new InvalidResponsesException(_source, [$"{row.Position}: too many rows; one file can hold at most {_maxRespondents:N0} respondents"], 1);
        }

        var answers = responses.AddRow();
        var answered = 0;
        var colCount = row.Count;
        var itemColumns = _itemColumns;
        var digits = _digits;
        for (var j = 0; j < itemColumns.Length; j++)
        {
            var (column, item) = itemColumns[j];
            if (column >= colCount)
            {
                continue;
            }

            var cell = row[column].Trim();
            if (cell.IsEmpty)
            {
                continue;
            }

            // Fast path for the common single digit; everything else is read once per distinct text, then looked up.
            byte stored;
            string? problem = null;
            if (cell.Length == 1 && (uint)(cell[0] - '0') <= 9)
            {
                stored = digits[cell[0] - '0'];
                _digitCounts[cell[0] - '0']++;
                if (stored == AnswerValues.Invalid)
                {
                    problem = $"{cell[0]} is outside the scale {_plan.Instrument.Scale.Min}..{_plan.Instrument.Scale.Max}";
                }
            }
            else
            {
                stored = _values.Read(cell, out problem);
            }

            if (stored == AnswerValues.Invalid)
            {
                Problem(row.Position, column, problem!);
                continue;
            }

            if (stored != 0)
            {
                answers[item] = stored;
                answered++;
            }
        }

        if (answered == 0)
        {
            // A row with no answered item is no respondent (and a row whose only answers are bad stays out too).
            responses.RemoveLastRow();
            SkippedEmptyRows++;
            return;
        }

        for (var a = 0; a < _attributeColumns.Length; a++)
        {
            var column = _attributeColumns[a];
            // A team or role pasted with a control character (a vertical tab) is stored with a space there instead.
            var cell = column < colCount ? row[column].Trim() : [];
            if (_merges[a] is { } merge && merge.TryGetValue(cell, out var merged))
            {
                cell = merged;
            }

            _attributes[a].Append(PlainText.IsLine(cell) ? cell : PlainText.Line(cell.ToString()));
        }
    }

    public void ThrowIfProblems()
    {
        if (TotalProblems > 0)
        {
            throw new InvalidResponsesException(_source, _problems, TotalProblems);
        }
    }

    private void Problem(RowPosition position, int column, string what)
    {
        TotalProblems++;
        if (_problems.Count < AnswerImport.MaxListedProblems)
        {
            _problems.Add($"{position}, column {_plan.ColumnName(column)}: {what}");
        }
    }
}
