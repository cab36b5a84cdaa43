using System.Globalization;
using System.Text;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Responses;

/// <summary>
/// A responses file that cannot be scored. <see cref="Problems"/> names each bad cell by line and column
/// (up to <see cref="ResponsesCsv.MaxListedProblems"/>); <see cref="TotalProblems"/> counts them all.
/// </summary>
public sealed class InvalidResponsesException(string source, IReadOnlyList<string> problems, int totalProblems)
    : Exception(Describe(source, problems, totalProblems))
{
    /// <summary>The problems listed, each saying where (line, column) and what.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>How many problems there are in all, listed or not.</summary>
    public int TotalProblems { get; } = totalProblems;

    private static string Describe(string source, IReadOnlyList<string> problems, int total)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{source}: {total} problem{(total == 1 ? "" : "s")}; nothing was scored.");
        foreach (var p in problems)
        {
            text.AppendLine().Append("  ").Append(p);
        }

        if (total > problems.Count)
        {
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  … and {total - problems.Count} more");
        }

        return text.ToString();
    }
}

/// <summary>A responses file read into a <see cref="ResponseSet"/>, with what was left out.</summary>
public sealed record ResponsesFile(
    ResponseSet Responses,
    char Delimiter,
    int SkippedEmptyRows,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> ItemsWithoutColumn)
{
    /// <summary>Set when the file was not UTF-8 and was read as Windows-1252 (<see cref="CsvText.Windows1252Note"/>), to be shown.</summary>
    public string? EncodingNote { get; init; }
}

/// <summary>
/// Reads the responses CSV of SCORING.md by the reading policy of <see cref="CsvText"/> (encoding, delimiter, a
/// <c>sep=</c> line): a header row, one column per item id, attribute columns for breakdowns.
/// </summary>
public static class ResponsesCsv
{
    /// <summary>At most this many bad cells are listed one by one; the rest are counted.</summary>
    public const int MaxListedProblems = 50;

