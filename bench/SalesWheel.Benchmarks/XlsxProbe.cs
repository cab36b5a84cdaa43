using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Xml;
using ExcelDataReader;

namespace SalesWheel.Benchmarks;

/// <summary>
/// <c>xlsx-probe FILE.xlsx</c>: where the time of reading a workbook goes. ExcelDataReader reading every cell (as
/// <see cref="Core.Imports.AnswerImport"/> does), against a bare <see cref="XmlReader"/> over the first sheet's XML: the
/// parsing floor.
/// </summary>
public static class XlsxProbe
{
    public static int Run(string path)
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var watch = Stopwatch.StartNew();
        using (var stream = File.OpenRead(path))
        using (var reader = ExcelReaderFactory.CreateOpenXmlReader(stream))
        {
            var cells = 0L;
            while (reader.Read())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    cells += reader.GetValue(c) is null ? 0 : 1;
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ExcelDataReader, every cell: {watch.Elapsed.TotalSeconds:F2} s, {cells:N0} cells"));
        }

        watch.Restart();
        using (var stream = File.OpenRead(path))
        using (var zip = new ZipArchive(stream))
        using (var xml = XmlReader.Create(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open()))
        {
            var nodes = 0L;
            while (xml.Read())
            {
                nodes++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"XmlReader, every node of the sheet: {watch.Elapsed.TotalSeconds:F2} s, {nodes:N0} nodes"));
        }

        return 0;
    }
}
