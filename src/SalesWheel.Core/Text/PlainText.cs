namespace SalesWheel.Core.Text;

/// <summary>
/// Text that people typed or pasted (names of people, teams, organizations and assessments; an uploaded instrument's
/// texts; comments), made safe for every output. A vertical tab pasted from a slide, a form feed or a stray NUL is a
/// control character: XML 1.0 forbids it, so an SVG or XLSX holding it cannot be written or opened, and a PDF or CSV
/// shows it as garbage. Each such character becomes a space, so the words around it stay apart; nothing else changes.
/// </summary>
public static class PlainText
{
    /// <summary>
    /// A one-line text (a name, a title): every control character (C0 including tab and line breaks, DEL, C1), the
    /// Unicode line and paragraph separators, the noncharacters U+FFFE and U+FFFF and any unpaired surrogate become a
    /// space. Null becomes empty. Returns the same instance when there is nothing to change.
    /// </summary>
    public static string Line(string? text) => Replace(text, keepLineBreaks: false);

    /// <summary>
    /// A text that may run over lines (a comment, a paragraph): as <see cref="Line"/> but tab, line feed and carriage
    /// return (which XML allows) are kept.
    /// </summary>
    public static string Lines(string? text) => Replace(text, keepLineBreaks: true);

    /// <summary>True when <see cref="Line"/> would leave the text as it is (a fast check for readers of large files).</summary>
    public static bool IsLine(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < ' ' || c is >= '\u007f' and <= '\u009f' || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF' || char.IsSurrogate(c))
            {
                return false; // (a surrogate pair goes the slow way, which keeps it)
            }
        }

        return true;
    }

    private static string Replace(string? text, bool keepLineBreaks)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        char[]? copy = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            bool bad;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a whole pair: a character outside the basic plane (an emoji), fine everywhere
                continue;
            }

            if (char.IsSurrogate(c))
            {
                bad = true;
            }
            else if (keepLineBreaks && c is '\t' or '\n' or '\r')
            {
                bad = false;
            }
            else
            {
                bad = char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF';
            }

            if (bad)
            {
                copy ??= text.ToCharArray();
                copy[i] = ' ';
            }
        }

        return copy is null ? text : new string(copy);
    }
}
