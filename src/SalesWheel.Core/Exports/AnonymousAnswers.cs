using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Exports;

/// <summary>
/// Answers fit to leave the app: one row per respondent with their answers and their attribute values, and nothing
/// else. No name, email, token, id or submission time is ever held here; rows are sorted by their content, so their
/// order says nothing about who answered when. <see cref="Method"/> states the rules in plain words.
/// </summary>
/// <remarks>
/// The rules (k = the minimum group size):
/// <list type="number">
/// <item>Fewer than k respondents: no rows at all (only the count is given).</item>
/// <item>Per attribute: a value held by fewer than k respondents becomes <see cref="Other"/>; while that pool holds more
/// than 0 but fewer than k respondents, the smallest remaining value (ties: the first in code point order) joins it.
/// This is the breakdown's own suppression (<see cref="Anonymity.SuppressedGroups"/>), so the values kept are exactly
/// the groups a breakdown shows.</item>
/// <item>Combinations: while some combination of attribute values is shared by fewer than k rows, one value taking
/// part in a rare combination becomes <see cref="Other"/> in every row of its column: the one whose merging leaves the
/// fewest rows in rare combinations (ties: the value held by fewer people, then the first attribute, then code point
/// order). Whole values are merged, never single rows: a value that stays visible keeps all of its respondents, so
/// subtracting the visible rows from a breakdown group's score leaves nothing, and every "(other)" pool grows by a whole
/// value of at least k people.</item>
/// <item>Beside shared results (when their breakdowns are given): while the rows' combinations of values and the groups
/// the results show would together give away a set of fewer than k respondents (one differencing check, see
/// <see cref="Anonymity.HideAcrossBreakdowns"/>), one more whole value becomes <see cref="Other"/>: the one held by the
/// fewest people among those the giving-away combination uses.</item>
/// </list>
/// Respondents with no answered item are no respondents (SCORING.md) and are left out.
/// </remarks>
public sealed class AnonymousAnswers
{
    /// <summary>The value that replaces an attribute value too rare to show.</summary>
    public const string Other = "(other)";

    /// <summary>The rules in plain words, for the people who receive the file.</summary>
    public static string Method(int minimumGroupSize) =>
        $"The answers are anonymous. The file holds no names, emails, links or dates, and its rows are sorted by their content, not by when anyone answered. " +
        $"A role or team held by fewer than {minimumGroupSize} people reads \"{Other}\", and \"{Other}\" itself always holds none or at least {minimumGroupSize} people. " +
        $"Where a combination of role and team would hold fewer than {minimumGroupSize} people (say, the only manager in one team), that whole role or team reads \"{Other}\" in every row, " +
        $"so every value shown keeps all its people and no one can be found by subtracting rows from a group's score. " +
        $"With fewer than {minimumGroupSize} respondents there are no answers at all, only the count.";

    private readonly byte[] _answers;
    private readonly string[][] _attributes;

    private AnonymousAnswers(Instrument instrument, IReadOnlyList<string> attributeNames, int respondents, int minimumGroupSize, byte[] answers, string[][] attributes, int rows, bool besideResults = false)
    {
        WithheldBesideResults = besideResults;
        Instrument = instrument;
        Items = instrument.Items.ToList();
        AttributeNames = attributeNames;
        Respondents = respondents;
        MinimumGroupSize = minimumGroupSize;
        _answers = answers;
        _attributes = attributes;
        Count = rows;
    }

    /// <summary>The instrument answered.</summary>
    public Instrument Instrument { get; }

    /// <summary>Items in instrument order (the order of each row's answers).</summary>
    public IReadOnlyList<Item> Items { get; }

    /// <summary>The attribute columns (role, team…), in the order asked for.</summary>
    public IReadOnlyList<string> AttributeNames { get; }

    /// <summary>Respondents: people who answered at least one item.</summary>
    public int Respondents { get; }

    /// <summary>The minimum group size k the rules were applied with.</summary>
    public int MinimumGroupSize { get; }

    /// <summary>
    /// Whether the answers were withheld: fewer than <see cref="MinimumGroupSize"/> people answered, or
    /// <see cref="WithheldBesideResults"/>.
    /// </summary>
    public bool Withheld => Respondents < MinimumGroupSize || WithheldBesideResults;

