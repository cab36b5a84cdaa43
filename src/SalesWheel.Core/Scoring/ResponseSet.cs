using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// Answers of many respondents to one instrument, stored compactly: one byte per answer, respondent by
/// respondent, items in instrument order. A stored byte is <c>0</c> for "not answered", otherwise
/// <c>value − min + 1</c> (so 1..points), raw (not yet reverse-coded).
/// </summary>
public sealed class ResponseSet
{
    private byte[] _answers;
    private readonly Dictionary<string, Item> _itemById;
    private readonly Dictionary<string, int> _itemIndex;

    /// <summary>Creates an empty set for the instrument, optionally with attribute columns (role, team…).</summary>
    public ResponseSet(Instrument instrument, IEnumerable<string>? attributes = null, int capacity = 16)
    {
        Instrument = instrument;
        Items = instrument.Items.ToList();
        _itemById = Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        _itemIndex = Items.Select((item, index) => (item.Id, index)).ToDictionary(p => p.Id, p => p.index, StringComparer.Ordinal);
        _answers = new byte[(int)Math.Min((long)Math.Max(1, capacity) * Math.Max(1, Items.Count), Array.MaxLength)];
        Attributes = (attributes ?? []).Select(a => new AttributeColumn(a)).ToList();
    }

    /// <summary>The instrument answered.</summary>
    public Instrument Instrument { get; }

    /// <summary>Items in instrument order; a respondent's answers are stored in this order.</summary>
    public IReadOnlyList<Item> Items { get; }

    /// <summary>Attribute columns (for breakdowns), one value per respondent each.</summary>
    public IReadOnlyList<AttributeColumn> Attributes { get; }

    /// <summary>The most respondents one set can hold (one byte per answer in a single array).</summary>
    public int MaxRespondents => Array.MaxLength / Math.Max(1, Items.Count);

    /// <summary>Number of respondent rows held.</summary>
    public int Count { get; private set; }

    /// <summary>The stored answer bytes of every respondent (see the class remarks), <see cref="Count"/> × items long.</summary>
    public ReadOnlySpan<byte> AnswerBytes => _answers.AsSpan(0, Count * Items.Count);

    /// <summary>Index of an item in <see cref="Items"/>, or −1.</summary>
    public int IndexOf(string itemId) => _itemIndex.GetValueOrDefault(itemId, -1);

    /// <summary>
    /// Adds a respondent. <paramref name="answers"/> maps item ids to values on the scale (null = not answered);
    /// <paramref name="attributes"/> gives a value per attribute column (missing = not given).
    /// </summary>
    /// <exception cref="ArgumentException">An unknown item, or a value outside the scale.</exception>
    public void Add(IReadOnlyDictionary<string, int?> answers, IReadOnlyDictionary<string, string?>? attributes = null)
    {
        foreach (var (itemId, value) in answers)
        {
            if (!_itemById.ContainsKey(itemId))
            {
                throw new ArgumentException($"\"{itemId}\" is not an item of {Instrument.Id}.", nameof(answers));
            }

            if (value is { } v && (v < Instrument.Scale.Min || v > Instrument.Scale.Max))
            {
                throw new ArgumentException($"{itemId}: {v} is outside the scale {Instrument.Scale.Min}..{Instrument.Scale.Max}.", nameof(answers));
            }
        }

        var row = AddRow();
        foreach (var (itemId, value) in answers)
        {
            if (value is { } v)
            {
                row[_itemIndex[itemId]] = (byte)(v - Instrument.Scale.Min + 1);
            }
        }

        foreach (var column in Attributes)
        {
            column.Append(attributes?.GetValueOrDefault(column.Name));
        }
    }

    /// <summary>
    /// Appends a respondent whose answer bytes the caller fills in place (the fast path for readers).
    /// The returned span is cleared (all "not answered"); the caller must also append one value to each attribute column.
    /// </summary>
    public Span<byte> AddRow()
    {
        var width = Items.Count;
        if (Count >= MaxRespondents)
        {
            throw new InvalidOperationException($"A response set holds at most {MaxRespondents:N0} respondents of {Items.Count} items.");
        }

        if ((long)(Count + 1) * width > _answers.Length)
        {
            // Grow by doubling, computed in long so that huge sets stop at the largest array instead of overflowing.
            var size = Math.Min(Math.Max((long)_answers.Length * 2, (long)(Count + 1) * width), (long)MaxRespondents * width);
            Array.Resize(ref _answers, (int)size);
        }

        var row = _answers.AsSpan(Count * width, width);
        row.Clear();
        Count++;
        return row;
    }

    /// <summary>Removes the last respondent added with <see cref="AddRow"/> (before its attributes were appended).</summary>
    public void RemoveLastRow() => Count--;

    /// <summary>The value on the scale of respondent <paramref name="respondent"/>'s answer to item <paramref name="item"/>, or null.</summary>
    public int? Answer(int respondent, int item)
    {
        var b = _answers[(respondent * Items.Count) + item];
        return b == 0 ? null : b + Instrument.Scale.Min - 1;
    }
}

/// <summary>One attribute (role, team…) with one value per respondent, kept as codes into distinct values.</summary>
public sealed class AttributeColumn(string name)
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _values = [];
    private int[] _rows = new int[16];

    /// <summary>The attribute's name (the CSV column).</summary>
    public string Name { get; } = name;

    /// <summary>Distinct values (trimmed; "" for not given), in order of first appearance.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>Number of respondents with a value.</summary>
    public int Count { get; private set; }

    /// <summary>The code (index into <see cref="Values"/>) of each respondent's value.</summary>
    public ReadOnlySpan<int> Codes => _rows.AsSpan(0, Count);

    /// <summary>The codes array itself (at least <see cref="Count"/> long), for the engine's hot loop without a copy.</summary>
    internal int[] CodeArray => _rows;

    /// <summary>Appends the next respondent's value; whitespace is trimmed and null becomes "".</summary>
    public void Append(string? value) => Append((value ?? "").AsSpan());

    /// <summary>Appends the next respondent's value; whitespace is trimmed.</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        var lookup = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(value, out var code))
        {
            code = _values.Count;
            var text = value.ToString();
            _values.Add(text);
            _codes[text] = code;
        }

        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, _rows.Length * 2);
        }

        _rows[Count++] = code;
    }
}
