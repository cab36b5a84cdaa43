using System.Diagnostics;
using System.Globalization;
using System.Text;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Samples;
using SpreadCheetah;

namespace SalesWheel.Benchmarks;

/// <summary>
/// The import benchmarks of issue 12 (bench/imports.sh runs them):
/// <c>import-files DIR [ROWS] [XLSX_ROWS]</c> writes the demo company's answers as a Google Forms export (statement texts
/// as headers, label answers, "Don't know" for blanks) to DIR/labels.csv, and as an .xlsx of the same shape to
/// DIR/labels.xlsx; <c>import-compare FILE.csv</c> times today's <see cref="ResponsesCsv"/> and <see cref="AnswerImport"/>
/// on an id-header CSV held in memory, alternately, 7 times each.
/// </summary>
public static class ImportFiles
{
    private static readonly string[] Labels = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"];

    public static int Write(string[] args)
    {
        var folder = args[0];
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : Data.Respondents;
        var workbookRows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        Directory.CreateDirectory(folder);
        var instrument = BuiltInInstrument.Full;
        var header = Header(instrument);

        var watch = Stopwatch.StartNew();
        using (var writer = new StreamWriter(Path.Combine(folder, "labels.csv"), false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write(string.Join(',', header.Select(Quote)));
            writer.Write('\n');
            var line = new StringBuilder();
            var n = 0;
            foreach (var respondent in DemoCompany.Respondents(instrument, rows, Data.Seed))
            {
                line.Clear().Append(Timestamp(n)).Append(',').Append(CultureInfo.InvariantCulture, $"rep{n++}@northwind.example")
                    .Append(',').Append(respondent.Role).Append(',').Append(respondent.Team);
                foreach (var answer in respondent.Answers)
                {
                    line.Append(',').Append(answer == 0 ? "Don't know" : Labels[answer - 1]);
                }

                writer.Write(line.Append('\n'));
            }
        }

        Console.WriteLine($"labels.csv: {rows:N0} rows, {new FileInfo(Path.Combine(folder, "labels.csv")).Length:N0} bytes, in {watch.Elapsed.TotalSeconds:F1} s");

        watch.Restart();
        WriteWorkbook(Path.Combine(folder, "labels.xlsx"), header, instrument, workbookRows).GetAwaiter().GetResult();
        Console.WriteLine($"labels.xlsx (inline strings): {workbookRows:N0} rows, {new FileInfo(Path.Combine(folder, "labels.xlsx")).Length:N0} bytes, in {watch.Elapsed.TotalSeconds:F1} s");
        watch.Restart();
        WriteSharedStringWorkbook(Path.Combine(folder, "labels-shared.xlsx"), header, instrument, workbookRows);
        Console.WriteLine($"labels-shared.xlsx (shared strings): {workbookRows:N0} rows, {new FileInfo(Path.Combine(folder, "labels-shared.xlsx")).Length:N0} bytes, in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    public static int Compare(string[] args)
    {
        var csv = File.ReadAllBytes(args[0]);
        var before = new List<double>();
        var after = new List<double>();
        for (var run = 1; run <= 7; run++)
        {
            var watch = Stopwatch.StartNew();
            var old = ResponsesCsv.Read(new MemoryStream(csv, writable: false), "before.csv", BuiltInInstrument.Full, Data.RoleTeam).Responses.Count;
            before.Add(watch.Elapsed.TotalSeconds);
            watch.Restart();
            var now = AnswerImport.Read(new MemoryStream(csv, writable: false), "after.csv", new ImportOptions { GroupBy = Data.RoleTeam }).Responses.Count;
            after.Add(watch.Elapsed.TotalSeconds);
            if (old != now)
            {
                throw new InvalidOperationException($"ResponsesCsv read {old} respondents, AnswerImport {now}.");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run}: ResponsesCsv.Read {before[^1]:F3} s, AnswerImport.Read {after[^1]:F3} s"));
        }

        // Run 1 pays the JIT of both; the median of runs 2-7 is the figure.
        var b = Median(before.Skip(1));
        var a = Median(after.Skip(1));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of runs 2-7: ResponsesCsv.Read {b:F3} s, AnswerImport.Read {a:F3} s, ratio {a / b:F3} (goal <= 1.10)"));
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static List<string> Header(Instrument instrument)
    {
        var header = new List<string> { "Timestamp", "Email Address", "What is your role?", "Which team are you on?" };
        header.AddRange(instrument.Dimensions.SelectMany(d => d.Items.Select(i => $"{d.Name} [{i.Text}]")));
        return header;
    }

    private static string Quote(string cell) => cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal)
        ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : cell;

    private static string Timestamp(int n) => new DateTime(2026, 10, 12, 9, 0, 0, DateTimeKind.Utc).AddSeconds(n).ToString("yyyy/MM/dd h:mm:ss tt", CultureInfo.InvariantCulture);

    /// <summary>The same rows as Excel saves them: every text in the shared-string table, cells pointing into it.</summary>
    private static void WriteSharedStringWorkbook(string path, List<string> header, Instrument instrument, int rows)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        int Shared(string text)
        {
            if (!strings.TryGetValue(text, out var index))
            {
                index = strings.Count;
                strings[text] = index;
            }

            return index;
        }

        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Create(path, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook();
        var sheetPart = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.WorksheetPart>();
        using (var writer = DocumentFormat.OpenXml.OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new DocumentFormat.OpenXml.Spreadsheet.Worksheet());
            writer.WriteStartElement(new DocumentFormat.OpenXml.Spreadsheet.SheetData());
            void Row(IEnumerable<string> cells)
            {
                writer.WriteStartElement(new DocumentFormat.OpenXml.Spreadsheet.Row());
                foreach (var cell in cells)
                {
                    writer.WriteElement(new DocumentFormat.OpenXml.Spreadsheet.Cell
                    {
                        DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.SharedString,
                        CellValue = new DocumentFormat.OpenXml.Spreadsheet.CellValue(Shared(cell)),
                    });
                }

                writer.WriteEndElement();
            }

            Row(header);
            var n = 0;
            foreach (var respondent in DemoCompany.Respondents(instrument, rows, Data.Seed))
            {
                Row([Timestamp(n), $"rep{n++}@northwind.example", respondent.Role, respondent.Team,
                    .. respondent.Answers.Select(a => a == 0 ? "Don't know" : Labels[a - 1])]);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        var table = workbook.AddNewPart<DocumentFormat.OpenXml.Packaging.SharedStringTablePart>();
        table.SharedStringTable = new DocumentFormat.OpenXml.Spreadsheet.SharedStringTable(
            strings.OrderBy(p => p.Value).Select(p => new DocumentFormat.OpenXml.Spreadsheet.SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(p.Key))));
        workbook.Workbook.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.Sheets(new DocumentFormat.OpenXml.Spreadsheet.Sheet
        {
            Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Form1",
        }));
    }

    private static async Task WriteWorkbook(string path, List<string> header, Instrument instrument, int rows)
    {
        await using var stream = File.Create(path);
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(stream);
        await spreadsheet.StartWorksheetAsync("Form1");
        await spreadsheet.AddRowAsync(header.Select(h => new Cell(h)).ToArray());
        var cells = new Cell[header.Count];
        var n = 0;
        foreach (var respondent in DemoCompany.Respondents(instrument, rows, Data.Seed))
        {
            cells[0] = new Cell(Timestamp(n));
            cells[1] = new Cell($"rep{n++}@northwind.example");
            cells[2] = new Cell(respondent.Role);
            cells[3] = new Cell(respondent.Team);
            for (var i = 0; i < respondent.Answers.Length; i++)
            {
                cells[4 + i] = new Cell(respondent.Answers[i] == 0 ? "Don't know" : Labels[respondent.Answers[i] - 1]);
            }

            await spreadsheet.AddRowAsync(cells);
        }

        await spreadsheet.FinishAsync();
    }
}
