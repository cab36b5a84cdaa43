using System.Globalization;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Imports;

/// <summary>
/// Reads answer cells to stored answer bytes (see <see cref="Scoring.ResponseSet"/>: 0 = not answered, 1..points), counting
/// each distinct text. A single digit is read from a table; any other text is read once and then looked up (no
/// allocation per cell).
/// </summary>
internal sealed class AnswerValues
{
    /// <summary>The byte of a text that is no answer of the scale (an error).</summary>
    public const byte Invalid = byte.MaxValue;

    private const int MaxRemembered = 10_000;

    // Texts meaning "not answered", normalised (ImportText.Normalize).
    private static readonly HashSet<string> NotAnsweredTexts = new(StringComparer.Ordinal)
    {
        "", "na", "n a", "dont know", "do not know", "not applicable", "prefer not to say", "prefer not to answer",
        "no answer", "not answered", "no opinion", "cannot say", "cant say", "dk", "not sure", "unsure", "skip", "skipped",
    };

    // Common wordings of a five-point agreement scale (1 = strongly disagree), normalised.
    private static readonly Dictionary<string, int> AgreementVariants = new(StringComparer.Ordinal)
    {
        ["strongly disagree"] = 1,
        ["disagree strongly"] = 1,
        ["completely disagree"] = 1,
        ["totally disagree"] = 1,
        ["disagree"] = 2,
        ["somewhat disagree"] = 2,
        ["mostly disagree"] = 2,
        ["tend to disagree"] = 2,
        ["slightly disagree"] = 2,
        ["neither agree nor disagree"] = 3,
        ["neither agree or disagree"] = 3,
        ["neither disagree nor agree"] = 3,
        ["neutral"] = 3,
        ["neither"] = 3,
        ["undecided"] = 3,
        ["agree"] = 4,
        ["somewhat agree"] = 4,
        ["mostly agree"] = 4,
        ["tend to agree"] = 4,
        ["slightly agree"] = 4,
        ["strongly agree"] = 5,
        ["agree strongly"] = 5,
        ["completely agree"] = 5,
        ["totally agree"] = 5,
    };

    private readonly ResponseScale _scale;
    private readonly bool _reverse;
    private readonly bool _reportUnknown;
    private readonly Dictionary<string, int> _labels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int?> _mapped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<Entry> _entries = [];

    public AnswerValues(ResponseScale scale, bool reverse, IReadOnlyList<ValueMapping> mapped, bool reportUnknown = false)
    {
        _scale = scale;
        _reverse = reverse;
        _reportUnknown = reportUnknown;
        _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        if (scale.Labels is { } labels)
        {
            for (var i = 0; i < labels.Count; i++)
            {
                _labels.TryAdd(ImportText.Normalize(labels[i]), scale.Min + i);
            }
        }

        if (scale.Points == 5 && (scale.Labels is null || scale.Labels.Select(l => ImportText.Normalize(l)).SequenceEqual(ResponseScale.Agreement5.Labels!.Select(l => ImportText.Normalize(l)))))
        {
            foreach (var (text, point) in AgreementVariants)
            {
                _labels.TryAdd(text, scale.Min + point - 1);
            }
        }

        foreach (var value in mapped)
        {
            _mapped[ImportText.Normalize(value.Value)] = value.Point;
        }

        // A single digit, the common case, straight from a table: the stored byte, or Invalid outside the scale.
        for (var d = 0; d <= 9; d++)
        {
            DigitBytes[d] = d >= scale.Min && d <= scale.Max ? Store(d, number: true) : Invalid;
        }
    }

    /// <summary>The stored byte of each single digit 0–9 (<see cref="Invalid"/> outside the scale), reversal applied.</summary>
    public byte[] DigitBytes { get; } = new byte[10];

    /// <summary>How many cells held each single digit.</summary>
    public int[] DigitCounts { get; } = new int[10];

    /// <summary>A text other than a single digit: its stored byte (0 not answered, <see cref="Invalid"/> with <paramref name="problem"/>), counted.</summary>
    public byte Read(ReadOnlySpan<char> cell, out string? problem)
    {
        if (_lookup.TryGetValue(cell, out var index))
        {
            var known = _entries[index];
            known.Count++;
            problem = known.Problem;
            return known.Stored;
        }

        var entry = Judge(cell.ToString());
        entry.Count = 1;
        if (_entries.Count < MaxRemembered)
        {
            _index[entry.Text] = _entries.Count;
            _entries.Add(entry);
        }

        problem = entry.Problem;
        return entry.Stored;
    }

    /// <summary>Whether any text was read as a scale label (labels fix the direction).</summary>
    public bool AnyLabel => _entries.Any(e => e.Reading == ValueReading.Label && e.Count > 0);

    /// <summary>Whether any number was read.</summary>
    public bool AnyNumber => DigitCounts.Any(c => c > 0) || _entries.Any(e => e.Reading == ValueReading.Number && e.Stored != Invalid && e.Count > 0);

