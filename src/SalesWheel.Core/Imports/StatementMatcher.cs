using System.Text.RegularExpressions;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Imports;

/// <summary>What a header names: a statement's id and how it was found, or two statements (ambiguous).</summary>
internal readonly record struct HeaderMatch(string? Id, MatchedBy How, string? SecondId = null);

/// <summary>
/// Finds the statement a header names: its id in any case and spacing, inside <c>X[ID]</c>, after <c>group/</c>, before
/// <c>- text</c>; or its text, normalised, inside the header.
/// </summary>
internal sealed partial class StatementMatcher
{
    private readonly Dictionary<string, string> _idByKey = new(StringComparer.Ordinal);
    private readonly (string Id, string Text, string[] Words)[] _statements;

    public StatementMatcher(Instrument instrument)
    {
        foreach (var item in instrument.Items)
        {
            _idByKey.TryAdd(ImportText.IdKey(item.Id), item.Id);
        }

        _statements = instrument.Items
            .Select(i => (i.Id, Text: ImportText.Normalize(i.Text)))
            .Where(s => s.Text.Length > 0)
            .Select(s => (s.Id, s.Text, ImportText.Words(s.Text)))
            .ToArray();
    }

    public HeaderMatch Match(string header)
    {
        header = header.Trim();
        if (header.Length == 0)
        {
            return default;
        }

        if (_idByKey.TryGetValue(ImportText.IdKey(header), out var id))
        {
            return new HeaderMatch(id, MatchedBy.ItemId);
        }

        if (Brackets().Match(header) is { Success: true } bracket && _idByKey.TryGetValue(ImportText.IdKey(bracket.Groups[1].ValueSpan), out id))
        {
            return new HeaderMatch(id, MatchedBy.IdInBrackets);
        }

        var slash = header.LastIndexOf('/');
        if (slash >= 0 && slash < header.Length - 1 && _idByKey.TryGetValue(ImportText.IdKey(header.AsSpan(slash + 1)), out id))
        {
            return new HeaderMatch(id, MatchedBy.IdInPath);
        }

        if (LeadingId().Match(header) is { Success: true } leading && _idByKey.TryGetValue(ImportText.IdKey(leading.Groups[1].ValueSpan), out id))
        {
            return new HeaderMatch(id, MatchedBy.IdBeforeText);
        }

        var text = " " + ImportText.Normalize(header) + " ";
        string? first = null;
        foreach (var (statementId, statement, _) in _statements)
        {
            if (text.Contains(" " + statement + " ", StringComparison.Ordinal))
            {
                if (first is not null && first != statementId)
                {
                    return new HeaderMatch(first, MatchedBy.StatementText, statementId);
                }

                first = statementId;
            }
        }

        return first is null ? default : new HeaderMatch(first, MatchedBy.StatementText);
    }

    /// <summary>
    /// The statement a header not recognised is closest to: an id one letter off (<c>STR l</c>), or a statement sharing
    /// most of its words; null when none is close.
    /// </summary>
    public string? Closest(string header)
    {
        var key = ImportText.IdKey(header);
        if (key.Length is >= 3 and <= 8)
        {
            foreach (var (idKey, id) in _idByKey)
            {
                if (ImportText.Distance(key, idKey) <= 1)
                {
                    return id;
                }
            }
        }

        var words = ImportText.Words(ImportText.Normalize(header)).ToHashSet(StringComparer.Ordinal);
        if (words.Count < 3)
        {
            return null;
        }

        string? best = null;
        var bestShare = 0.6;
        foreach (var (id, _, statementWords) in _statements)
        {
            var share = (double)statementWords.Count(words.Contains) / statementWords.Length;
            if (share > bestShare)
            {
                (best, bestShare) = (id, share);
            }
        }

        return best;
    }

    [GeneratedRegex(@"\[([^\[\]]+)\]\s*$")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"^\s*([A-Za-z]{1,8}[ _]?\d{1,3})\s*(?:[-–—:.)=]|\s)")]
    private static partial Regex LeadingId();
}
