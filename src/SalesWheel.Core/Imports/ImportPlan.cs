using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;

namespace SalesWheel.Core.Imports;

/// <summary>One of the first rows of a file, kept as text while the header is looked for.</summary>
internal sealed record HeadRow(string[] Cells, RowPosition Position)
{
    public string Cell(int column) => column < Cells.Length ? Cells[column].Trim() : "";
}

/// <summary>
/// What the first rows of a file say: which is the header, what each column becomes, which rows below the header are
/// more header (skipped), which instrument form the statements belong to.
/// </summary>
internal sealed partial class ImportPlan
{
    /// <summary>The header is looked for among this many first rows.</summary>
    public const int HeaderSearchRows = 10;

    private static readonly HashSet<string> GenericHeaders = new(StringComparer.Ordinal) { "", "response", "answer", "responses", "answers", "open ended response" };

    public required int HeaderIndex { get; init; }

    public required RowPosition Header { get; init; }

    public required List<SkippedRow> Skipped { get; init; }

    public required HashSet<int> SkippedHeadRows { get; init; }

    public required List<ImportedColumn> Columns { get; init; }

    public required Instrument Instrument { get; init; }

    public required InstrumentForm Form { get; init; }

    public required (int Column, int Item)[] ItemColumns { get; init; }

    public required int[] AttributeColumns { get; init; }

    public required List<ImportWarning> Warnings { get; init; }

    public required List<string> ItemsWithoutColumn { get; init; }

    /// <summary>A column's name in messages: its header when short, else its letter and the start of its header.</summary>
    public string ColumnName(int column)
    {
        var header = column < Columns.Count ? Columns[column].Header : "";
        return header.Length is > 0 and <= 24 ? header : $"{ColumnLetters.Of(column)} \"{ImportText.Short(header, 40)}\"";
    }

