using System.Text;
using nietras.SeparatedValues;

namespace SalesWheel.Core.Exports;

/// <summary>
/// Writes anonymous answers in the responses CSV format that <c>saleswheel score</c> reads (SCORING.md): a header with
/// the attribute columns, then one column per item id; one row per respondent; answers as whole numbers on the scale
/// (as given, not reverse-coded), blank when not answered. Scoring the file with <c>--group-by</c> the attribute columns
/// gives the same overall numbers as the answers it was made from.
/// </summary>
public static class AnswersCsv
{
    /// <summary>UTF-8 with a byte order mark, which the reader accepts and spreadsheet programs need to show accents right.</summary>
    public static Encoding Encoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes the file to a stream (UTF-8 with BOM). With withheld answers, the header only.</summary>
    public static void Write(AnonymousAnswers answers, Stream stream)
    {
        using var text = new StreamWriter(stream, Encoding, 1 << 16, leaveOpen: true);
        Write(answers, text);
    }

    /// <summary>Writes the file to a text writer. With withheld answers, the header only.</summary>
    public static void Write(AnonymousAnswers answers, TextWriter text)
    {
        var attributes = answers.AttributeNames.Count;
        var items = answers.Items.Count;
        // Escape quotes any cell holding the delimiter, a quote or a line break (a team called "Sales, EMEA" stays one cell).
        using var writer = Sep.New(',').Writer(o => o with { WriteHeader = false, Escape = true }).To(text, leaveOpen: true);
        using (var header = writer.NewRow())
        {
            for (var a = 0; a < attributes; a++)
            {
                header[a].Set(CsvCells.Text(answers.AttributeNames[a]));
            }

            for (var i = 0; i < items; i++)
            {
                header[attributes + i].Set(CsvCells.Text(answers.Items[i].Id));
            }
        }

        for (var r = 0; r < answers.Count; r++)
        {
            using var row = writer.NewRow();
            for (var a = 0; a < attributes; a++)
            {
                row[a].Set(CsvCells.Text(answers.Attribute(r, a)));
            }

            for (var i = 0; i < items; i++)
            {
                if (answers.Answer(r, i) is { } value)
                {
                    row[attributes + i].Format(value);
                }
                else
                {
                    row[attributes + i].Set("");
                }
            }
        }
    }
}
