using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Tests.Imports;

/// <summary>Files built in tests the way tools hand them over: a workbook (as Microsoft Forms gives), a ZIP holding a CSV, CSV text.</summary>
internal static class ExportFiles
{
    /// <summary>The rows of a CSV file (by the house reader), cells as text.</summary>
    public static List<string[]> Rows(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var text = CsvText.Decode(bytes).Text;
        var layout = CsvText.DetectLayout(text)!.Value;
        var rows = new List<string[]>();
        using var reader = CsvText.Records(text, layout);
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = row[c].ToString();
            }

            rows.Add(cells);
        }

        return rows;
    }

    /// <summary>CSV text of rows, every cell quoted when it needs to be.</summary>
    public static string Csv(IEnumerable<string[]> rows, char delimiter = ',') =>
        string.Concat(rows.Select(r => string.Join(delimiter, r.Select(c => c.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 ? "\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : c)) + "\r\n"));

    /// <summary>An .xlsx workbook with the given sheets; cells that are whole numbers are written as numbers, the rest as text.</summary>
    public static byte[] Workbook(params (string Name, IReadOnlyList<string[]> Rows)[] sheets)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var row in rows)
                {
                    var xmlRow = new Row();
                    foreach (var cell in row)
                    {
                        xmlRow.Append(int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                            ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(number) }
                            : new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(cell) { Space = SpaceProcessingModeValues.Preserve }) });
                    }

                    data.Append(xmlRow);
                }

                part.Worksheet = new Worksheet(data);
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = name });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A ZIP archive holding the given files.</summary>
    public static byte[] Zip(params (string Name, byte[] Bytes)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
