using System.Buffers;
using System.Text;
using nietras.SeparatedValues;

namespace SalesWheel.Core.Text;

/// <summary>Text decoded from a file's bytes by <see cref="CsvText.Decode"/>.</summary>
/// <param name="Text">The text, without its byte order mark.</param>
/// <param name="EncodingNote">
/// Null when the encoding was certain (a byte order mark, or valid UTF-8); otherwise <see cref="CsvText.Windows1252Note"/>:
/// the bytes were not UTF-8 and were read as Windows-1252, a guess the reader must show or refuse.
/// </param>
public sealed record DecodedText(string Text, string? EncodingNote);

/// <summary>A CSV file opened by <see cref="CsvText.Open"/>: its text, positioned after any byte order mark, its layout and the encoding note.</summary>
/// <param name="Text">The text reader; disposing it closes the stream unless it was opened with <c>leaveOpen</c>.</param>
/// <param name="Layout">The layout detected from the first 64 KiB of text; null when the file has no text.</param>
/// <param name="EncodingNote">As <see cref="DecodedText.EncodingNote"/>.</param>
public sealed record OpenedCsv(TextReader Text, CsvLayout? Layout, string? EncodingNote);

/// <summary>How a CSV file is laid out: its delimiter, and whether its first line is a <c>sep=</c> line naming it.</summary>
/// <param name="Delimiter">The delimiter: <c>,</c> <c>;</c> or tab.</param>
/// <param name="SeparatorLine">The first line is <c>sep=X</c> (as Excel writes and reads it) and is no record.</param>
public readonly record struct CsvLayout(char Delimiter, bool SeparatorLine)
{
    /// <summary>The line (1-based) the header row starts on: 2 after a <c>sep=</c> line, else 1.</summary>
    public int HeaderLine => SeparatorLine ? 2 : 1;
}

/// <summary>
/// The one way SalesWheel reads a CSV file (responses, people, and any import to come). Encoding: a byte order mark
/// decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE); without one, UTF-8 when every byte is valid UTF-8, otherwise
/// Windows-1252 with <see cref="Windows1252Note"/>. Delimiter: a first line <c>sep=X</c> names it (X one of
/// <c>,</c> <c>;</c> tab); otherwise the one of <c>,</c> <c>;</c> tab that occurs most outside quotes on the first
/// line (ties go to comma, then semicolon). Records: RFC 4180 quoting (quoted delimiters, doubled quotes and line
/// breaks inside quotes), read with Sep; rows may have any number of cells.
/// </summary>
public static class CsvText
{
    /// <summary>The note given when a file without byte order mark is not valid UTF-8 and was read as Windows-1252.</summary>
    public const string Windows1252Note =
        "The file is not UTF-8 text, so it was read as Windows-1252 (Western European). If accented letters look wrong, save it as \"CSV UTF-8\" and use that file.";

    private static readonly Encoding Utf8Text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    // Windows-1252 ships with .NET as a code page of its own provider, not registered by default.
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>
    /// Whether the bytes are in an encoding known for certain (a byte order mark, or valid UTF-8), so <see cref="Decode"/>
    /// would not have to guess Windows-1252; for readers that refuse a guess.
    /// </summary>
    public static bool IsUnicode(ReadOnlySpan<byte> bytes) => ByteOrderMark(bytes) is not null || System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>Decodes a whole file held in memory.</summary>
    public static DecodedText Decode(ReadOnlySpan<byte> bytes)
    {
        if (ByteOrderMark(bytes) is { } marked)
        {
            return new DecodedText(marked.Encoding.GetString(bytes[marked.Length..]), null);
        }

        return System.Text.Unicode.Utf8.IsValid(bytes)
            ? new DecodedText(Utf8Text.GetString(bytes), null)
            : new DecodedText(Windows1252.GetString(bytes), Windows1252Note);
    }