    public static ImportPlan Make(IReadOnlyList<HeadRow> head, ImportOptions options, string source)
    {
        var full = options.Instrument;
        var mapping = options.Mapping;
        var matcher = new StatementMatcher(full);
        var problems = new List<string>();
        var warnings = new List<ImportWarning>();

        var h = FindHeader(head, matcher, mapping);
        if (h < 0)
        {
            throw NoHeader(head, full, matcher, source);
        }

        var header = head[h];
        var width = head.Max(r => r.Cells.Length);
        var headers = new string[width];
        var questions = new string?[width];
        for (var c = 0; c < width; c++)
        {
            headers[c] = header.Cell(c);
            if (headers[c].Length == 0 && h > 0 && head[h - 1].Cell(c) is { Length: > 0 } above)
            {
                headers[c] = above; // SurveyMonkey leaves the metadata columns' second header cell blank
                continue;
            }

            questions[c] = QuestionAbove(head, h, c);
        }

        // Qualtrics exported with its tags set to the ids: the header is the tag row, and the question text is the row below.
        if (h + 1 < head.Count && NamesStatements(head[h + 1], matcher))
        {
            for (var c = 0; c < width; c++)
            {
                questions[c] ??= head[h + 1].Cell(c) is { Length: > 0 } below ? below : null;
            }
        }

        var items = full.Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var columns = new List<ImportedColumn>(width);
        var renamed = new List<string>();
        for (var c = 0; c < width; c++)
        {
            var text = headers[c];
            if (Mapped(mapping, text, c) is { } entry)
            {
                if (entry.Target == ColumnTarget.Item && (entry.Name is null || !items.ContainsKey(entry.Name)))
                {
                    problems.Add($"{header.Position}, column {Name(text, c)}: the saved mapping reads it as statement \"{entry.Name}\", which the instrument \"{full.Id}\" does not have");
                    columns.Add(new ImportedColumn(c, text, questions[c], ColumnTarget.Ignored, null, MatchedBy.Nothing));
                    continue;
                }

                columns.Add(new ImportedColumn(c, text, questions[c], entry.Target, entry.Target == ColumnTarget.Ignored ? null : entry.Name, MatchedBy.Mapping));
                continue;
            }

            var match = matcher.Match(text);
            if (match.SecondId is { } second)
            {
                problems.Add($"{header.Position}, column {Name(text, c)}: the header fits two statements, {match.Id} (\"{ImportText.Short(items[match.Id!].Text)}\") and {second} (\"{ImportText.Short(items[second].Text)}\"); rename the column to one statement's id, or choose it in the mapping");
                columns.Add(new ImportedColumn(c, text, questions[c], ColumnTarget.Ignored, null, MatchedBy.Nothing));
                continue;
            }

            if (match.Id is { } id)
            {
                if (match.How == MatchedBy.ItemId && !string.Equals(text, id, StringComparison.Ordinal))
                {
                    renamed.Add($"{text} → {id}");
                }

                columns.Add(new ImportedColumn(c, text, questions[c], ColumnTarget.Item, id, match.How));
            }
            else
            {
                columns.Add(new ImportedColumn(c, text, questions[c], ColumnTarget.Ignored, null, MatchedBy.Nothing));
            }
        }

        foreach (var twice in columns.Where(c => c.Target == ColumnTarget.Item).GroupBy(c => c.Name!).Where(g => g.Count() > 1))
        {
            var both = twice.ToList();
            problems.Add($"{header.Position}: columns {Name(both[0].Header, both[0].Index)} and {Name(both[1].Header, both[1].Index)} both fit statement {twice.Key} (\"{ImportText.Short(items[twice.Key].Text)}\"); keep one, or choose another statement for one in the mapping");
        }

        if (renamed.Count > 0)
        {
            warnings.Add(new ImportWarning("near-miss-id",
                $"{renamed.Count} column{(renamed.Count == 1 ? " is" : "s are")} named with a statement id in another case or spacing and {(renamed.Count == 1 ? "was" : "were")} read as that statement: {string.Join(", ", renamed)}. Check {(renamed.Count == 1 ? "it is" : "they are")} right."));
        }

        // The form: the one the person chose, else the quick form when every statement found belongs to it.
        var found = columns.Where(c => c.Target == ColumnTarget.Item).Select(c => c.Name!).ToHashSet(StringComparer.Ordinal);
        var quickIds = full.QuickForm.ToHashSet(StringComparer.Ordinal);
        var chosen = options.Form ?? mapping?.Form;
        InstrumentForm form;
        var instrument = full;
        if (chosen == InstrumentForm.Quick && quickIds.Count > 0)
        {
            form = InstrumentForm.Quick;
            instrument = QuickOf(full);
            var outside = found.Where(id => !quickIds.Contains(id)).ToList();
            if (outside.Count > 0)
            {
                warnings.Add(new ImportWarning("full-file-as-quick",
                    $"The quick form was chosen, but the file also answers {outside.Count} statement{(outside.Count == 1 ? "" : "s")} outside it ({string.Join(", ", outside.Take(5))}{(outside.Count > 5 ? ", …" : "")}), which were left out. If these are answers to the full instrument, import them without choosing the quick form."));
                for (var i = 0; i < columns.Count; i++)
                {
                    if (columns[i] is { Target: ColumnTarget.Item } column && !quickIds.Contains(column.Name!))
                    {
                        columns[i] = column with { Target = ColumnTarget.Ignored, Name = null, ClosestStatement = column.Name };
                    }
                }

                found.IntersectWith(quickIds);
            }
        }
        else if (chosen is null && quickIds.Count > 0 && found.Count > 0 && found.IsSubsetOf(quickIds))
        {
            form = InstrumentForm.Quick;
            instrument = QuickOf(full);
            warnings.Add(new ImportWarning("read-as-quick",
                $"Every statement in the file belongs to the quick form ({found.Count} of its {quickIds.Count}), so it was scored as the quick form. If it is part of the full instrument, choose the full form."));
        }
        else
        {
            form = found.Count == full.Items.Count() ? InstrumentForm.Full : InstrumentForm.Custom;
        }

        var index = instrument.Items.Select((item, i) => (item.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var itemColumns = columns.Where(c => c.Target == ColumnTarget.Item && index.ContainsKey(c.Name!)).Select(c => (c.Index, index[c.Name!])).ToArray();

        var attributeColumns = FindAttributes(columns, options.GroupBy, items, problems);

        // The statement each ignored column is closest to, so a typo can be found.
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] is { Target: ColumnTarget.Ignored, ClosestStatement: null, How: MatchedBy.Nothing } column && column.Name is null
                && matcher.Closest(column.Header) is { } closest && !found.Contains(closest))
            {
                columns[i] = column with { ClosestStatement = closest };
            }
        }

