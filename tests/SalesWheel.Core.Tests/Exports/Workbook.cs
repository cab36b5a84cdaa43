using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SalesWheel.Tests.Exports;

/// <summary>
/// An .xlsx file read back with the Open XML SDK (an independent reader): every sheet as rows of cells, a cell being a
/// <see cref="double"/> (a number cell), a <see cref="string"/> (a text cell) or null (empty); plus each sheet's frozen
/// rows and column widths.
/// </summary>
public sealed class Workbook
{
    private Workbook(List<string> names, Dictionary<string, List<List<object?>>> sheets, Dictionary<string, int> frozenRows, Dictionary<string, Dictionary<int, double>> widths)
    {
        SheetNames = names;
        _sheets = sheets;
        _frozenRows = frozenRows;
        _widths = widths;
    }

    private readonly Dictionary<string, List<List<object?>>> _sheets;
    private readonly Dictionary<string, int> _frozenRows;
    private readonly Dictionary<string, Dictionary<int, double>> _widths;

    public IReadOnlyList<string> SheetNames { get; }

    public List<List<object?>> this[string sheet] => _sheets[sheet];

    public int FrozenRows(string sheet) => _frozenRows[sheet];

    /// <summary>The width set for a column (1-based), or null.</summary>
    public double? Width(string sheet, int column) => _widths[sheet].TryGetValue(column, out var w) ? w : null;

    /// <summary>The first row of a sheet whose first cells equal <paramref name="start"/>.</summary>
    public List<object?> Row(string sheet, params object?[] start) =>
        this[sheet].FirstOrDefault(row => start.Select((value, i) => Equals(i < row.Count ? row[i] : null, value)).All(x => x))
        ?? throw new Xunit.Sdk.XunitException($"sheet {sheet} has no row starting with {string.Join(", ", start)}");

    public static Workbook Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!;
        var shared = part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var names = new List<string>();
        var sheets = new Dictionary<string, List<List<object?>>>();
        var frozen = new Dictionary<string, int>();
        var widths = new Dictionary<string, Dictionary<int, double>>();
        foreach (var sheet in part.Workbook.Sheets!.Elements<Sheet>())
        {
            var name = sheet.Name!.Value!;
            names.Add(name);
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!.Value!)).Worksheet;
            var pane = worksheet.Descendants<Pane>().FirstOrDefault();
            frozen[name] = pane?.State?.Value == PaneStateValues.Frozen ? (int)(pane.VerticalSplit?.Value ?? 0) : 0;
            widths[name] = worksheet.Descendants<Column>()
                .SelectMany(c => Enumerable.Range((int)c.Min!.Value, (int)(c.Max!.Value - c.Min!.Value + 1)).Select(i => (i, c.Width!.Value)))
                .ToDictionary(p => p.i, p => p.Value);
            var rows = new List<List<object?>>();
            foreach (var row in worksheet.Descendants<Row>())
            {
                var index = (int)(row.RowIndex?.Value ?? (uint)(rows.Count + 1));
                while (rows.Count < index - 1)
                {
                    rows.Add([]);
                }

                var cells = new List<object?>();
                foreach (var cell in row.Elements<Cell>())
                {
                    if (cell.CellReference?.Value is { } reference)
                    {
                        var column = ColumnIndex(reference);
                        while (cells.Count < column)
                        {
                            cells.Add(null);
                        }
                    }

                    cells.Add(Value(cell, shared));
                }

                rows.Add(cells);
            }

            sheets[name] = rows;
        }

        return new Workbook(names, sheets, frozen, widths);
    }

    private static object? Value(Cell cell, List<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)];
        }

        if (cell.DataType?.Value == CellValues.String)
        {
            return cell.CellValue?.Text;
        }

        return cell.CellValue is { } value ? double.Parse(value.Text, CultureInfo.InvariantCulture) : null;
    }

    private static int ColumnIndex(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsLetter))
        {
            column = (column * 26) + (c - 'A' + 1);
        }

        return column - 1;
    }

    /// <summary>The number format code of a cell's style, to check numbers are shown as numbers with a sensible format.</summary>
    public static string? NumberFormat(byte[] bytes, string sheet, int row, int column)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var part = document.WorkbookPart!;
        var target = part.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheet);
        var worksheet = ((WorksheetPart)part.GetPartById(target.Id!.Value!)).Worksheet;
        var cell = worksheet.Descendants<Row>().ElementAt(row).Elements<Cell>().ElementAt(column);
        var styles = part.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var id = format.NumberFormatId?.Value ?? 0;
        var custom = styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(n => n.NumberFormatId?.Value == id);
        return custom?.FormatCode?.Value ?? id switch { 0 => "General", 3 => "#,##0", 9 => "0%", 10 => "0.00%", _ => $"built-in {id}" };
    }
}