    /// <summary>
    /// Withheld because the results published beside them show a group whose value the rows could not carry without
    /// singling someone out: rows that do not say who is in a shown group can be sorted into it by adding up rows until
    /// they match its published scores, and so pick out the few people the labels were hiding.
    /// </summary>
    public bool WithheldBesideResults { get; }

    /// <summary>Why there are no rows, in words; null when there are rows.</summary>
    public string? WithheldReason => !Withheld ? null
        : WithheldBesideResults
            ? "the results show a role or team that these rows could not name without singling someone out, and rows beside such results could be added up to match it, so no row-level answers leave the app for this assessment"
            : $"fewer than {MinimumGroupSize} people answered, so no answers leave the app";

    /// <summary>Rows held: <see cref="Respondents"/>, or 0 when <see cref="Withheld"/>.</summary>
    public int Count { get; }

    /// <summary>The value of attribute <paramref name="attribute"/> in row <paramref name="row"/> ("" = not given, or <see cref="Other"/>).</summary>
    public string Attribute(int row, int attribute) => _attributes[attribute][row];

    /// <summary>The answer of row <paramref name="row"/> to item <paramref name="item"/> on the scale (not reverse-coded), or null.</summary>
    public int? Answer(int row, int item)
    {
        var b = _answers[(row * Items.Count) + item];
        return b == 0 ? null : b + Instrument.Scale.Min - 1;
    }

    /// <summary>
    /// Applies the rules to a response set: every attribute column of <paramref name="responses"/> is kept (generalized
    /// as described), every respondent is one row, sorted by attributes then answers.
    /// </summary>
    /// <param name="responses">The answers, with their attribute columns.</param>
    /// <param name="minimumGroupSize">k.</param>
    /// <param name="sharedResults">
    /// The breakdowns of the results published beside these rows (the same respondents), or null. Each combination of
    /// values the rows show is a sum anyone can take, so "(other) × (other)" minus a team shown in the results could be one
    /// small cell: more whole values read <see cref="Other"/> (the fewest people first) until no set of fewer than k
    /// respondents can be worked out from the rows and the results together (<see cref="Anonymity.HideAcrossBreakdowns"/>).
    /// </param>
    /// <exception cref="ArgumentException">The minimum group size is below <see cref="Anonymity.LowestMinimumGroupSize"/>.</exception>
    public static AnonymousAnswers From(ResponseSet responses, int minimumGroupSize, IReadOnlyList<Breakdown>? sharedResults = null)
    {
        if (minimumGroupSize < Anonymity.LowestMinimumGroupSize)
        {
            throw new ArgumentException($"The minimum group size must be at least {Anonymity.LowestMinimumGroupSize}; {minimumGroupSize} was given.", nameof(minimumGroupSize));
        }

        var width = responses.Items.Count;
        var names = responses.Attributes.Select(a => a.Name).ToList();
        var source = responses.AnswerBytes;
        if (Generalize(responses, minimumGroupSize, sharedResults) is not { } generalized)
        {
            return new AnonymousAnswers(responses.Instrument, names, RespondentRows(responses).Count, minimumGroupSize, [], names.Select(_ => Array.Empty<string>()).ToArray(), 0);
        }

        var (kept, columns) = generalized;
        if (sharedResults is not null && !EveryShownGroupIsNamed(responses, kept, columns, sharedResults))
        {
            return new AnonymousAnswers(responses.Instrument, names, kept.Count, minimumGroupSize, [], names.Select(_ => Array.Empty<string>()).ToArray(), 0, besideResults: true);
        }

        var values = columns.Select(c => c.RowValues()).ToArray();
        var order = Enumerable.Range(0, kept.Count).ToArray();
        var rowBytes = new byte[kept.Count][];
        for (var i = 0; i < kept.Count; i++)
        {
            rowBytes[i] = source.Slice(kept[i] * width, width).ToArray();
        }

        Array.Sort(order, (x, y) =>
        {
            for (var a = 0; a < values.Length; a++)
            {
                var c = CodePointOrder.Instance.Compare(values[a][x], values[a][y]);
                if (c != 0)
                {
                    return c;
                }
            }

            var answers = rowBytes[x].AsSpan().SequenceCompareTo(rowBytes[y]);
            return answers != 0 ? answers : x.CompareTo(y);
        });

        // Rows that compare equal are identical in content, so the final tie-break by input position leaves no trace.
        var answersOut = new byte[kept.Count * width];
        var attributesOut = values.Select(_ => new string[kept.Count]).ToArray();
        for (var i = 0; i < order.Length; i++)
        {
            rowBytes[order[i]].CopyTo(answersOut, i * width);
            for (var a = 0; a < values.Length; a++)
            {
                attributesOut[a][i] = values[a][order[i]];
            }
        }

        return new AnonymousAnswers(responses.Instrument, names, kept.Count, minimumGroupSize, answersOut, attributesOut, kept.Count);
    }