        var nearMisses = columns.Where(c => c is { Target: ColumnTarget.Ignored, How: MatchedBy.Nothing, ClosestStatement: not null }).ToList();
        if (nearMisses.Count > 0)
        {
            warnings.Add(new ImportWarning("unmatched-column",
                $"{nearMisses.Count} column{(nearMisses.Count == 1 ? " looks" : "s look")} like a statement but {(nearMisses.Count == 1 ? "was" : "were")} not read: {string.Join(", ", nearMisses.Select(c => $"{Name(c.Header, c.Index)} (closest: {c.ClosestStatement})"))}. Rename {(nearMisses.Count == 1 ? "it" : "them")} to the statement id, or choose the statement in the mapping."));
        }

        if (itemColumns.Length == 0)
        {
            problems.Add($"{header.Position}: no column is named after an item of the instrument \"{instrument.Id}\" (expected headers such as {string.Join(", ", instrument.Items.Take(3).Select(i => i.Id))}, or a statement's text)");
        }

        if (problems.Count > 0)
        {
            throw new InvalidResponsesException(source, problems.Take(AnswerImport.MaxListedProblems).ToList(), problems.Count);
        }

        var (skipped, skippedHead) = SkipAround(head, h, itemColumns, matcher);
        var present = itemColumns.Select(p => p.Item2).ToHashSet();
        return new ImportPlan
        {
            HeaderIndex = h,
            Header = header.Position,
            Skipped = skipped,
            SkippedHeadRows = skippedHead,
            Columns = columns,
            Instrument = instrument,
            Form = form,
            ItemColumns = itemColumns,
            AttributeColumns = attributeColumns,
            Warnings = warnings,
            ItemsWithoutColumn = instrument.Items.Where((_, i) => !present.Contains(i)).Select(i => i.Id).ToList(),
        };
    }

    /// <summary>The quick form of an instrument (the built-in one's own instance for the built-in instrument).</summary>
    public static Instrument QuickOf(Instrument full) =>
        ReferenceEquals(full, BuiltInInstrument.Full) ? BuiltInInstrument.Quick : full.Subset(full.QuickForm, full.Id + "-quick", full.Name + " — quick check");

    private static string Name(string header, int column) =>
        header.Length is > 0 and <= 24 ? header : $"{ColumnLetters.Of(column)} \"{ImportText.Short(header, 40)}\"";

    private static ColumnMapping? Mapped(ImportMapping? mapping, string header, int column)
    {
        if (mapping is null || mapping.Columns.Count == 0)
        {
            return null;
        }

        var same = mapping.Columns.Where(m => string.Equals(m.Header.Trim(), header, StringComparison.OrdinalIgnoreCase)).ToList();
        return same.Count switch
        {
            0 => null,
            1 => same[0],
            _ => same.FirstOrDefault(m => m.Index == column) ?? same[0],
        };
    }

    private static int FindHeader(IReadOnlyList<HeadRow> head, StatementMatcher matcher, ImportMapping? mapping)
    {
        if (mapping?.HeaderRow is { } row && head.ToList().FindIndex(r => r.Position.Row == row) is var mapped and >= 0)
        {
            return mapped;
        }

        var best = -1;
        var bestCount = 0;
        for (var i = 0; i < head.Count; i++)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < head[i].Cells.Length; c++)
            {
                var text = head[i].Cell(c);
                if (Mapped(mapping, text, c) is { Target: ColumnTarget.Item, Name: { } mappedId })
                {
                    ids.Add(mappedId);
                }
                else if (matcher.Match(text) is { Id: { } id })
                {
                    ids.Add(id);
                }
            }

            if (ids.Count > bestCount)
            {
                (best, bestCount) = (i, ids.Count);
            }
        }

        return best;
    }

    private static InvalidResponsesException NoHeader(IReadOnlyList<HeadRow> head, Instrument instrument, StatementMatcher matcher, string source)
    {
        if (head.Count == 0)
        {
            return new InvalidResponsesException(source, ["line 1: the file is empty; it needs a header row naming the item columns"], 1);
        }

        var first = head[0];
        var cells = first.Cells.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        var holds = cells.Count == 0 ? "nothing" : string.Join(", ", cells.Take(8).Select(c => $"\"{ImportText.Short(c, 40)}\"")) + (cells.Count > 8 ? $" and {cells.Count - 8} more" : "");
        var problems = new List<string>
        {
            $"{first.Position}: no column is named after an item of the instrument \"{instrument.Id}\" in the first {Math.Min(head.Count, HeaderSearchRows)} rows (expected headers such as {string.Join(", ", instrument.Items.Take(3).Select(i => i.Id))}, or a statement's text); {first.Position} holds {holds}",
        };
        var texts = instrument.Items.ToDictionary(i => i.Id, i => i.Text, StringComparer.Ordinal);
        foreach (var row in head)
        {
            for (var c = 0; c < row.Cells.Length && problems.Count < AnswerImport.MaxListedProblems; c++)
            {
                if (matcher.Closest(row.Cell(c)) is { } closest)
                {
                    problems.Add($"{row.Position}, column {Name(row.Cell(c), c)}: not a statement; the closest is {closest} (\"{ImportText.Short(texts[closest])}\")");
                }
            }
        }

        return new InvalidResponsesException(source, problems, problems.Count);
    }

    private static bool NamesStatements(HeadRow row, StatementMatcher matcher)
    {
        var cells = row.Cells.Select(c => c.Trim()).Where(c => c.Length > 0).ToList();
        return cells.Count > 0 && cells.Count(c => matcher.Match(c).Id is not null) * 2 > cells.Count;
    }

    /// <summary>The text above the header in this column, or the nearest to its left in that row (a question heading a grid).</summary>
    private static string? QuestionAbove(IReadOnlyList<HeadRow> head, int header, int column)
    {
        for (var r = header - 1; r >= 0; r--)
        {
            for (var c = column; c >= 0; c--)
            {
                if (head[r].Cell(c) is { Length: > 0 } text)
                {
                    return text;
                }
            }
        }

        return null;
    }

    private static int[] FindAttributes(List<ImportedColumn> columns, IReadOnlyList<string> groupBy, Dictionary<string, Item> items, List<string> problems)
    {
        var taken = new HashSet<int>();
        var result = new int[groupBy.Count];
        for (var a = 0; a < groupBy.Count; a++)
        {
            var name = groupBy[a];
            if (items.ContainsKey(name))
            {
                problems.Add($"cannot group by \"{name}\": it is an item of the instrument, not an attribute");
                continue;
            }

            var column = FindAttribute(columns, name, taken);
            if (column is null)
            {
                var others = columns.Where(c => c.Target != ColumnTarget.Item && c.Header.Length > 0).Select(c => c.Header).DefaultIfEmpty("no attribute columns");
                problems.Add($"cannot group by \"{name}\": the header has no such column (it has: {string.Join(", ", others)})");
                continue;
            }

            taken.Add(column.Value.Index);
            result[a] = column.Value.Index;
            columns[column.Value.Index] = columns[column.Value.Index] with
            {
                Target = ColumnTarget.Attribute,
                Name = name,
                How = columns[column.Value.Index].How == MatchedBy.Mapping ? MatchedBy.Mapping : column.Value.How,
            };
        }

        // Role and team columns found but not asked for are offered by name (ignored, with the attribute they would be).
        foreach (var name in new[] { "role", "team" })
        {
            if (!groupBy.Contains(name, StringComparer.OrdinalIgnoreCase) && FindAttribute(columns, name, taken) is { } found)
            {
                taken.Add(found.Index);
                columns[found.Index] = columns[found.Index] with { Name = name, How = found.How };
            }
        }

        return result;
    }

    private static (int Index, MatchedBy How)? FindAttribute(List<ImportedColumn> columns, string name, HashSet<int> taken)
    {
        var candidates = columns.Where(c => c.Target != ColumnTarget.Item && !taken.Contains(c.Index)).ToList();
        if (candidates.FirstOrDefault(c => c is { How: MatchedBy.Mapping, Target: ColumnTarget.Attribute } && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)) is { } mapped)
        {
            return (mapped.Index, MatchedBy.Mapping);
        }

        // A column the mapping says to ignore stays ignored.
        candidates.RemoveAll(c => c.How == MatchedBy.Mapping);
        var key = ImportText.Normalize(name);
        if (key.Length == 0)
        {
            return null;
        }

        if (candidates.FirstOrDefault(c => ImportText.Normalize(c.Header) == key) is { } exact)
        {
            return (exact.Index, MatchedBy.HeaderText);
        }

        if (candidates.FirstOrDefault(c => ImportText.Words(ImportText.Normalize(c.Header)).Contains(key) && c.Header.Length <= 80) is { } worded)
        {
            return (worded.Index, MatchedBy.HeaderText);
        }

        // SurveyMonkey: "What is your role?" above a column headed "Response"; Qualtrics: below a column headed "Q1".
        if (candidates.FirstOrDefault(c => (GenericHeaders.Contains(ImportText.Normalize(c.Header)) || QuestionCode().IsMatch(c.Header))
            && c.QuestionText is { } q && ImportText.Words(ImportText.Normalize(q)).Contains(key)) is { } asked)
        {
            return (asked.Index, MatchedBy.QuestionText);
        }

        return null;
    }

    /// <summary>
    /// Rows above the header, and rows right below it that are more header: most of their statement cells name a
    /// statement again (Qualtrics' question-text row) or hold JSON (its ImportId row). Any other row is data, so a row
    /// of typos is reported, not skipped.
    /// </summary>
    private static (List<SkippedRow>, HashSet<int>) SkipAround(IReadOnlyList<HeadRow> head, int h, (int Column, int Item)[] itemColumns, StatementMatcher matcher)
    {
        var skipped = new List<SkippedRow>();
        for (var i = 0; i < h; i++)
        {
            skipped.Add(new SkippedRow(head[i].Position, "above the header (a title or question text)"));
        }

        var skippedHead = new HashSet<int>();
        for (var i = h + 1; i < head.Count; i++)
        {
            var row = head[i];
            var cells = itemColumns.Select(p => row.Cell(p.Column)).Where(c => c.Length > 0).ToList();
            var json = cells.Count(c => c.StartsWith('{'));
            var named = cells.Count(c => !c.StartsWith('{') && matcher.Match(c).Id is not null);
            if (cells.Count == 0 || (json + named) * 2 <= cells.Count)
            {
                break;
            }

            skippedHead.Add(i);
            skipped.Add(new SkippedRow(row.Position, json >= named ? "Qualtrics' ImportId row below the header" : "below the header, naming the statements again (question text)"));
        }

        return (skipped, skippedHead);
    }

    /// <summary>A question code as tools head columns when told to (<c>Q1</c>, <c>QID12</c>, <c>Q3_1</c>).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z]{1,4}\d{1,4}(_\d{1,3})?$")]
    private static partial System.Text.RegularExpressions.Regex QuestionCode();
}
