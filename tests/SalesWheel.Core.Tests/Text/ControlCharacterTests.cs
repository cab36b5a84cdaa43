using System.Text;
using System.Xml.Linq;
using SalesWheel.Core.Exports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;
using SalesWheel.Core.Tests.Exports;
using SalesWheel.Core.Wheel;
using SalesWheel.Tests.Exports;

namespace SalesWheel.Core.Tests.Text;

/// <summary>
/// Names pasted from slides carry control characters (a vertical tab for a soft line break, a form feed, a stray
/// NUL): XML 1.0 forbids them, so every output that is XML inside (SVG, XLSX) or is read by other tools (PDF, CSV)
/// must still come out whole.
/// </summary>
public sealed class ControlCharacterTests
{
    /// <summary>Every C0 control but tab, line feed and carriage return (which XML allows), DEL, and two noncharacters.</summary>
    public static readonly string Controls = new string(Enumerable.Range(0, 32).Where(c => c is not (9 or 10 or 13)).Select(c => (char)c).ToArray()) + "\u007f\ufffe\uffff";

    private static readonly ScoringOptions Options = new() { GroupBy = ["role", "team"], Phase = CompanyPhase.Scale, Acv = AcvBand.Over50K };

    /// <summary>
    /// The demo company with a control character inside its team names and every text of its instrument, built
    /// directly (not through the file readers, which clean what they read) so the outputs themselves are tested.
    /// </summary>
    private static (ScoreReport Report, AnonymousAnswers Answers) Dirty(char control)
    {
        var full = BuiltInInstrument.Full;
        var instrument = new Instrument
        {
            Id = full.Id,
            Name = $"Sales{control}wheel",
            Version = full.Version,
            Description = full.Description,
            Scale = full.Scale,
            QuickForm = full.QuickForm,
            Dimensions = [.. full.Dimensions.Select(d => d with
            {
                Name = d.Name + control + "x",
                Facets = [.. d.Facets.Select(f => f with
                {
                    Name = control + f.Name,
                    Items = [.. f.Items.Select(i => i with { Text = i.Text.Replace(" ", control + " ", StringComparison.Ordinal) })],
                })],
            })],
        };
        var clean = ExportKit.Demo(300);
        var set = new ResponseSet(instrument, clean.Attributes.Select(a => a.Name));
        for (var r = 0; r < clean.Count; r++)
        {
            var answers = clean.Items.Select((item, i) => (item.Id, clean.Answer(r, i))).ToDictionary(x => x.Id, x => x.Item2);
            var attributes = clean.Attributes.ToDictionary(a => a.Name, a => (string?)a.Values[a.Codes[r]].Replace("Enterprise", $"Enter{control}prise", StringComparison.Ordinal));
            set.Add(answers, attributes);
        }

        return (ScoringEngine.Score(set, Options), AnonymousAnswers.From(set, Options.MinimumGroupSize));
    }

    public static TheoryData<int> EachControl() => [.. Controls.Select(c => (int)c)];

    [Theory]
    [MemberData(nameof(EachControl))]
    public void TheWheelIsWellFormedXmlWithAControlCharacterInAnyName(int control)
    {
        var (report, _) = Dirty((char)control);
        var svg = WheelSvg.Render(report, new WheelOptions { Title = $"Q3{(char)control}review", Subtitle = $"Acme{(char)control}Inc" });
        var document = XDocument.Parse(svg);
        Assert.DoesNotContain(document.Root!.Value, c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
        Assert.Contains("Q3 review", svg);
        Assert.NotEmpty(WheelPng.Render(svg, 1));
    }

    [Theory]
    [MemberData(nameof(EachControl))]
    public async Task TheWorkbookOpensWithAControlCharacterInAnyName(int control)
    {
        var (report, answers) = Dirty((char)control);
        using var stream = new MemoryStream();
        await ResultsWorkbook.WriteAsync(stream, report, answers, new WorkbookOptions { Assessment = $"Q3{(char)control}review", Organization = $"Acme{(char)control}" });
        var book = Workbook.Read(stream.ToArray());
        var cells = book.SheetNames.SelectMany(s => book[s]).SelectMany(r => r).OfType<string>().ToList();
        Assert.Contains(cells, c => c.Contains("Enter prise", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.Any(ch => Controls.Contains(ch)));
    }

    [Theory]
    [MemberData(nameof(EachControl))]
    public void ThePdfReportCarriesNoControlCharacterFromAnyName(int control)
    {
        var (report, _) = Dirty((char)control);
        using var pdf = new MemoryStream();
        PdfReport.Render(report, new ReportCover { AssessmentName = $"Q3{(char)control}review", OrganizationName = $"Acme{(char)control}", Generated = new DateOnly(2026, 11, 29) }, PaperSize.A4, pdf);
        var text = Encoding.Latin1.GetString(pdf.ToArray());
        Assert.StartsWith("%PDF", text);
        Assert.EndsWith("%%EOF", text.TrimEnd());
    }

    [Theory]
    [MemberData(nameof(EachControl))]
    public void TheAnswersCsvCarriesNoControlCharacterFromAnyName(int control)
    {
        var (_, answers) = Dirty((char)control);
        var csv = ExportKit.Csv(answers);
        Assert.DoesNotContain(csv, c => Controls.Contains(c));
        Assert.Contains("Enter prise", csv);
    }
}
