using System.Text;
using System.Text.RegularExpressions;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Exports;

/// <summary>
/// The one guard for every text cell of every CSV the product writes (the anonymous answers, the invitation links,
/// the demo's links). A spreadsheet program runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
/// carriage return as a formula (a team named <c>=HYPERLINK(…)</c> typed by anyone who can edit people would run on the
/// machine of whoever opens the file); and one set to split on <c>;</c> (many European locales) or <c>,</c> turns the text
/// after such a separator inside a cell into a cell of its own. So each of those starts (after any spaces), at the
/// beginning of the cell and after every <c>;</c> or <c>,</c> in it, gets an apostrophe in front, which makes it text.
/// A plain number (<c>-5</c>, <c>-0.25</c>) is data, not a formula, and is left alone. Control characters other than
/// tab and line breaks become spaces (<see cref="PlainText.Lines"/>); line breaks stay inside the quoted cell.
/// </summary>
public static partial class CsvCells
{
    /// <summary>The cell's text, defused (see the type); for a CSV writer that quotes by itself.</summary>
    public static string Text(string? value)
    {
        var text = PlainText.Lines(value);
        StringBuilder? result = null;
        var copied = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not (';' or ','))
            {
                continue;
            }

            var first = start;
            while (first < i && text[first] == ' ')
            {
                first++;
            }

            if (first < i && text[first] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(text.AsSpan(first, i - first).TrimEnd(' ')))
            {
                result ??= new StringBuilder(text.Length + 4);
                result.Append(text, copied, first - copied).Append('\'');
                copied = first;
            }

            start = i + 1;
        }

        return result is null ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The cell as written in a CSV line: defused, then quoted when it holds a comma, a semicolon, a quote or a line
    /// break (quoting the semicolon too keeps the cell whole in a program that splits on it).
    /// </summary>
    public static string Quoted(string? value)
    {
        var text = Text(value);
        return text.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