    /// <summary>Each distinct text found, with its count and point: digits first, then the rest by count.</summary>
    public List<AnswerValue> Found()
    {
        var found = new List<AnswerValue>();
        for (var d = 0; d <= 9; d++)
        {
            if (DigitCounts[d] > 0)
            {
                found.Add(new AnswerValue(d.ToString(CultureInfo.InvariantCulture), DigitCounts[d], Point(DigitBytes[d]), ValueReading.Number));
            }
        }

        found.AddRange(_entries.Where(e => e.Count > 0 && e.Stored != Invalid)
            .OrderByDescending(e => e.Count).ThenBy(e => e.Text, StringComparer.Ordinal)
            .Select(e => new AnswerValue(e.Text, e.Count, Point(e.Stored), e.Reading)));
        return found;
    }

    /// <summary>The texts that are not plain numbers (labels and "not answered"), as a mapping to replay; unknown ones stay out (no point chosen yet).</summary>
    public List<ValueMapping> AsMapping() => _entries
        .Where(e => e.Count > 0 && e.Stored != Invalid && e.Reading is not (ValueReading.Number or ValueReading.Unknown))
        .Select(e => new ValueMapping(e.Text, Point(e.Stored)))
        .ToList();

    private int? Point(byte stored) => stored == 0 ? null : stored + _scale.Min - 1;

    private byte Store(int value, bool number)
    {
        var point = number && _reverse ? _scale.Min + _scale.Max - value : value;
        return (byte)(point - _scale.Min + 1);
    }

    private Entry Judge(string text)
    {
        var span = text.AsSpan().Trim();
        var normalized = ImportText.Normalize(span);
        if (_mapped.TryGetValue(normalized, out var mappedPoint))
        {
            return mappedPoint is { } p && p >= _scale.Min && p <= _scale.Max
                ? new Entry(text, Store(p, number: false), ValueReading.Label, null)
                : new Entry(text, 0, ValueReading.NotAnswered, null);
        }

        if (span is "-" or "–" or "—" or "." || NotAnsweredTexts.Contains(normalized))
        {
            return new Entry(text, 0, ValueReading.NotAnswered, null);
        }

        if (_labels.TryGetValue(normalized, out var labelled))
        {
            return new Entry(text, Store(labelled, number: false), ValueReading.Label, null);
        }

        // "Strongly agree (5)", "Agree - 4": the label decides.
        var lastWord = normalized.LastIndexOf(' ');
        if (lastWord > 0 && !normalized.AsSpan(lastWord + 1).ContainsAnyExceptInRange('0', '9')
            && _labels.TryGetValue(normalized[..lastWord], out var labelledWithNumber))
        {
            return new Entry(text, Store(labelledWithNumber, number: false), ValueReading.Label, null);
        }

        // "4 - Agree", "4 = Agree", "4: Agree": the label decides when known, else the number.
        var digits = 0;
        while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || (digits == 0 && span[0] is '-' or '+')))
        {
            digits++;
        }

        if (digits > 0 && digits < span.Length && ImportText.Normalize(span[digits..]) is { Length: > 0 } rest && !char.IsAsciiDigit(rest[0])
            && span[digits] is ' ' or '-' or '=' or ':' or '–' or '.' or ')')
        {
            if (_labels.TryGetValue(rest, out var point))
            {
                return new Entry(text, Store(point, number: false), ValueReading.Label, null);
            }

            span = span[..digits];
        }

        // 4, 4.0, 4,0: a whole number; 4.5 is not.
        var whole = span;
        var separator = whole.IndexOfAny('.', ',');
        if (separator > 0 && whole[(separator + 1)..].Trim().TrimEnd('0').IsEmpty)
        {
            whole = whole[..separator];
        }

        if (int.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value >= _scale.Min && value <= _scale.Max
                ? new Entry(text, Store(value, number: true), ValueReading.Number, null)
                : new Entry(text, Invalid, ValueReading.Number, $"{value} is outside the scale {_scale.Min}..{_scale.Max}");
        }

        // Only a word-like text can be a label the person may map; a number off the scale or a stray letter ("x") is a typo.
        if (_reportUnknown && IsWordLike(span))
        {
            // Left unanswered until the person chooses its point (the report cannot be confirmed meanwhile).
            return new Entry(text, 0, ValueReading.Unknown, null);
        }

        var labels = _scale.Labels is { Count: > 0 } l ? $" nor one of its labels ({string.Join(", ", l)})" : "";
        return new Entry(text, Invalid, ValueReading.Label,
            $"\"{ImportText.Short(span.ToString(), 40)}\" is not a whole number on the scale {_scale.Min}..{_scale.Max}{labels} (leave it blank, or write NA, if not answered; or give it a scale point in a mapping's \"values\" and pass it with --mapping FILE.json)");
    }

    private static bool IsWordLike(ReadOnlySpan<char> text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c) && ++letters == 2)
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Entry(string text, byte stored, ValueReading reading, string? problem)
    {
        public string Text { get; } = text;

        public byte Stored { get; } = stored;

        public ValueReading Reading { get; } = reading;

        public string? Problem { get; } = problem;

        public int Count { get; set; }
    }
}