    /// <summary>
    /// Whether every row of every group the results show carries that group's value (not "(other)"): then a shown group
    /// is exactly a set of rows anyone can see, and adding rows up tells nothing the labels do not.
    /// </summary>
    private static bool EveryShownGroupIsNamed(ResponseSet responses, List<int> kept, Column[] columns, IReadOnlyList<Breakdown> results)
    {
        var attributes = responses.Attributes;
        foreach (var breakdown in results)
        {
            var a = attributes.Select(x => x.Name).ToList().IndexOf(breakdown.By);
            if (a < 0)
            {
                continue;
            }

            var shownValues = breakdown.Groups.Where(g => !g.Suppressed).Select(g => g.Value).ToHashSet(StringComparer.Ordinal);
            for (var i = 0; i < kept.Count; i++)
            {
                var value = attributes[a].Values[attributes[a].Codes[kept[i]]].Trim();
                if (shownValues.Contains(value) && columns[a].Code(i) == columns[a].OtherCode)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Respondents (rows with an answered item) by position in the set.</summary>
    private static List<int> RespondentRows(ResponseSet responses)
    {
        var width = responses.Items.Count;
        var source = responses.AnswerBytes;
        var kept = new List<int>(responses.Count);
        for (var r = 0; r < responses.Count; r++)
        {
            if (source.Slice(r * width, width).ContainsAnyExcept((byte)0))
            {
                kept.Add(r);
            }
        }

        return kept;
    }

    /// <summary>The rules applied to the attribute columns of the respondents; null when fewer than k answered.</summary>
    private static (List<int> Kept, Column[] Columns)? Generalize(ResponseSet responses, int minimumGroupSize, IReadOnlyList<Breakdown>? sharedResults)
    {
        var kept = RespondentRows(responses);
        if (kept.Count < minimumGroupSize)
        {
            return null;
        }

        // Work on codes per column: the column's distinct values, plus one more code for "(other)".
        var columns = responses.Attributes.Select(column => Column.Of(column, kept)).ToArray();
        foreach (var column in columns)
        {
            column.MergeRareValues(minimumGroupSize);
        }

        MergeRareCombinations(columns, kept.Count, minimumGroupSize);
        if (sharedResults is not null)
        {
            MergeAgainstResults(responses, kept, columns, sharedResults, minimumGroupSize);
        }

        return (kept, columns);
    }

    /// <summary>Merges whole values into "(other)" until the rows and the shown groups of the results give nothing below k away together.</summary>
    private static void MergeAgainstResults(ResponseSet responses, List<int> kept, Column[] columns, IReadOnlyList<Breakdown> results, int k)
    {
        // Cells: the respondents' combinations of their true values (what an insider knows), with one row standing for each.
        var attributes = responses.Attributes;
        var cellOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = new List<int>();
        var sizes = new List<int>();
        var values = new List<string[]>();
        for (var i = 0; i < kept.Count; i++)
        {
            var row = attributes.Select(a => a.Values[a.Codes[kept[i]]]).ToArray();
            var key = string.Join('\u001f', row);
            if (!cellOf.TryGetValue(key, out var cell))
            {
                cell = sizes.Count;
                cellOf[key] = cell;
                first.Add(i);
                sizes.Add(0);
                values.Add(row);
            }

            sizes[cell]++;
        }

        var cells = Enumerable.Range(0, sizes.Count).ToArray();
        var shown = new List<int[]>();
        foreach (var breakdown in results)
        {
            var a = attributes.Select(x => x.Name).ToList().IndexOf(breakdown.By);
            foreach (var group in breakdown.Groups.Where(g => !g.Suppressed && a >= 0))
            {
                shown.Add(cells.Where(c => values[c][a] == group.Value).ToArray());
            }
        }

        while (true)
        {
            // The rows' combinations of values as they now read, then the results' shown groups (which stay as they are).
            var combinations = cells.GroupBy(c => string.Join('\u001f', columns.Select(column => column.Code(first[c]))), StringComparer.Ordinal)
                .Select(g => g.ToArray()).ToList();
            var published = new List<int[]> { cells };
            published.AddRange(combinations);
            published.AddRange(shown);
            var finding = Differencing.Find(sizes, published, k, Differencing.SearchBudget, hideable: 1 + combinations.Count);
            if (finding is null)
            {
                return;
            }

            // The values shown in the combinations used; when those show none (all "(other)"), any value still shown.
            List<(int Column, int Code)> Shown(IEnumerable<int[]> rows) => rows
                .SelectMany(combination => columns.Select((column, a) => (Column: a, Code: column.Code(first[combination[0]]))))
                .Where(v => v.Code != columns[v.Column].OtherCode)
                .Distinct()
                .ToList();
            var candidates = Shown(finding is Differencing.Exposed exposed ? exposed.Rows.Where(r => r >= 1 && r <= combinations.Count).Select(r => combinations[r - 1]) : combinations);
            if (candidates.Count == 0)
            {
                candidates = Shown(combinations);
            }

            if (candidates.Count == 0)
            {
                return; // nothing left to merge: every value already reads "(other)"
            }

            var (merge, code) = candidates
                .OrderBy(v => columns[v.Column].Size(v.Code))
                .ThenBy(v => v.Column)
                .ThenBy(v => columns[v.Column].Name(v.Code), CodePointOrder.Instance)
                .First();
            columns[merge].MergeIntoOther(code);
        }
    }

    /// <summary>Merges whole values into "(other)" until every combination of the columns' values holds at least k rows.</summary>
    private static void MergeRareCombinations(Column[] columns, int rows, int k)
    {
        if (columns.Length < 2)
        {
            return; // one column: its values are its combinations, already at least k.
        }

        // Work on the distinct combinations with their counts (far fewer than rows).
        var counts = new Dictionary<Combination, int>();
        for (var r = 0; r < rows; r++)
        {
            var key = new Combination(columns.Select(c => c.Code(r)).ToArray());
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var others = columns.Select(c => c.OtherCode).ToArray();
        while (counts.Any(p => p.Value < k))
        {
            // The values taking part in a rare combination; when the only rare combination is all "(other)", the
            // values of the combinations nearest to it (the fewest values still shown), whose merging can grow it.
            var candidates = counts.Where(p => p.Value < k).SelectMany(p => p.Key.ShownValues(others)).Distinct().ToList();
            if (candidates.Count == 0)
            {
                var fewest = counts.Keys.Select(c => c.ShownValues(others).Count()).Where(n => n > 0).Min();
                candidates = counts.Keys.Where(c => c.ShownValues(others).Count() == fewest).SelectMany(c => c.ShownValues(others)).Distinct().ToList();
            }

            // Merge the value that leaves the fewest people in rare combinations; then the smallest; then the first.
            var (column, code) = candidates
                .Select(c => (Candidate: c, Left: RareRows(Merged(counts, c.Column, c.Code, others[c.Column]), k)))
                .OrderBy(c => c.Left)
                .ThenBy(c => columns[c.Candidate.Column].Size(c.Candidate.Code))
                .ThenBy(c => c.Candidate.Column)
                .ThenBy(c => columns[c.Candidate.Column].Name(c.Candidate.Code), CodePointOrder.Instance)
                .First().Candidate;
            columns[column].MergeIntoOther(code);
            counts = Merged(counts, column, code, others[column]);
        }
    }

    private static Dictionary<Combination, int> Merged(Dictionary<Combination, int> counts, int column, int code, int other)
    {
        var merged = new Dictionary<Combination, int>(counts.Count);
        foreach (var (combination, count) in counts)
        {
            var key = combination.With(column, code, other);
            merged[key] = merged.GetValueOrDefault(key) + count;
        }

        return merged;
    }

    private static int RareRows(Dictionary<Combination, int> counts, int k) => counts.Values.Where(n => n < k).Sum();

    /// <summary>One attribute column of the kept rows, as value codes, with <see cref="OtherCode"/> for "(other)".</summary>
    private sealed class Column
    {
        private readonly string[] _names;
        private readonly int[] _codes;
        private readonly int[] _sizes;

        private Column(string[] names, int[] codes)
        {
            _names = names;
            _codes = codes;
            OtherCode = names.Length - 1;
            _sizes = new int[names.Length];
            foreach (var code in codes)
            {
                _sizes[code]++;
            }
        }

        public int OtherCode { get; }

        public int Code(int row) => _codes[row];

        public int Size(int code) => _sizes[code];

        public string Name(int code) => _names[code];

        public static Column Of(AttributeColumn column, List<int> kept)
        {
            // A real value spelled "(other)" shares the pool's code: merging it in only makes the pool larger.
            var names = column.Values.Append(Other).ToArray();
            var other = names.Length - 1;
            var map = names.Select((name, code) => name == Other ? other : code).ToArray();
            var codes = new int[kept.Count];
            var all = column.Codes;
            for (var i = 0; i < kept.Count; i++)
            {
                codes[i] = map[all[kept[i]]];
            }

            return new Column(names, codes);
        }

        /// <summary>The breakdown's rule: values below k, then the smallest shown values while the pool holds 1..k−1.</summary>
        public void MergeRareValues(int k)
        {
            var shown = Enumerable.Range(0, OtherCode).Where(c => _sizes[c] > 0).OrderBy(c => _names[c], CodePointOrder.Instance).ToList();
            var suppressed = Anonymity.SuppressedGroups(shown.Select(c => _sizes[c]).ToList(), k);
            for (var i = 0; i < shown.Count; i++)
            {
                if (suppressed[i])
                {
                    MergeIntoOther(shown[i]);
                }
            }

            // A real "(other)" value of 1..k−1 people was not in the list above: top the pool up the same way.
            while (_sizes[OtherCode] > 0 && _sizes[OtherCode] < k)
            {
                var smallest = Enumerable.Range(0, OtherCode).Where(c => _sizes[c] > 0)
                    .OrderBy(c => _sizes[c]).ThenBy(c => _names[c], CodePointOrder.Instance).First();
                MergeIntoOther(smallest);
            }
        }

        public void MergeIntoOther(int code)
        {
            if (code == OtherCode)
            {
                return;
            }

            for (var r = 0; r < _codes.Length; r++)
            {
                if (_codes[r] == code)
                {
                    _codes[r] = OtherCode;
                }
            }

            _sizes[OtherCode] += _sizes[code];
            _sizes[code] = 0;
        }

        public string[] RowValues() => _codes.Select(c => _names[c]).ToArray();

    }

    /// <summary>The value codes of one row across all columns, compared by value.</summary>
    private readonly struct Combination(int[] codes) : IEquatable<Combination>
    {
        private readonly int[] _codes = codes;

        /// <summary>(column, code) of each value not "(other)".</summary>
        public IEnumerable<(int Column, int Code)> ShownValues(int[] others)
        {
            for (var a = 0; a < _codes.Length; a++)
            {
                if (_codes[a] != others[a])
                {
                    yield return (a, _codes[a]);
                }
            }
        }

        /// <summary>This combination with <paramref name="code"/> in <paramref name="column"/> replaced by <paramref name="other"/>.</summary>
        public Combination With(int column, int code, int other)
        {
            if (_codes[column] != code)
            {
                return this;
            }

            var copy = (int[])_codes.Clone();
            copy[column] = other;
            return new Combination(copy);
        }

        public bool Equals(Combination other) => _codes.AsSpan().SequenceEqual(other._codes);

        public override bool Equals(object? obj) => obj is Combination other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var code in _codes)
            {
                hash.Add(code);
            }

            return hash.ToHashCode();
        }
    }
}
