using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ExcelDataReader;
using ExcelDataReader.Exceptions;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Imports;

/// <summary>
/// The one way answers come into SalesWheel (CLI <c>score</c>/<c>anonymize</c>/<c>compare</c>, the web upload, the API):
/// survey-tool exports as CSV (by <see cref="CsvText"/>'s policy), Excel workbooks (.xlsx) and ZIP archives holding
/// one CSV, told apart by content. Finds the header row among the first rows, maps columns to statements (by id in any
/// case and wrapping, or by statement text), reads numbers and scale labels, and reports all of it
/// (<see cref="ImportReport"/>). One pass over the rows.
/// </summary>
public static class AnswerImport
{
    /// <summary>At most this many problems are listed one by one; the rest are counted.</summary>
    public const int MaxListedProblems = ResponsesCsv.MaxListedProblems;

    // A CSV inside a ZIP is unpacked into memory: a bound, so a small archive cannot unpack into more than memory holds.
    private const long MaxZippedCsvBytes = 1L << 30;

    // ExcelDataReader looks Windows-1252 up by code page even for .xlsx, which .NET knows only once code pages are registered.
    internal static readonly Lazy<System.Text.Encoding> Windows1252 = new(() =>
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(1252);
    });

    /// <summary>Reads a file of answers.</summary>
    /// <exception cref="InvalidResponsesException">The file cannot be read or scored: each problem says where (row, line, column) and what.</exception>
    public static ImportResult Read(string path, ImportOptions options)
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
            return Read(stream, path, options);
        }
    }

    /// <summary>Reads answers from a stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidResponsesException">The data cannot be scored: each problem says where (row, line, column) and what.</exception>
    public static ImportResult Read(Stream stream, string source, ImportOptions options)
    {
        // The header and the encoding are judged before the rows are read.
        stream = FileKinds.Seekable(stream);
        try
        {
            return FileKinds.Of(stream) switch
            {
                FileKind.Zip => ReadZip(stream, source, options),
                FileKind.OldExcel => throw new InvalidResponsesException(source,
                    ["this is an old Excel workbook (.xls): open it in Excel and save it as .xlsx or as \"CSV UTF-8\", then import that file"], 1),
                _ => ReadCsv(stream, source, options, ImportFormat.Csv, part: null),
            };
        }
        catch (Exception e) when (e is InvalidDataException or ExcelReaderException or XmlException or FormatException or NotSupportedException
            or System.Text.DecoderFallbackException)
        {
            throw new InvalidResponsesException(source, [$"the file cannot be read: {e.Message}"], 1);
        }
    }

    private static ImportResult ReadZip(Stream stream, string source, ImportOptions options)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        if (zip.GetEntry("xl/workbook.xml") is not null)
        {
            stream.Position = 0;
            return ReadWorkbook(stream, source, options);
        }

        var files = zip.Entries.Where(e => e.Length > 0 && !e.FullName.EndsWith('/') && !e.FullName.StartsWith("__MACOSX/", StringComparison.Ordinal)).ToList();
        var csv = files.Where(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || e.Name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase)).ToList();
        if (csv.Count == 0)
        {
            csv = [.. files.Where(e => e.Name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))];
        }

        if (csv.Count != 1)
        {
            var what = csv.Count == 0 ? "no CSV file" : $"{csv.Count} CSV files ({string.Join(", ", csv.Take(5).Select(e => e.FullName))})";
            throw new InvalidResponsesException(source, [$"this is a ZIP archive holding {what}: import a ZIP with exactly one CSV file, or the CSV itself"], 1);
        }

        if (csv[0].Length > MaxZippedCsvBytes)
        {
            throw new InvalidResponsesException(source, [$"this is a ZIP archive whose CSV file ({csv[0].FullName}) is larger than {MaxZippedCsvBytes >> 30} GiB unpacked: import the CSV itself"], 1);
        }

        var text = new MemoryStream();
        using (var entry = csv[0].Open())
        {
            entry.CopyTo(text);
        }

        text.Position = 0;
        return ReadCsv(text, source, options, ImportFormat.ZipCsv, csv[0].FullName);
    }

    private static ImportResult ReadCsv(Stream stream, string source, ImportOptions options, ImportFormat format, string? part)
    {
        var estimatedRows = EstimateRows(stream);
        var encoding = EncodingName(stream);
        var (text, layout, encodingNote) = CsvText.Open(stream);
        using var _ = text;
        if (layout is null)
        {
            throw new InvalidResponsesException(source, ["line 1: the file is empty; it needs a header row naming the item columns"], 1);
        }

        var rowOffset = layout.Value.SeparatorLine ? 0 : 1;
        using var reader = CsvText.Records(text, layout.Value);
        var head = new List<HeadRow>(ImportPlan.HeaderSearchRows);
        while (head.Count < ImportPlan.HeaderSearchRows && reader.MoveNext())
        {
            var row = reader.Current;
            var cells = new string[row.ColCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = row[c].ToString();
            }

            head.Add(new HeadRow(cells, new SepCells(row, rowOffset).Position));
        }

        var import = Start(head, source, options, estimatedRows);
        var progress = options.Progress;
        var total = Math.Max(1, stream.Length);
        while (reader.MoveNext())
        {
            var row = reader.Current;
            import.Rows.Add(new SepCells(row, rowOffset));
            if (progress is not null && (row.RowIndex & 0xFFFF) == 0)
            {
                progress.Report((double)stream.Position / total);
            }
        }

        progress?.Report(1.0);
        return import.Finish(new FileFacts(format, part, encoding, encodingNote, layout.Value.Delimiter));
    }

    private static ImportResult ReadWorkbook(Stream stream, string source, ImportOptions options)
    {
        var fallback = Windows1252.Value; // before the configuration, whose default asks for it
        using var excel = ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true, FallbackEncoding = fallback });
        var sheets = new List<string>();
        do
        {
            sheets.Add(excel.Name ?? "");
            if (options.Sheet is null || string.Equals(excel.Name?.Trim(), options.Sheet.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return ReadSheet(excel, stream, source, options);
            }
        }
        while (excel.NextResult());

        throw new InvalidResponsesException(source, [$"this is an Excel workbook without a sheet named \"{options.Sheet}\" (it has: {string.Join(", ", sheets)})"], 1);
    }

    private static ImportResult ReadSheet(IExcelDataReader excel, Stream stream, string source, ImportOptions options)
    {
        var head = new List<HeadRow>(ImportPlan.HeaderSearchRows);
        var number = 0;
        while (head.Count < ImportPlan.HeaderSearchRows && excel.Read())
        {
            number++;
            head.Add(new HeadRow(Cells(excel), new RowPosition(number, number)));
        }

        // Not excel.RowCount: without a <dimension> element it reads the whole sheet once more to count.
        var import = Start(head, source, options, Math.Max(16, (int)Math.Min(stream.Length / 64, 1 << 20)));
        var total = Math.Max(1, stream.Length);
        while (excel.Read())
        {
            number++;
            import.Rows.Add(new TextCells(Cells(excel), new RowPosition(number, number)));
            if (options.Progress is not null && (number & 0x3FFF) == 0)
            {
                options.Progress.Report(Math.Min(1.0, (double)stream.Position / total));
            }
        }

        options.Progress?.Report(1.0);
        return import.Finish(new FileFacts(ImportFormat.ExcelWorkbook, excel.Name, null, null, null));
    }

    private static string[] Cells(IExcelDataReader excel)
    {
        var cells = new string[excel.FieldCount];
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = excel.GetValue(c) switch
            {
                null => "",
                string s => s,
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                bool b => b ? "TRUE" : "FALSE",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            };
        }

        return cells;
    }

    private static Import Start(List<HeadRow> head, string source, ImportOptions options, int estimatedRows)
    {
        var mapping = options.Mapping;
        var reverse = options.ReverseScale ?? mapping?.ReverseScale ?? false;
        var values = new AnswerValues(options.Instrument.Scale, reverse, mapping?.Values ?? [], options.UnknownValues == UnknownValues.Report);
        var plan = ImportPlan.Make(head, options, source);
        var responses = new ResponseSet(plan.Instrument, options.GroupBy, capacity: estimatedRows);
        var rows = new AnswerRows(plan, values, responses, options.GroupBy, mapping?.Merges ?? [], source);
        for (var i = plan.HeaderIndex + 1; i < head.Count; i++)
        {
            if (!plan.SkippedHeadRows.Contains(i))
            {
                rows.Add(new TextCells(head[i].Cells, head[i].Position));
            }
        }

        return new Import(source, options, plan, values, responses, rows, reverse);
    }

    /// <summary>The name of the encoding <see cref="CsvText.Open"/> will read the stream in (for the report).</summary>
    private static string EncodingName(Stream stream)
    {
        var start = stream.Position;
        Span<byte> head = stackalloc byte[4];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        return head[..length] switch
        {
            [0xEF, 0xBB, 0xBF, ..] => "UTF-8 with byte order mark",
            [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 LE",
            [0xFF, 0xFE, ..] => "UTF-16 LE",
            [0xFE, 0xFF, ..] => "UTF-16 BE",
            [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 BE",
            _ => "UTF-8",
        };
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

    private sealed record FileFacts(ImportFormat Format, string? Part, string? Encoding, string? EncodingNote, char? Delimiter);

    /// <summary>An import under way: the plan from the first rows, and the rows read so far.</summary>
    private sealed record Import(string Source, ImportOptions Options, ImportPlan Plan, AnswerValues Values, ResponseSet Responses, AnswerRows Rows, bool Reverse)
    {
        public ImportResult Finish(FileFacts file)
        {
            Rows.ThrowIfProblems();
            var scale = Plan.Instrument.Scale;
            var numbersOnly = !Values.AnyLabel && Values.AnyNumber;
            var low = Label(scale, scale.Min, 0);
            var high = Label(scale, scale.Max, scale.Points - 1);
            var direction = Reverse
                ? $"{scale.Min} = {high} … {scale.Max} = {low} (reversed)"
                : $"{scale.Min} = {low} … {scale.Max} = {high}";
            var warnings = new List<ImportWarning>();
            if (file.EncodingNote is { } note)
            {
                warnings.Add(new ImportWarning("encoding", note));
            }

            warnings.AddRange(Plan.Warnings);
            if (numbersOnly)
            {
                warnings.Add(new ImportWarning("numbers-only", Reverse
                    ? $"The answers are numbers only, read reversed: {direction}. If your tool numbered {scale.Min} = {low}, import without reversing."
                    : $"The answers are numbers only, read as {direction}, as in your tool? If it numbered {scale.Min} = {high}, reverse the scale."));
            }
            else if (Reverse && Values.AnyLabel)
            {
                warnings.Add(new ImportWarning("reverse-with-labels", "Reversing the scale applies to numbers only: answers given as labels (\"Agree\") were read by their words."));
            }

            var found = Values.Found();
            var unknown = found.Where(v => v.ReadAs == ValueReading.Unknown).Select(v => $"\u201c{v.Text}\u201d").ToList();
            if (unknown.Count > 0)
            {
                warnings.Add(new ImportWarning("unknown-values",
                    $"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not on the scale: choose {(unknown.Count == 1 ? "its" : "each one's")} scale point (or \u201cnot answered\u201d); the answers cannot be confirmed until then."));
            }

            var attributes = ImportChecks.Attributes(Responses, Plan.AttributeColumns, warnings);
            ImportChecks.ReverseKeyed(Responses, warnings);

            var applied = new ImportMapping
            {
                HeaderRow = Plan.Header.Row,
                Columns = Plan.Columns.Select(c => new ColumnMapping(c.Header, c.Target, c.Target == ColumnTarget.Ignored ? null : c.Name,
                    Plan.Columns.Count(o => o.Header == c.Header) > 1 ? c.Index : null)).ToList(),
                Values = Values.AsMapping(),
                ReverseScale = Reverse,
                Merges = Options.Mapping?.Merges ?? [],
                Form = Plan.Form == InstrumentForm.Quick ? InstrumentForm.Quick : Options.Form ?? Options.Mapping?.Form,
            };

            var report = new ImportReport
            {
                Source = Source,
                Format = file.Format,
                Part = file.Part,
                Encoding = file.EncodingNote is null ? file.Encoding : "Windows-1252",
                EncodingNote = file.EncodingNote,
                Delimiter = file.Delimiter,
                Header = Plan.Header,
                SkippedRows = Plan.Skipped,
                Columns = Plan.Columns,
                ItemsWithoutColumn = Plan.ItemsWithoutColumn,
                Values = found,
                Attributes = attributes,
                Instrument = Plan.Instrument,
                Form = Plan.Form,
                NumbersOnly = numbersOnly,
                Direction = direction,
                ReverseScale = Reverse,
                Warnings = warnings,
                Respondents = Responses.Count,
                SkippedEmptyRows = Rows.SkippedEmptyRows,
                Mapping = applied,
            };
            return new ImportResult(Responses, report);
        }

        private static string Label(Instruments.ResponseScale scale, int value, int index) =>
            scale.Labels is { } labels && index < labels.Count ? labels[index] : value.ToString(CultureInfo.InvariantCulture);
    }
}