    /// <summary>Reads a responses file. <paramref name="progress"/>, when given, receives the share of the file read (0–1).</summary>
    /// <exception cref="InvalidResponsesException">The file has bad cells, lacks a group-by column or item columns, or cannot be read.</exception>
    public static ResponsesFile Read(string path, Instrument instrument, IReadOnlyList<string> groupBy, IProgress<double>? progress = null)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidResponsesException(path, [$"cannot read the file: {e.Message}"], 1);
        }

        using (stream)
        {
            return Read(stream, path, instrument, groupBy, progress);
        }
    }

    /// <summary>Reads responses from a stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidResponsesException">The data has bad cells, lacks a group-by column or item columns.</exception>
    public static ResponsesFile Read(Stream stream, string source, Instrument instrument, IReadOnlyList<string> groupBy, IProgress<double>? progress = null)
    {
        if (!stream.CanSeek)
        {
            // Delimiter detection looks at the header and rewinds; buffer a one-way stream first.
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }

        var estimatedRows = EstimateRows(stream);
        var (text, layout, encodingNote) = CsvText.Open(stream);
        if (layout is null)
        {
            throw new InvalidResponsesException(source, ["line 1: the file is empty; it needs a header row naming the item columns"], 1);
        }

        // The header is read as an ordinary row: Sep refuses duplicate column names, which deserve our own message.
        using var reader = CsvText.Records(text, layout.Value);
        if (!reader.MoveNext())
        {
            throw new InvalidResponsesException(source, ["line 1: the file is empty; it needs a header row naming the item columns"], 1);
        }

        var header = Enumerable.Range(0, reader.Current.ColCount).Select(c => reader.Current[c].ToString().Trim()).ToList();
        var columns = MapColumns(header, layout.Value.HeaderLine, instrument, groupBy, source);

        var responses = new ResponseSet(instrument, groupBy, capacity: estimatedRows);
        var scale = instrument.Scale;
        var problems = new List<string>();
        var totalProblems = 0;
        var skipped = 0;
        var itemColumns = columns.ItemColumns;
        var attributeColumns = columns.AttributeColumns;
        var attributes = responses.Attributes;
        var canReportProgress = progress is not null && stream.CanSeek && stream.Length > 0;
        var length = canReportProgress ? stream.Length : 1;

        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (responses.Count == responses.MaxRespondents)
            {
                throw new InvalidResponsesException(source, [$"line {line}: too many rows; one file can hold at most {responses.MaxRespondents:N0} respondents"], 1);
            }

            var answers = responses.AddRow();
            var answered = 0;
            var colCount = row.ColCount;
            for (var j = 0; j < itemColumns.Length; j++)
            {
                var (column, item) = itemColumns[j];
                if (column >= colCount)
                {
                    continue;
                }

                var cell = row[column].Span.Trim();
                if (cell.IsEmpty)
                {
                    continue;
                }

                // Fast path for the common single digit; everything else goes through the full rules.
                int value;
                if (cell.Length == 1 && (uint)(cell[0] - '0') <= 9)
                {
                    value = cell[0] - '0';
                }
                else if (IsNotAnswered(cell))
                {
                    continue;
                }
                else if (!int.TryParse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
                {
                    Problem(line, header[column], $"\"{cell}\" is not a whole number on the scale {scale.Min}..{scale.Max} (leave it blank, or write NA, if not answered)");
                    continue;
                }

                if (value < scale.Min || value > scale.Max)
                {
                    Problem(line, header[column], $"{value} is outside the scale {scale.Min}..{scale.Max}");
                    continue;
                }

                answers[item] = (byte)(value - scale.Min + 1);
                answered++;
            }

            if (answered == 0)
            {
                // A row with no answered item is no respondent (and a row whose only answers are bad stays out too).
                responses.RemoveLastRow();
                skipped++;
                continue;
            }

            for (var a = 0; a < attributeColumns.Length; a++)
            {
                var column = attributeColumns[a];
                // A team or role pasted with a control character (a vertical tab) is stored with a space there instead.
                var cell = column < colCount ? row[column].Span : [];
                attributes[a].Append(PlainText.IsLine(cell) ? cell : PlainText.Line(cell.ToString()));
            }

            if (canReportProgress && (row.RowIndex & 0xFFFF) == 0)
            {
                progress!.Report((double)stream.Position / length);
            }
        }

        if (totalProblems > 0)
        {
            throw new InvalidResponsesException(source, problems, totalProblems);
        }

        if (canReportProgress)
        {
            progress!.Report(1.0);
        }

        return new ResponsesFile(responses, layout.Value.Delimiter, skipped, columns.Ignored, columns.ItemsWithoutColumn) { EncodingNote = encodingNote };

        void Problem(int line, string column, string what)
        {
            totalProblems++;
            if (problems.Count < MaxListedProblems)
            {
                problems.Add($"line {line}, column {column}: {what}");
            }
        }
    }

    /// <summary>
    /// The header row's column names (trimmed), with the delimiter detected as <see cref="Read(Stream, string, Instrument, IReadOnlyList{string}, IProgress{double}?)"/>
    /// does; empty for an empty file. The stream must be seekable and is left where it was.
    /// </summary>
    public static IReadOnlyList<string> ReadHeader(Stream stream)
    {
        var start = stream.Position;
        try
        {
            var (text, layout, _) = CsvText.Open(stream, leaveOpen: true);
            if (layout is null)
            {
                text.Dispose();
                return [];
            }

            using var reader = CsvText.Records(text, layout.Value);
            return reader.MoveNext()
                ? Enumerable.Range(0, reader.Current.ColCount).Select(c => reader.Current[c].ToString().Trim()).ToList()
                : [];
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Blank, NA, N/A or - (any case) mean "not answered".</summary>
    public static bool IsNotAnswered(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        return cell.IsEmpty
            || cell.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || cell.Equals("N/A", StringComparison.OrdinalIgnoreCase)
            || cell is "-";
    }

    private sealed record ColumnMap((int Column, int Item)[] ItemColumns, int[] AttributeColumns, IReadOnlyList<string> Ignored, IReadOnlyList<string> ItemsWithoutColumn);

    private static ColumnMap MapColumns(List<string> header, int headerLine, Instrument instrument, IReadOnlyList<string> groupBy, string source)
    {
        var problems = new List<string>();
        var items = instrument.Items.Select((item, index) => (item.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        var itemColumns = new List<(int, int)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ignored = new List<string>();
        for (var c = 0; c < header.Count; c++)
        {
            var name = header[c];
            if (name.Length > 0 && seen.TryGetValue(name, out var first) && (items.ContainsKey(name) || groupBy.Contains(name)))
            {
                problems.Add($"line {headerLine}, column {c + 1}: \"{name}\" appears twice in the header (also column {first + 1})");
                continue;
            }

            seen.TryAdd(name, c);
            if (items.TryGetValue(name, out var item))
            {
                itemColumns.Add((c, item));
            }
            else if (!groupBy.Contains(name))
            {
                ignored.Add(name.Length == 0 ? $"(column {c + 1}, no name)" : name);
            }
        }

        var attributeColumns = new int[groupBy.Count];
        for (var a = 0; a < groupBy.Count; a++)
        {
            if (items.ContainsKey(groupBy[a]))
            {
                problems.Add($"cannot group by \"{groupBy[a]}\": it is an item of the instrument, not an attribute");
            }
            else if (!seen.TryGetValue(groupBy[a], out attributeColumns[a]))
            {
                problems.Add($"cannot group by \"{groupBy[a]}\": the header has no such column (it has: {string.Join(", ", header.Where(h => !items.ContainsKey(h)).DefaultIfEmpty("no attribute columns"))})");
            }
        }

        if (itemColumns.Count == 0)
        {
            var example = string.Join(", ", instrument.Items.Take(3).Select(i => i.Id));
            problems.Add($"line {headerLine}: no column is named after an item of the instrument \"{instrument.Id}\" (expected headers such as {example})");
        }

        if (problems.Count > 0)
        {
            throw new InvalidResponsesException(source, problems, problems.Count);
        }

        var present = itemColumns.Select(p => p.Item2).ToHashSet();
        var missing = instrument.Items.Where((_, index) => !present.Contains(index)).Select(i => i.Id).ToList();
        return new ColumnMap(itemColumns.ToArray(), attributeColumns, ignored, missing);
    }

    /// <summary>Estimates the number of rows from the line length in the first 64 KiB, to size the answers once.</summary>
    private static int EstimateRows(Stream stream)
    {
        var start = stream.Position;
        var buffer = new byte[1 << 16];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var lines = Math.Max(1, buffer.AsSpan(0, length).Count((byte)'\n'));
        return (int)Math.Clamp((stream.Length - start) / ((double)Math.Max(1, length) / lines) * 1.05, 16, 50_000_000);
    }
}