    /// <summary>
    /// Opens a file as text from the stream's position and detects its layout. Without a byte order mark the rest of
    /// the stream is read once to check it is UTF-8; the returned reader starts where the stream was.
    /// </summary>
    /// <exception cref="ArgumentException">The stream cannot seek.</exception>
    public static OpenedCsv Open(Stream stream, bool leaveOpen = false)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable.", nameof(stream));
        }

        var start = stream.Position;
        Span<byte> head = stackalloc byte[4];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        // With a mark the reader finds it again, skips it and decodes with its encoding.
        var marked = ByteOrderMark(head[..length]) is not null;
        var (encoding, note) = marked || IsUtf8(stream) ? (Utf8Text, (string?)null) : (Windows1252, Windows1252Note);
        stream.Position = start;

        CsvLayout? layout;
        using (var peek = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: marked, bufferSize: 1 << 16, leaveOpen: true))
        {
            var buffer = new char[1 << 16];
            layout = DetectLayout(buffer.AsSpan(0, peek.ReadBlock(buffer)));
        }

        stream.Position = start;
        return new OpenedCsv(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: marked, bufferSize: 1 << 16, leaveOpen), layout, note);
    }

    /// <summary>
    /// The layout of a file from its first characters (at least its first line, after the byte order mark); null when
    /// there are none.
    /// </summary>
    public static CsvLayout? DetectLayout(ReadOnlySpan<char> start)
    {
        if (start.IsEmpty)
        {
            return null;
        }

        var end = start.IndexOfAny('\r', '\n');
        var firstLine = end < 0 ? start : start[..end];
        if (firstLine.Length == 5 && firstLine.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) && firstLine[4] is ',' or ';' or '\t')
        {
            return new CsvLayout(firstLine[4], SeparatorLine: true);
        }

        return new CsvLayout(DetectDelimiter(start), SeparatorLine: false);
    }

    /// <summary>The delimiter used most on the first line, outside quotes: tab, semicolon or comma (the default, and on ties).</summary>
    public static char DetectDelimiter(ReadOnlySpan<char> firstLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in firstLine)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    /// <summary>
    /// The records of a text in the given layout, the <c>sep=</c> line skipped. Cells are unescaped (quotes removed,
    /// doubled quotes made single); a header is read as an ordinary record, so the caller can judge it.
    /// </summary>
    public static SepReader Records(TextReader text, CsvLayout layout) => SkipSeparatorLine(Reader(layout).From(text), layout);

    /// <inheritdoc cref="Records(TextReader, CsvLayout)"/>
    public static SepReader Records(string text, CsvLayout layout) => SkipSeparatorLine(Reader(layout).FromText(text), layout);

    private static SepReaderOptions Reader(CsvLayout layout) =>
        Sep.New(layout.Delimiter).Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true });

    private static SepReader SkipSeparatorLine(SepReader reader, CsvLayout layout)
    {
        if (layout.SeparatorLine)
        {
            reader.MoveNext();
        }

        return reader;
    }

    private static (Encoding Encoding, int Length)? ByteOrderMark(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Utf8Text, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4),
        _ => null,
    };

    /// <summary>Whether the rest of the stream is valid UTF-8, read in blocks (a character split between blocks is carried over).</summary>
    private static bool IsUtf8(Stream stream)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
        var chars = ArrayPool<char>.Shared.Rent(1 << 16);
        try
        {
            var carried = 0;
            while (true)
            {
                var read = stream.Read(bytes, carried, (1 << 16) - carried);
                var last = read == 0;
                var block = bytes.AsSpan(0, carried + read);
                var status = System.Text.Unicode.Utf8.ToUtf16(block, chars.AsSpan(0, 1 << 16), out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: last);
                if (status == OperationStatus.InvalidData)
                {
                    return false;
                }

                if (last)
                {
                    return status == OperationStatus.Done;
                }

                carried = block.Length - consumed;
                block[consumed..].CopyTo(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
