using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using static SalesWheel.Core.Tests.Imports.ExportFiles;

namespace SalesWheel.Core.Tests.Imports;

/// <summary>
/// The shape of an export changes no number: headers as ids in any wrapping or as statement texts, columns in any
/// order, answers as numbers or labels, any delimiter and Unicode encoding.
/// </summary>
public sealed class ImportProperties
{
    private static readonly Item[] Items = [.. BuiltInInstrument.Full.Items];
    private static readonly Dictionary<string, string> DriverOf = BuiltInInstrument.Full.Dimensions
        .SelectMany(d => d.Items.Select(i => (i.Id, d.Name))).ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);

    private static readonly string[][] Labels =
    [
        ["Strongly disagree", "strongly disagree", "Disagree strongly"],
        ["Disagree", "DISAGREE", "Somewhat disagree"],
        ["Neither agree nor disagree", "Neutral", "neither agree nor disagree"],
        ["Agree", "agree", "Somewhat agree"],
        ["Strongly agree", "Strongly Agree", "Agree strongly"],
    ];

    private static readonly string[] Roles = ["seller", "leader", "manager"];

    /// <summary>Answers (0 = blank) of n respondents to every statement, each row with at least its first answer given.</summary>
    private sealed record Answers(int[][] Cells, int[] Roles);

    /// <summary>How an export writes them.</summary>
    private sealed record Shape(int[] HeaderStyles, int[] Order, bool Labels, int LabelVariant, int Encoding, char Delimiter);

    private static Gen<Answers> AnswerSets() =>
        from n in Gen.Choose(1, 12)
        from cells in Gen.Choose(0, 5).ArrayOf(Items.Length).ArrayOf(n)
        from firsts in Gen.Choose(1, 5).ArrayOf(n)
        from roles in Gen.Choose(0, Roles.Length - 1).ArrayOf(n)
        select new Answers([.. cells.Select((row, r) => (int[])[firsts[r], .. row[1..]])], roles);

    private static Gen<Shape> Shapes() =>
        from styles in Gen.Choose(0, 7).ArrayOf(Items.Length)
        from keys in Gen.Choose(0, 10_000).ArrayOf(Items.Length + 1)
        from labels in Gen.Elements(true, false)
        from variant in Gen.Choose(0, 2)
        from encoding in Gen.Choose(0, 3)
        from delimiter in Gen.Elements(',', ';', '\t')
        select new Shape(styles, [.. Enumerable.Range(0, Items.Length + 1).OrderBy(i => keys[i]).ThenBy(i => i)], labels, variant, encoding, delimiter);

    private static string Header(Item item, int style) => style switch
    {
        0 => item.Id,
        1 => item.Id.ToLowerInvariant(),
        2 => $"{item.Id[..3]}[{item.Id}]",                                  // LimeSurvey
        3 => $"{DriverOf[item.Id].ToLowerInvariant()}/{item.Id}",           // KoboToolbox groups
        4 => $"{item.Id} - {item.Text}",                                    // Typeform, Formbricks with ids
        5 => $"{DriverOf[item.Id]} [{item.Text}]",                          // Google Forms grid
        6 => $"{DriverOf[item.Id]}: how much do you agree? - {item.Text}",  // Qualtrics
        _ => $"3. {DriverOf[item.Id]} - {item.Text.ToUpperInvariant()}",     // a numbered question, shouting
    };

    private static byte[] Write(Answers answers, Shape shape)
    {
        var rows = new List<string[]>
        {
            shape.Order.Select(c => c == Items.Length ? "role" : Header(Items[c], shape.HeaderStyles[c])).ToArray(),
        };
        for (var r = 0; r < answers.Cells.Length; r++)
        {
            rows.Add([.. shape.Order.Select(c => c == Items.Length ? Roles[answers.Roles[r]] : Cell(answers.Cells[r][c], shape))]);
        }

        var text = Csv(rows, shape.Delimiter);
        return shape.Encoding switch
        {
            0 => Encoding.UTF8.GetBytes(text),
            1 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            2 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            _ => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
        };
    }

    private static string Cell(int value, Shape shape) => value switch
    {
        0 => "",
        _ when shape.Labels => Labels[value - 1][shape.LabelVariant],
        _ => value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Numbers(byte[] bytes) =>
        ImportCases.Numbers(AnswerImport.Read(new MemoryStream(bytes), "export.csv", new ImportOptions { GroupBy = ["role"] }).Responses);

    private static readonly Shape Plain = new([.. Enumerable.Repeat(0, Items.Length)], [.. Enumerable.Range(0, Items.Length + 1)], false, 0, 0, ',');

    [Property(MaxTest = 60)]
    public Property HeadersOrderLabelsDelimitersAndEncodingsChangeNoNumber() => Prop.ForAll(AnswerSets().ToArbitrary(), Shapes().ToArbitrary(), (answers, shape) =>
        Numbers(Write(answers, shape)) == Numbers(Write(answers, Plain)));

    [Property(MaxTest = 300)]
    public Property RandomBytesAreReadOrRefusedNeverAnythingElse() => Prop.ForAll(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().ToArbitrary(), Gen.Elements(0, 1, 2).ToArbitrary(), (bytes, start) =>
    {
        // Also behind the signatures that send the bytes down the ZIP and workbook paths.
        byte[] prefix = start switch { 1 => [(byte)'P', (byte)'K', 3, 4], 2 => Encoding.UTF8.GetBytes("STR1,STR2\n"), _ => [] };
        return ReadsOrRefuses([.. prefix, .. bytes]);
    });

    [Fact]
    public void EveryCaseCutShortIsReadOrRefusedNeverAnythingElse()
    {
        var workbook = Workbook(("Sheet1", Rows(ImportCases.Export("01_google_forms_grid_labels"))));
        var files = Directory.GetFiles(ImportCases.Folder, "*.csv").Select(File.ReadAllBytes).Append(workbook).Append(Zip(("a.csv", File.ReadAllBytes(ImportCases.Export("m10_sep_hint_line")))));
        foreach (var bytes in files)
        {
            for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
            {
                Assert.True(ReadsOrRefuses(bytes[..length]), $"{length} of {bytes.Length} bytes");
            }
        }
    }

    private static bool ReadsOrRefuses(byte[] bytes)
    {
        try
        {
            AnswerImport.Read(new MemoryStream(bytes), "fuzz.csv", new ImportOptions { GroupBy = ["role"] });
            return true;
        }
        catch (InvalidResponsesException e)
        {
            return e.Problems.Count > 0;
        }
    }
}
