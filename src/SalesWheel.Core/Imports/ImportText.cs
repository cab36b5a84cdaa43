using System.Text;

namespace SalesWheel.Core.Imports;

/// <summary>How header and answer texts are compared: case, punctuation, quotes, spacing and (R) marks do not count.</summary>
internal static class ImportText
{
    /// <summary>Lower case letters and digits, every run of anything else one space, "(R)" marks and apostrophes dropped.</summary>
    public static string Normalize(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            // "(R)" marks a reverse-keyed statement in some copies of the questionnaire: not part of the text.
            if (c == '(' && i + 2 < text.Length && text[i + 1] is 'R' or 'r' && text[i + 2] == ')')
            {
                i += 2;
                space = builder.Length > 0;
                continue;
            }

            if (c is '\'' or '’' or '‘' or 'ʼ')
            {
                continue; // "don't", "don’t" and "dont" read alike
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                space = builder.Length > 0;
            }
        }

        return builder.ToString();
    }

    /// <summary>An item id as compared: upper case, without spaces, underscores, hyphens or dots (<c>mot 3</c> → <c>MOT3</c>).</summary>
    public static string IdKey(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '.'))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>The words of a normalised text.</summary>
    public static string[] Words(string normalized) => normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Levenshtein distance, for near-miss ids (short strings only).</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>A text cut to at most <paramref name="length"/> characters with an ellipsis.</summary>
    public static string Short(string text, int length = 60) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
