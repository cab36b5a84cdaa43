using SalesWheel.Core.Imports;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Scoring;

/// <summary>
/// The one engine behind every number SalesWheel shows (SCORING.md). It reads every answer once, keeps
/// exact integer sums per item, facet and dimension, and derives means, intervals, shares and alphas
/// from those sums, so results do not depend on row order and do not drift with floating-point error.
/// </summary>
public static class ScoringEngine
{
    // Histogram stride per item: codes 0 (not answered) to 11 (the largest scale has 11 points).
    private const int Stride = 16;

    /// <summary>Scores a response set.</summary>
    /// <exception cref="ArgumentException">A group-by attribute is not a column of the response set, or the minimum group size is below 3.</exception>
    public static ScoreReport Score(ResponseSet responses, ScoringOptions options) => Run(responses, options, spreads: false).Report;

    /// <summary>
    /// Scores a response set as one wave of a comparison: the report, and the spread of the respondent means behind
    /// each dimension score and each group's dimension score (SCORING.md "Comparing two waves"), from the same pass.
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Score(ResponseSet, ScoringOptions)"/>.</exception>
    public static ScoredWave ScoreWave(ResponseSet responses, ScoringOptions options)
    {
        var (report, spreads) = Run(responses, options, spreads: true);
        return new ScoredWave(report, spreads!);
    }

    private static (ScoreReport Report, WaveSpreads? Spreads) Run(ResponseSet responses, ScoringOptions options, bool spreads)
    {
        if (options.MinimumGroupSize < Anonymity.LowestMinimumGroupSize)
        {
            throw new ArgumentException($"The minimum group size must be at least {Anonymity.LowestMinimumGroupSize}; {options.MinimumGroupSize} was given.", nameof(options));
        }

        var groupColumns = options.GroupBy.Select(name =>
            responses.Attributes.FirstOrDefault(a => a.Name == name)
            ?? throw new ArgumentException($"Cannot group by \"{name}\": the data has no such column.", nameof(options))).ToList();

        // Team metrics need the team breakdown: computed (and suppressed) like any other, left out of the report unless asked for.
        var teamColumn = options.TeamMetrics is null ? null : TeamColumn(responses);
        var addedTeam = teamColumn is not null && !groupColumns.Contains(teamColumn);
        if (addedTeam)
        {
            groupColumns.Add(teamColumn!);
        }

        var layout = new Layout(responses.Instrument);
        var tally = new Tally(layout, groupColumns, spreads, options.KeyDrivers);
        tally.Add(responses);

        var instrument = responses.Instrument;
        var dimensions = layout.Dimensions.Select((d, index) => DimensionResult(layout, tally, index)).ToList();
        if (options.SuppressAcrossBreakdowns)
        {
            dimensions = dimensions.Select(d => SharedResult.WithoutThinNumbers(d, options.MinimumGroupSize)).ToList();
        }
        var breakdowns = groupColumns.Select((column, b) => Breakdown(layout, tally, column, b, options.MinimumGroupSize)).ToList();
        if (options.SuppressAcrossBreakdowns && breakdowns.Count > 0)
        {
            breakdowns = HideAcrossBreakdowns(responses, layout, groupColumns, breakdowns, options.MinimumGroupSize);
        }

        var teamMetrics = teamColumn is null ? [] : TeamMetrics(layout, breakdowns[groupColumns.IndexOf(teamColumn)], options.TeamMetrics!);
        if (addedTeam)
        {
            breakdowns.RemoveAt(groupColumns.Count - 1);
        }

        var report = new ScoreReport
        {
            Instrument = new InstrumentInfo(instrument.Id, instrument.Name, instrument.Version, new ScaleInfo(instrument.Scale.Min, instrument.Scale.Max)),
            Respondents = tally.Respondents,
            Context = new ScoringContext(options.Phase?.Code(), options.Acv?.Code(), options.MinimumGroupSize),
            Dimensions = dimensions,
            Breakdowns = breakdowns,
            Priorities = Prioritize(instrument, dimensions, options),
            KeyDrivers = tally.KeyDrivers(),
            TeamMetrics = teamMetrics,
        };
        return (report, spreads ? Spreads(layout, tally, groupColumns) : null);
    }

