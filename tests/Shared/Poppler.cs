using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SalesWheel.Tests.Shared;

/// <summary>
/// Reads a PDF back the way a person's tools would, with poppler-utils (test.sh installs them): the text a reader can
/// select and search, the page count and sizes, the fonts, the images, and the pages rendered to PNG.
/// </summary>
public sealed partial class Poppler : IDisposable
{
    private readonly string _folder;

    public Poppler(byte[] pdf)
    {
        _folder = Path.Combine(Path.GetTempPath(), "saleswheel-pdf-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        PdfPath = Path.Combine(_folder, "report.pdf");
        File.WriteAllBytes(PdfPath, pdf);
    }

    public string PdfPath { get; }

    /// <summary>All the text, pages separated by form feeds, laid out as on the page.</summary>
    public string Text() => Run("pdftotext", "-layout", PdfPath, "-");

    /// <summary>The text of one page (1-based).</summary>
    public string PageText(int page) => Run("pdftotext", "-layout", "-f", Number(page), "-l", Number(page), PdfPath, "-");

    /// <summary>The text in reading order (lines joined as a reader would copy them).</summary>
    public string RawText() => Run("pdftotext", PdfPath, "-");

    /// <summary>
    /// Every word with where it stands, from <c>pdftotext -bbox</c>: its page (1-based) and box in points from the page's
    /// top left, in reading order.
    /// </summary>
    public IReadOnlyList<PdfWord> Words()
    {
        var words = new List<PdfWord>();
        var page = 0;
        foreach (Match m in BboxLine().Matches(Run("pdftotext", "-bbox", PdfPath, "-")))
        {
            if (m.Groups["page"].Success)
            {
                page++;
                continue;
            }

            double At(string name) => double.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture);
            words.Add(new PdfWord(page, System.Net.WebUtility.HtmlDecode(m.Groups["text"].Value), At("x0"), At("y0"), At("x1"), At("y1")));
        }

        return words;
    }

    public int PageCount => int.Parse(PagesLine().Match(Run("pdfinfo", PdfPath)).Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>Each page's size in points, from <c>pdfinfo</c>.</summary>
    public IReadOnlyList<(double Width, double Height)> PageSizes()
    {
        var info = Run("pdfinfo", "-f", "1", "-l", Number(PageCount), PdfPath);
        return PageSize().Matches(info)
            .Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>The document information (Title, Author, Producer…) from <c>pdfinfo</c>.</summary>
    public string Info() => Run("pdfinfo", PdfPath);

    /// <summary>The fonts: name and whether each is embedded, from <c>pdffonts</c>.</summary>
    public IReadOnlyList<(string Name, bool Embedded)> Fonts() =>
        Run("pdffonts", PdfPath).Split('\n').Skip(2).Where(l => l.Trim().Length > 0)
            .Select(l =>
            {
                var columns = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // name, type words…, encoding, emb, sub, uni, object, id: "emb" is the fifth column from the end.
                return (columns[0], columns[^5] == "yes");
            })
            .ToList();

    /// <summary>How many raster images the document holds, from <c>pdfimages -list</c>.</summary>
    public int ImageCount() => Run("pdfimages", "-list", PdfPath).Split('\n').Skip(2).Count(l => l.Trim().Length > 0);

    /// <summary>Renders every page to PNG at <paramref name="dpi"/>; returns the files in page order.</summary>
    public IReadOnlyList<string> RenderPages(int dpi = 72)
    {
        var prefix = Path.Combine(_folder, "page");
        Run("pdftoppm", "-r", Number(dpi), "-png", PdfPath, prefix);
        return Directory.GetFiles(_folder, "page-*.png").Order(StringComparer.Ordinal).ToList();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is missing: install poppler-utils (test.sh does).", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error.Result}");
            }

            return output.Result;
        }
    }

    [GeneratedRegex("(?<page><page )|<word xMin=\"(?<x0>[\\d.]+)\" yMin=\"(?<y0>[\\d.]+)\" xMax=\"(?<x1>[\\d.]+)\" yMax=\"(?<y1>[\\d.]+)\">(?<text>[^<]*)</word>")]
    private static partial Regex BboxLine();

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"size:\s+([\d.]+) x ([\d.]+) pts")]
    private static partial Regex PageSize();
}

/// <summary>One word of a PDF and its box, in points from the top left of its page.</summary>
public sealed record PdfWord(int Page, string Text, double XMin, double YMin, double XMax, double YMax)
{
    public double XCenter => (XMin + XMax) / 2;
}
