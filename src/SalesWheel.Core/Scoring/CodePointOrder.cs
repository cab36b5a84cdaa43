namespace SalesWheel.Core.Scoring;

/// <summary>
/// Orders strings by Unicode code point (what "ordinal order" means across languages and tools); .NET's ordinal
/// comparison orders UTF-16 code units, which differs for characters beyond U+FFFF.
/// </summary>
public sealed class CodePointOrder : IComparer<string>
{
    /// <summary>The comparer.</summary>
    public static CodePointOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var a = x.EnumerateRunes();
        var b = y.EnumerateRunes();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (!hasA || !hasB)
            {
                return hasA ? 1 : hasB ? -1 : 0;
            }

            var c = a.Current.Value.CompareTo(b.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }
}