    /// <summary>The answers' team attribute (<see cref="TeamMetricsTable.TeamAttribute"/>, in any case).</summary>
    private static AttributeColumn TeamColumn(ResponseSet responses)
    {
        var named = responses.Attributes.Where(a => string.Equals(a.Name.Trim(), TeamMetricsTable.TeamAttribute, StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count switch
        {
            0 => throw new ArgumentException($"Team metrics need the teams: the answers have no \"{TeamMetricsTable.TeamAttribute}\" column.", nameof(responses)),
            1 => named[0],
            _ => named.FirstOrDefault(a => a.Name == TeamMetricsTable.TeamAttribute)
                ?? throw new ArgumentException($"The answers have {named.Count} team columns ({string.Join(", ", named.Select(a => a.Name))}); keep one.", nameof(responses)),
        };
    }

    private static List<TeamMetricSet> TeamMetrics(Layout layout, Breakdown teams, TeamMetricsTable metrics) =>
        TeamMetricCorrelations.Of(teams, [.. layout.Dimensions.Where(d => d.Kind != DimensionKind.Outcome).Select(d => d.Id)], metrics);

    /// <summary>Below this many teams a team-level correlation is flagged <c>few-teams</c>.</summary>
    public const int FewTeams = TeamMetricCorrelations.FewTeams;

    private static WaveSpreads Spreads(Layout layout, Tally tally, IReadOnlyList<AttributeColumn> groupColumns)
    {
        var dimensions = new Dictionary<string, Spread>(StringComparer.Ordinal);
        var groups = new Dictionary<(string By, string Value, string Dimension), Spread>();
        for (var d = 0; d < layout.Dimensions.Count; d++)
        {
            var id = layout.Dimensions[d].Id;
            dimensions[id] = tally.SetSpread(layout.DimensionSet(d));
            for (var b = 0; b < groupColumns.Count; b++)
            {
                for (var g = 0; g < groupColumns[b].Values.Count; g++)
                {
                    groups[(groupColumns[b].Name, groupColumns[b].Values[g], id)] = tally.GroupSpread(b, g, d);
                }
            }
        }

        return new WaveSpreads(dimensions, groups);
    }

    /// <summary>
    /// Ranks the scored drivers: weight = phase level × ACV level ÷ the mean of that product over the eight
    /// drivers; priority = weight × (100 − score); highest first, ties in instrument order.
    /// </summary>
    public static IReadOnlyList<RankedDriver> Prioritize(Instrument instrument, IReadOnlyList<DimensionResult> dimensions, ScoringOptions options)
    {
        var eight = Drivers.AreTheEightDrivers(instrument);
        var meanProduct = eight
            ? Drivers.Ids.Average(id => (double)options.Relevance.PhaseLevel(id, options.Phase) * options.Relevance.AcvLevel(id, options.Acv))
            : 1.0;

        return dimensions
            .Where(d => d.Kind == KindDriver && d.Score is not null)
            .Select(d =>
            {
                int? phase = eight ? options.Relevance.PhaseLevel(d.Id, options.Phase) : null;
                int? acv = eight ? options.Relevance.AcvLevel(d.Id, options.Acv) : null;
                var weight = eight ? phase!.Value * acv!.Value / meanProduct : 1.0;
                var score = d.Score!.Value;
                return (d.Id, weight, score, priority: weight * (100 - score), phase, acv);
            })
            .OrderByDescending(p => p.priority) // stable: ties keep instrument order
            .Select((p, i) => new RankedDriver(p.Id, i + 1, p.weight, p.score, p.priority, p.phase, p.acv))
            .ToList();
    }

    private const string KindDriver = "driver";

    private static DimensionResult DimensionResult(Layout layout, Tally tally, int d)
    {
        var dimension = layout.Dimensions[d];
        var set = layout.DimensionSet(d);
        var stats = tally.SetStatistics(set);
        var shares = tally.Shares(layout.SetItemStart[set], layout.SetItemEnd[set]);
        var alpha = tally.Alpha(d);
        var flags = Reliability.Flags(alpha.Alpha, stats.N);

        var facets = new List<FacetResult>();
        for (var f = layout.DimensionFacetStart[d]; f < layout.DimensionFacetEnd[d]; f++)
        {
            var facet = layout.Facets[f];
            var fs = tally.SetStatistics(f);
            var fShares = tally.Shares(layout.SetItemStart[f], layout.SetItemEnd[f]);
            facets.Add(new FacetResult(facet.Id, facet.Name, fs.N, fs.Mean, fs.Score, fs.Ci95, fShares.Favorable, fShares.Neutral, fShares.Unfavorable));
        }

        var items = new List<ItemResult>();
        for (var i = layout.SetItemStart[set]; i < layout.SetItemEnd[set]; i++)
        {
            items.Add(tally.ItemStatistics(i));
        }

        return new DimensionResult
        {
            Id = dimension.Id,
            Name = dimension.Name,
            Kind = dimension.Kind == DimensionKind.Outcome ? "outcome" : KindDriver,
            Half = dimension.Half,
            N = stats.N,
            Mean = stats.Mean,
            Score = stats.Score,
            Ci95 = stats.Ci95,
            Favorable = shares.Favorable,
            Neutral = shares.Neutral,
            Unfavorable = shares.Unfavorable,
            Alpha = alpha.Alpha,
            AlphaN = alpha.N,
            Flags = flags,
            NoScore = NoScore.Of(stats.N, items),
            Facets = facets,
            Items = items,
        };
    }

    private static Breakdown Breakdown(Layout layout, Tally tally, AttributeColumn column, int b, int minimumGroupSize)
    {
        var groups = Enumerable.Range(0, column.Values.Count)
            .Where(g => tally.GroupSize(b, g) > 0)
            .OrderBy(g => column.Values[g], CodePointOrder.Instance)
            .ToList();
        var sizes = groups.Select(g => tally.GroupSize(b, g)).ToList();
        var suppressed = Anonymity.SuppressedGroups(sizes, minimumGroupSize);

        var result = new List<BreakdownGroup>();
        for (var i = 0; i < groups.Count; i++)
        {
            Dictionary<string, double?>? scores = null;
            if (!suppressed[i])
            {
                scores = new Dictionary<string, double?>(StringComparer.Ordinal);
                for (var d = 0; d < layout.Dimensions.Count; d++)
                {
                    scores[layout.Dimensions[d].Id] = tally.GroupScore(b, groups[i], d);
                }
            }

            result.Add(new BreakdownGroup(column.Values[groups[i]], sizes[i], suppressed[i], scores));
        }

        return new Breakdown(column.Name, result, Gaps(layout.Dimensions.Select(d => d.Id), result));
    }

    /// <summary>
    /// Shared results: hides the groups that differencing across breakdowns would give away (<see cref="Anonymity.HideAcrossBreakdowns"/>).
    /// Cells are the respondents' combinations of groups; each dimension is a measure of its own, as a group's dimension
    /// score is a mean over only the respondents with a defined mean for it.
    /// </summary>
    private static List<Breakdown> HideAcrossBreakdowns(ResponseSet responses, Layout layout, IReadOnlyList<AttributeColumn> columns, List<Breakdown> breakdowns, int minimumGroupSize)
    {
        var count = breakdowns.Count;
        var groupOfCode = new int[count][];
        for (var b = 0; b < count; b++)
        {
            var index = breakdowns[b].Groups.Select((g, i) => (g.Value, i)).ToDictionary(p => p.Value, p => p.i, StringComparer.Ordinal);
            groupOfCode[b] = columns[b].Values.Select(v => index.GetValueOrDefault(v, -1)).ToArray();
        }

        // A cell is found by chaining (cell so far, next group) → cell, so no key is built per respondent.
        var next = new Dictionary<(int, int), int>();
        var cellGroups = new List<int[]>();
        var people = new List<int>();
        var measured = new List<int[]>();
        var dimensions = layout.Dimensions.Count;
        var width = responses.Items.Count;
        var answers = responses.AnswerBytes;
        var groups = new int[count];
        for (var r = 0; r < responses.Count; r++)
        {
            var row = answers.Slice(r * width, width);
            if (!row.ContainsAnyExcept((byte)0))
            {
                continue; // not a respondent
            }

            var cell = -1;
            for (var b = 0; b < count; b++)
            {
                groups[b] = groupOfCode[b][columns[b].Codes[r]];
                if (!next.TryGetValue((cell, groups[b]), out var found))
                {
                    found = b == count - 1 ? cellGroups.Count : -2 - next.Count;
                    next[(cell, groups[b])] = found;
                    if (b == count - 1)
                    {
                        cellGroups.Add((int[])groups.Clone());
                        people.Add(0);
                        measured.Add(new int[dimensions]);
                    }
                }

                cell = found;
            }

            people[cell]++;
            for (var d = 0; d < dimensions; d++)
            {
                var set = layout.DimensionSet(d);
                var answered = 0;
                for (var i = layout.SetItemStart[set]; i < layout.SetItemEnd[set]; i++)
                {
                    answered += row[i] == 0 ? 0 : 1;
                }

                measured[cell][d] += answered >= layout.Needed(set) ? 1 : 0;
            }
        }

        var cells = cellGroups.Select((g, c) => new PopulationCell(g, people[c], measured[c])).ToList();

        var hidden = Anonymity.HideAcrossBreakdowns(cells, breakdowns.Select(b => (IReadOnlyList<bool>)b.Groups.Select(g => g.Suppressed).ToArray()).ToList(), minimumGroupSize);
        return SharedResult.Hide(breakdowns, hidden).Select((breakdown, b) =>
        {
            // A shown group's driver score rests on the people with a defined mean for that driver: with fewer than
            // k of them (the rest chose "Don't know"), that one score is hidden too. Publishing less can only
            // remove what the differencing check above had to allow for.
            var changed = false;
            var shown = breakdown.Groups.Select((g, i) =>
            {
                if (g.Suppressed || g.Scores is null)
                {
                    return g;
                }

                Dictionary<string, double?>? thin = null;
                for (var d = 0; d < dimensions; d++)
                {
                    var id = layout.Dimensions[d].Id;
                    var scored = 0;
                    for (var c = 0; c < cellGroups.Count; c++)
                    {
                        scored += cellGroups[c][b] == i ? measured[c][d] : 0;
                    }

                    if (scored < minimumGroupSize && g.Scores.GetValueOrDefault(id) is not null)
                    {
                        thin ??= new Dictionary<string, double?>(g.Scores, StringComparer.Ordinal);
                        thin[id] = null;
                    }
                }

                if (thin is null)
                {
                    return g;
                }

                changed = true;
                return g with { Scores = thin };
            }).ToList();
            return changed ? breakdown with { Groups = shown, Gaps = Gaps(breakdown.Gaps.Keys, shown) } : breakdown;
        }).ToList();
    }

    /// <summary>
    /// Per dimension, the highest minus the lowest score over the shown groups (points on 0–100); null with fewer than
    /// two (SCORING.md "Breakdowns and anonymity").
    /// </summary>
    public static Dictionary<string, double?> Gaps(IEnumerable<string> dimensions, IReadOnlyList<BreakdownGroup> groups)
    {
        var gaps = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var dimension in dimensions)
        {
            var shown = groups.Where(g => g.Scores?[dimension] is not null).Select(g => g.Scores![dimension]!.Value).ToList();
            gaps[dimension] = shown.Count >= 2 ? shown.Max() - shown.Min() : null;
        }

        return gaps;
    }

    /// <summary>Index arithmetic over the instrument: item ranges of facets ("sets" 0..F−1) and dimensions (sets F..F+D−1).</summary>
    private sealed class Layout
    {
        public Layout(Instrument instrument)
        {
            Instrument = instrument;
            Dimensions = instrument.Dimensions;
            Facets = Dimensions.SelectMany(d => d.Facets).ToList();
            var sets = Facets.Count + Dimensions.Count;
            SetItemStart = new int[sets];
            SetItemEnd = new int[sets];
            DimensionFacetStart = new int[Dimensions.Count];
            DimensionFacetEnd = new int[Dimensions.Count];
            var item = 0;
            var facet = 0;
            for (var d = 0; d < Dimensions.Count; d++)
            {
                DimensionFacetStart[d] = facet;
                SetItemStart[Facets.Count + d] = item;
                foreach (var f in Dimensions[d].Facets)
                {
                    SetItemStart[facet] = item;
                    item += f.Items.Count;
                    SetItemEnd[facet] = item;
                    facet++;
                }

                SetItemEnd[Facets.Count + d] = item;
                DimensionFacetEnd[d] = facet;
            }

            ItemCount = item;
            Items = instrument.Items.ToList();
            SetClassOffset = new int[sets + 1];
            for (var s = 0; s < sets; s++)
            {
                SetClassOffset[s + 1] = SetClassOffset[s] + SetSize(s) + 1;
            }

            DimensionClassOffset = new int[Dimensions.Count + 1];
            for (var d = 0; d < Dimensions.Count; d++)
            {
                DimensionClassOffset[d + 1] = DimensionClassOffset[d] + SetSize(DimensionSet(d)) + 1;
            }
        }

        public Instrument Instrument { get; }

        public IReadOnlyList<Dimension> Dimensions { get; }

        public IReadOnlyList<Facet> Facets { get; }

        public IReadOnlyList<Item> Items { get; }

        public int ItemCount { get; }

        public int[] SetItemStart { get; }

        public int[] SetItemEnd { get; }

        public int[] DimensionFacetStart { get; }

        public int[] DimensionFacetEnd { get; }

        /// <summary>Start of each set's block in per-answer-count accumulators (a set of k items has k + 1 classes).</summary>
        public int[] SetClassOffset { get; }

        /// <summary>The same, for dimensions only (used by breakdown accumulators).</summary>
        public int[] DimensionClassOffset { get; }

        public int DimensionSet(int d) => Facets.Count + d;

        public int SetSize(int s) => SetItemEnd[s] - SetItemStart[s];

        /// <summary>A respondent mean is defined when at least ceil(k/2) of the k items are answered.</summary>
        public int Needed(int s) => (SetSize(s) + 1) / 2;
    }

    private readonly record struct SetStatistics(int N, double? Mean, double? Score, Interval? Ci95);

    private readonly record struct Shares(double? Favorable, double? Neutral, double? Unfavorable);

    /// <summary>
    /// Exact integer sums from one pass over the answers. Respondent means are grouped by how many items the
    /// respondent answered (c): a respondent with sum x over c answers has mean x / c, so Σr = Σ_c S1[c] / c
    /// and Σr² = Σ_c S2[c] / c², which lets every later statistic be computed without storing per-respondent values.
    /// </summary>
    private sealed class Tally
    {
        private readonly Layout _layout;
        private readonly IReadOnlyList<AttributeColumn> _groupColumns;
        private readonly int _points;
        private readonly int _min;
        private readonly long[] _histogram;
        private readonly long[] _setS1;
        private readonly long[] _setS2;
        private readonly long[] _setN;
        private readonly long[] _alphaItemS1;
        private readonly long[] _alphaItemS2;
        private readonly long[] _alphaSumS1;
        private readonly long[] _alphaSumS2;
        private readonly long[] _alphaN;
        private readonly long[][] _groupS1;
        private readonly long[][] _groupN;
        private readonly long[][]? _groupS2;
        private readonly int[][] _groupSize;

        private readonly KeyDriverTally? _keyDrivers;
        private readonly int[] _driverIndexes;
        private readonly int[] _outcomeIndexes;

        public Tally(Layout layout, IReadOnlyList<AttributeColumn> groupColumns, bool groupSpreads, bool keyDrivers)
        {
            _layout = layout;
            _driverIndexes = [.. Enumerable.Range(0, layout.Dimensions.Count).Where(d => layout.Dimensions[d].Kind != DimensionKind.Outcome)];
            _outcomeIndexes = [.. Enumerable.Range(0, layout.Dimensions.Count).Where(d => layout.Dimensions[d].Kind == DimensionKind.Outcome)];
            var tally = new KeyDriverTally(_driverIndexes, _outcomeIndexes, [.. Enumerable.Range(0, layout.Dimensions.Count).Select(d => layout.SetSize(layout.DimensionSet(d)))]);
            _keyDrivers = keyDrivers && tally.Any ? tally : null;
            _groupColumns = groupColumns;
            _points = layout.Instrument.Scale.Points;
            _min = layout.Instrument.Scale.Min;
            var classes = layout.SetClassOffset[^1];
            _histogram = new long[layout.ItemCount * Stride];
            _setS1 = new long[classes];
            _setS2 = new long[classes];
            _setN = new long[classes];
            _alphaItemS1 = new long[layout.ItemCount];
            _alphaItemS2 = new long[layout.ItemCount];
            _alphaSumS1 = new long[layout.Dimensions.Count];
            _alphaSumS2 = new long[layout.Dimensions.Count];
            _alphaN = new long[layout.Dimensions.Count];
            var dimensionClasses = layout.DimensionClassOffset[^1];
            _groupS1 = groupColumns.Select(c => new long[Math.Max(1, c.Values.Count) * dimensionClasses]).ToArray();
            _groupN = groupColumns.Select(c => new long[Math.Max(1, c.Values.Count) * dimensionClasses]).ToArray();
            _groupSize = groupColumns.Select(c => new int[Math.Max(1, c.Values.Count)]).ToArray();

            // Sums of squares per group only for a comparison: plain scoring never needs a group's spread.
            _groupS2 = groupSpreads ? groupColumns.Select(c => new long[Math.Max(1, c.Values.Count) * dimensionClasses]).ToArray() : null;
        }

        public int Respondents { get; private set; }

        public void Add(ResponseSet responses)
        {
            var layout = _layout;
            var width = layout.ItemCount;
            var answers = responses.AnswerBytes;

            // Reverse-keyed items are recoded through a per-item lookup table: code c becomes points + 1 − c.
            var recode = new byte[width * Stride];
            for (var i = 0; i < width; i++)
            {
                for (var c = 1; c <= _points; c++)
                {
                    recode[(i * Stride) + c] = (byte)(layout.Items[i].Reverse ? _points + 1 - c : c);
                }
            }

            var dimensions = layout.Dimensions.Count;
            var facetCount = layout.Facets.Count;
            var groupCodes = new int[_groupColumns.Count][];
            for (var b = 0; b < _groupColumns.Count; b++)
            {
                groupCodes[b] = _groupColumns[b].CodeArray;
            }

            var row = new byte[width];
            var keyDrivers = _keyDrivers;
            var rowSums = new int[dimensions];
            var rowCounts = new int[dimensions];
            var histogram = _histogram;
            var setS1 = _setS1;
            var setS2 = _setS2;
            var setN = _setN;
            var setOffset = layout.SetClassOffset;
            var itemStart = layout.SetItemStart;
            var itemEnd = layout.SetItemEnd;
            var dimClassOffset = layout.DimensionClassOffset;
            var groupStride = dimClassOffset[^1];
            var groupS2 = _groupS2;

            for (var r = 0; r < responses.Count; r++)
            {
                var source = answers.Slice(r * width, width);
                var answered = 0;
                for (var i = 0; i < width; i++)
                {
                    var v = recode[(i * Stride) + source[i]];
                    row[i] = v;
                    histogram[(i * Stride) + v]++;
                    answered += v == 0 ? 0 : 1;
                }

                if (answered == 0)
                {
                    continue;
                }

                Respondents++;
                for (var b = 0; b < groupCodes.Length; b++)
                {
                    _groupSize[b][groupCodes[b][r]]++;
                }

                for (var d = 0; d < dimensions; d++)
                {
                    var dimensionSum = 0;
                    var dimensionCount = 0;
                    for (var f = layout.DimensionFacetStart[d]; f < layout.DimensionFacetEnd[d]; f++)
                    {
                        var sum = 0;
                        var count = 0;
                        for (var i = itemStart[f]; i < itemEnd[f]; i++)
                        {
                            int v = row[i];
                            sum += v;
                            count += v == 0 ? 0 : 1;
                        }

                        if (2 * count >= itemEnd[f] - itemStart[f])
                        {
                            var k = setOffset[f] + count;
                            setS1[k] += sum;
                            setS2[k] += (long)sum * sum;
                            setN[k]++;
                        }

                        dimensionSum += sum;
                        dimensionCount += count;
                    }

                    var set = facetCount + d;
                    var size = itemEnd[set] - itemStart[set];
                    var defined = 2 * dimensionCount >= size;
                    rowSums[d] = dimensionSum;
                    rowCounts[d] = defined ? dimensionCount : 0;
                    if (defined)
                    {
                        var k = setOffset[set] + dimensionCount;
                        setS1[k] += dimensionSum;
                        setS2[k] += (long)dimensionSum * dimensionSum;
                        setN[k]++;
                        for (var b = 0; b < groupCodes.Length; b++)
                        {
                            var g = (groupCodes[b][r] * groupStride) + dimClassOffset[d] + dimensionCount;
                            _groupS1[b][g] += dimensionSum;
                            _groupN[b][g]++;
                            if (groupS2 is not null)
                            {
                                groupS2[b][g] += (long)dimensionSum * dimensionSum;
                            }
                        }

                        if (dimensionCount == size)
                        {
                            for (var i = itemStart[set]; i < itemEnd[set]; i++)
                            {
                                int v = row[i];
                                _alphaItemS1[i] += v;
                                _alphaItemS2[i] += v * v;
                            }

                            _alphaSumS1[d] += dimensionSum;
                            _alphaSumS2[d] += (long)dimensionSum * dimensionSum;
                            _alphaN[d]++;
                        }
                    }
                }

                keyDrivers?.Add(rowSums, rowCounts);
            }
        }

        /// <summary>Per outcome, each driver's correlation with it; empty without an outcome (or when not asked for).</summary>
        public IReadOnlyList<KeyDriverSet> KeyDrivers()
        {
            var tally = _keyDrivers;
            if (tally is null)
            {
                return [];
            }

            var dimensions = _layout.Dimensions;
            return _outcomeIndexes.Select((o, oi) => new KeyDriverSet(dimensions[o].Id, _driverIndexes.Select((d, di) =>
            {
                var r = tally.Of(di, oi);
                return new KeyDriver(dimensions[d].Id, r.N, r.R, r.Ci95, r.P);
            }).ToList())).ToList();
        }

        public SetStatistics SetStatistics(int set)
        {
            var offset = _layout.SetClassOffset[set];
            var size = _layout.SetSize(set);
            var moments = Moments(_setS1.AsSpan(offset, size + 1), _setS2.AsSpan(offset, size + 1), _setN.AsSpan(offset, size + 1));
            if (moments.N == 0)
            {
                return new SetStatistics(0, null, null, null);
            }

            var codeMean = moments.Mean;
            var mean = codeMean + _min - 1;
            var score = ToScore(codeMean);
            Interval? ci = null;
            if (moments.N >= 2)
            {
                var half = StudentT.Critical975((int)moments.N - 1) * Math.Sqrt(moments.Variance) / Math.Sqrt(moments.N);
                ci = new Interval(ToScore(codeMean - half), ToScore(codeMean + half));
            }

            return new SetStatistics((int)moments.N, mean, score, ci);
        }

        public double? GroupScore(int b, int group, int d)
        {
            var dimClassOffset = _layout.DimensionClassOffset;
            var offset = (group * dimClassOffset[^1]) + dimClassOffset[d];
            var length = dimClassOffset[d + 1] - dimClassOffset[d];
            var s1 = _groupS1[b].AsSpan(offset, length);
            var n = _groupN[b].AsSpan(offset, length);
            var moments = Moments(s1, default, n);
            return moments.N == 0 ? null : ToScore(moments.Mean);
        }

        public int GroupSize(int b, int group) => _groupSize[b][group];

        /// <summary>n and sample variance (0–100 points²) of the respondent means of a set.</summary>
        public Spread SetSpread(int set)
        {
            var offset = _layout.SetClassOffset[set];
            var length = _layout.SetSize(set) + 1;
            var moments = Moments(_setS1.AsSpan(offset, length), _setS2.AsSpan(offset, length), _setN.AsSpan(offset, length));
            return ToSpread(moments.N, moments.Variance);
        }

        /// <summary>The same over one group's respondents, for dimension d (needs the tally made for spreads).</summary>
        public Spread GroupSpread(int b, int group, int d)
        {
            var dimClassOffset = _layout.DimensionClassOffset;
            var offset = (group * dimClassOffset[^1]) + dimClassOffset[d];
            var length = dimClassOffset[d + 1] - dimClassOffset[d];
            var moments = Moments(_groupS1[b].AsSpan(offset, length), _groupS2![b].AsSpan(offset, length), _groupN[b].AsSpan(offset, length));
            return ToSpread(moments.N, moments.Variance);
        }

        private Spread ToSpread(long n, double codeVariance)
        {
            var unit = 100.0 / (_points - 1);
            return new Spread((int)n, n >= 2 ? codeVariance * unit * unit : 0);
        }

        public Shares Shares(int firstItem, int endItem)
        {
            long total = 0, favorable = 0, unfavorable = 0;
            for (var i = firstItem; i < endItem; i++)
            {
                var h = _histogram.AsSpan(i * Stride, Stride);
                for (var c = 1; c <= _points; c++)
                {
                    total += h[c];
                }

                favorable += h[_points] + h[_points - 1];
                unfavorable += h[1] + h[2];
            }

            if (total == 0)
            {
                return new Shares(null, null, null);
            }

            return new Shares((double)favorable / total, (double)(total - favorable - unfavorable) / total, (double)unfavorable / total);
        }

        public ItemResult ItemStatistics(int i)
        {
            var h = _histogram.AsSpan(i * Stride, Stride);
            long n = 0, sum = 0;
            for (var c = 1; c <= _points; c++)
            {
                n += h[c];
                sum += c * h[c];
            }

            var id = _layout.Items[i].Id;
            return n == 0
                ? new ItemResult(id, 0, null, null)
                : new ItemResult(id, (int)n, ((double)sum / n) + _min - 1, (double)(h[_points] + h[_points - 1]) / n);
        }

        /// <summary>Cronbach's alpha of dimension d over respondents who answered all its items; exact integer variances.</summary>
        public (double? Alpha, int N) Alpha(int d)
        {
            var set = _layout.DimensionSet(d);
            var k = _layout.SetSize(set);
            var n = _alphaN[d];
            if (k < 2 || n < 3)
            {
                return (null, (int)n);
            }

            // Each variance is numerator / (n (n − 1)); the common denominator cancels in the ratio.
            Int128 itemNumerators = 0;
            for (var i = _layout.SetItemStart[set]; i < _layout.SetItemEnd[set]; i++)
            {
                itemNumerators += ((Int128)n * _alphaItemS2[i]) - ((Int128)_alphaItemS1[i] * _alphaItemS1[i]);
            }

            var sumNumerator = ((Int128)n * _alphaSumS2[d]) - ((Int128)_alphaSumS1[d] * _alphaSumS1[d]);
            if (sumNumerator == 0)
            {
                return (null, (int)n);
            }

            return ((double)k / (k - 1) * (1 - ((double)itemNumerators / (double)sumNumerator)), (int)n);
        }

        private double ToScore(double codeMean) => 100.0 * (codeMean - 1) / (_points - 1);

        /// <summary>
        /// Mean and sample variance of respondent means r = x / c from per-class sums. Uses exact 128-bit
        /// integers scaled by the least common multiple of the classes present when that is small enough
        /// (always for instruments of up to a dozen items per set), so a group of identical answers has a variance of exactly 0.
        /// </summary>
        private static (long N, double Mean, double Variance) Moments(ReadOnlySpan<long> s1, ReadOnlySpan<long> s2, ReadOnlySpan<long> counts)
        {
            long n = 0;
            long lcm = 1;
            for (var c = 1; c < counts.Length; c++)
            {
                if (counts[c] > 0)
                {
                    n += counts[c];
                    lcm = lcm <= 1_000_000 ? Lcm(lcm, c) : lcm;
                }
            }

            if (n == 0)
            {
                return (0, 0, 0);
            }

            if (lcm <= 1_000_000)
            {
                Int128 sum = 0, sumSquares = 0;
                for (var c = 1; c < counts.Length; c++)
                {
                    if (counts[c] > 0)
                    {
                        var scale = lcm / c;
                        sum += (Int128)s1[c] * scale;
                        if (!s2.IsEmpty)
                        {
                            sumSquares += (Int128)s2[c] * scale * scale;
                        }
                    }
                }

                var mean = (double)sum / lcm / n;
                var variance = 0.0;
                if (!s2.IsEmpty && n >= 2)
                {
                    var numerator = (n * sumSquares) - (sum * sum);
                    variance = (double)numerator / ((double)lcm * lcm) / ((double)n * (n - 1));
                }

                return (n, mean, variance);
            }

            double total = 0, totalSquares = 0;
            for (var c = 1; c < counts.Length; c++)
            {
                total += (double)s1[c] / c;
                if (!s2.IsEmpty)
                {
                    totalSquares += (double)s2[c] / ((double)c * c);
                }
            }

            var m = total / n;
            var v = n >= 2 && !s2.IsEmpty ? Math.Max(0, (totalSquares - (total * m)) / (n - 1)) : 0;
            return (n, m, v);
        }

        private static long Lcm(long a, long b)
        {
            var x = a;
            var y = b;
            while (y != 0)
            {
                (x, y) = (y, x % y);
            }

            return a / x * b;
        }
    }
}
