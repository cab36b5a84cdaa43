namespace SalesWheel.Core.Imports;

/// <summary>What an uploaded file is, told from its first bytes rather than its name (people rename exports).</summary>
internal enum FileKind
{
    /// <summary>Anything else: read as delimited text (CSV, semicolons, tabs) in one of CsvText's encodings.</summary>
    Text,

    /// <summary>A ZIP container: an .xlsx workbook, or a .zip holding one CSV.</summary>
    Zip,

    /// <summary>An old binary Excel workbook (.xls, OLE compound file), which is refused with what to do.</summary>
    OldExcel,
}

/// <summary>The first step every file reader (answers, team metrics) shares: a seekable stream and its kind.</summary>
internal static class FileKinds
{
    /// <summary>The stream itself when it can seek, else a copy in memory (the kind is judged before reading).</summary>
    public static Stream Seekable(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            return stream;
        }

        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    /// <summary>The kind of a seekable stream, from its first bytes; the position is left where it was.</summary>
    public static FileKind Of(Stream stream)
    {
        Span<byte> head = stackalloc byte[8];
        var start = stream.Position;
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = start;
        return head[..length] switch
        {
            [(byte)'P', (byte)'K', 3, 4, ..] => FileKind.Zip,
            [0xD0, 0xCF, 0x11, 0xE0, ..] => FileKind.OldExcel,
            _ => FileKind.Text,
        };
    }
}
