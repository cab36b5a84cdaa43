using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Actions;

/// <summary>A playbook file that cannot be used; <see cref="Problems"/> names every bad action and uncovered facet.</summary>
public sealed class InvalidPlaybookException(string source, IReadOnlyList<string> problems)
    : Exception($"{source} is not a valid playbook:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    /// <summary>Each problem, naming the action (<c>action "id": …</c>) or the facet it is about.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// The playbook: concrete actions for every facet of every driver of an instrument, read from a versioned JSON
/// file (<c>{ "version": 1, "instrument": "…", "actions": [ { "id", "driver", "facet", "title", "whatToDo", "owner",
/// "effort", "phases", "acvBands", "moves" } ] }</c>) and validated against the instrument when loaded.
/// The built-in one (<see cref="BuiltIn"/>) is <c>Actions/playbook.json</c>, embedded in Core, for the built-in instrument.
/// </summary>
public sealed partial class Playbook
{
    /// <summary>Every facet has at least this many actions.</summary>
    public const int MinimumActionsPerFacet = 3;

    /// <summary>Every facet has at least this many actions fitting each pair of phase and ACV band, so advice is never empty.</summary>
    public const int MinimumActionsPerFacetPhaseAndBand = 2;

    private const string ResourceName = "SalesWheel.Core.Actions.playbook.json";

    private static readonly Lazy<Playbook> BuiltInPlaybook = new(() =>
    {
        using var stream = OpenBuiltIn();
        return Load(stream, BuiltInInstrument.Full, "playbook.json");
    });

    private static readonly JsonSerializerOptions FileOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private Playbook(int version, string? description, Instrument instrument, IReadOnlyList<PlaybookAction> actions)
    {
        Version = version;
        Description = description;
        Instrument = instrument;
        Actions = actions;
    }

    /// <summary>The playbook SalesWheel ships, for the built-in Sales Performance Wheel (loaded and validated once).</summary>
    /// <exception cref="InvalidPlaybookException">The shipped file is invalid (a build defect the tests catch).</exception>
    public static Playbook BuiltIn => BuiltInPlaybook.Value;

    /// <summary>Version of the playbook's content: raised whenever an action is added, changed or removed.</summary>
    public int Version { get; }

    /// <summary>Where the actions come from, as shown next to advice: "playbook.json version N".</summary>
    public string Source => $"playbook.json version {Version}";

    /// <summary>What the playbook is, from the file; null when it has none.</summary>
    public string? Description { get; }

    /// <summary>The instrument the playbook was validated against: every driver, facet and statement named exists in it.</summary>
    public Instrument Instrument { get; }

    /// <summary>Every action in file order: driver by driver, facet by facet, a facet's actions in the order we recommend them.</summary>
    public IReadOnlyList<PlaybookAction> Actions { get; }

    /// <summary>
    /// The actions of a driver (every driver when null) that fit a phase and an ACV band (any when null), in file order.
    /// </summary>
    public IEnumerable<PlaybookAction> For(string? driver = null, CompanyPhase? phase = null, AcvBand? acv = null) =>
        Actions.Where(a => (driver is null || a.Driver == driver) && a.Fits(phase, acv));

    /// <summary>The actions for one facet of a driver that fit a phase and an ACV band (any when null), in file order.</summary>
    public IEnumerable<PlaybookAction> ForFacet(string driver, string facet, CompanyPhase? phase = null, AcvBand? acv = null) =>
        For(driver, phase, acv).Where(a => a.Facet == facet);

    /// <summary>The JSON text of the built-in playbook, exactly as shipped.</summary>
    public static string Json()
    {
        using var stream = OpenBuiltIn();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Writes actions of this playbook in the file format (indented JSON, this playbook's version and instrument), as
    /// <c>saleswheel playbook --format json</c> prints them. All of <see cref="Actions"/> written this way load again with
    /// <see cref="Load"/>; a selection does not, as it no longer covers every facet.
    /// </summary>
    public string ToJson(IEnumerable<PlaybookAction> actions) => JsonSerializer.Serialize(new PlaybookFile
    {
        Version = Version,
        Instrument = Instrument.Id,
        Description = Description,
        Actions = actions.Select(a => (ActionEntry?)new ActionEntry
        {
            Id = a.Id,
            Driver = a.Driver,
            Facet = a.Facet,
            Title = a.Title,
            WhatToDo = a.WhatToDo,
            Owner = a.Owner,
            Effort = a.Effort.Code(),
            Phases = a.Phases.Select(p => p.Code()).ToList(),
            AcvBands = a.AcvBands.Select(b => b.Code()).ToList(),
            Moves = a.Moves.ToList(),
        }).ToList(),
    }, FileOptions) + "\n";

    /// <summary>
    /// Reads a playbook from JSON (UTF-8) and validates it against <paramref name="instrument"/>: ids unique; driver,
    /// facet and statements exist and the statements belong to the action's driver (1 to 4 of them); title, owner
    /// and a what-to-do of 2 to 4 sentences present; effort, phases and ACV bands known; no two actions with the same
    /// title or what-to-do; every facet of every driver with at least <see cref="MinimumActionsPerFacet"/> actions, and
    /// at least <see cref="MinimumActionsPerFacetPhaseAndBand"/> fitting each phase and ACV band.
    /// </summary>
    /// <param name="json">The file's content.</param>
    /// <param name="instrument">The instrument the actions are about.</param>
    /// <param name="source">Names the file in error messages.</param>
    /// <exception cref="InvalidPlaybookException">The JSON is malformed or breaks any rule; every problem is listed.</exception>
    public static Playbook Load(Stream json, Instrument instrument, string source = "playbook")
    {
        PlaybookFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PlaybookFile>(json, FileOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidPlaybookException(source, [$"not a playbook file: {e.Message}"]);
        }

        var problems = new List<string>();
        var actions = file is null ? [] : Read(file, instrument, problems);
        if (file is null)
        {
            problems.Add("the file is empty (null)");
        }

        if (problems.Count > 0)
        {
            throw new InvalidPlaybookException(source, problems);
        }

        return new Playbook(file!.Version!.Value, file.Description, instrument, actions);
    }

    private static Stream OpenBuiltIn() => typeof(Playbook).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");

    private static List<PlaybookAction> Read(PlaybookFile file, Instrument instrument, List<string> problems)
    {
        if (file.Version is not > 0)
        {
            problems.Add("\"version\" must be a whole number of 1 or more");
        }

        if (file.Instrument != instrument.Id)
        {
            problems.Add($"\"instrument\" is \"{file.Instrument}\" but the actions are checked against \"{instrument.Id}\"");
        }

        var drivers = instrument.Drivers.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var itemDriver = instrument.Drivers.SelectMany(d => d.Items.Select(i => (i.Id, Driver: d.Id))).ToDictionary(x => x.Id, x => x.Driver, StringComparer.Ordinal);
        var actions = new List<PlaybookAction>();
        var seenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenTitles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var seenTexts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var entries = file.Actions ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var name = string.IsNullOrWhiteSpace(entry?.Id) ? $"action {i + 1} (no id)" : $"action \"{entry.Id}\"";
            if (entry is null)
            {
                problems.Add($"{name}: is null");
                continue;
            }

            var before = problems.Count;
            void Problem(string what) => problems.Add($"{name}: {what}");

            if (string.IsNullOrWhiteSpace(entry.Id))
            {
                Problem("has no id");
            }
            else if (seenIds.TryGetValue(entry.Id, out var earlier))
            {
                Problem($"the id is already used by action {earlier} (this is action {i + 1}); ids must be unique");
            }
            else if (!entry.Id.StartsWith($"{entry.Driver}.{entry.Facet}.", StringComparison.Ordinal))
            {
                seenIds[entry.Id] = i + 1;
                Problem($"the id must start with its driver and facet: \"{entry.Driver}.{entry.Facet}.\"");
            }
            else
            {
                seenIds[entry.Id] = i + 1;
            }

            Dimension? driver = null;
            if (entry.Driver is null || !drivers.TryGetValue(entry.Driver, out driver))
            {
                Problem($"the driver \"{entry.Driver}\" is not a driver of {instrument.Id}");
            }
            else if (entry.Facet is null || driver.Facets.All(f => f.Id != entry.Facet))
            {
                Problem($"the facet \"{entry.Facet}\" is not a facet of {driver.Id}");
            }

            if (string.IsNullOrWhiteSpace(entry.Title))
            {
                Problem("the title is empty");
            }
            else if (seenTitles.TryGetValue(entry.Title.Trim(), out var other))
            {
                Problem($"the same title as {other}");
            }
            else
            {
                seenTitles[entry.Title.Trim()] = name;
            }

            var whatToDo = entry.WhatToDo?.Trim() ?? "";
            if (whatToDo.Length == 0)
            {
                Problem("\"whatToDo\" is empty");
            }
            else if (!".!?".Contains(whatToDo[^1]))
            {
                Problem("\"whatToDo\" must end with a full stop, ! or ?");
            }
            else if (SentenceEnd().Count(whatToDo) is var sentences and (< 2 or > 4))
            {
                Problem($"\"whatToDo\" has {sentences} sentence(s); it must have 2 to 4");
            }
            else if (seenTexts.TryGetValue(whatToDo, out var other))
            {
                Problem($"the same \"whatToDo\" as {other}");
            }
            else
            {
                seenTexts[whatToDo] = name;
            }

            if (string.IsNullOrWhiteSpace(entry.Owner))
            {
                Problem("the owner is empty");
            }

            var effort = ActionEffortCodes.ParseEffort(entry.Effort);
            if (effort is null)
            {
                Problem($"the effort \"{entry.Effort}\" is not days, weeks or quarter");
            }

            var phases = Codes(entry.Phases, ContextCodes.ParsePhase, ContextCodes.Code, "phase", "pmf, gtm-fit or scale", Problem);
            var bands = Codes(entry.AcvBands, ContextCodes.ParseAcv, ContextCodes.Code, "ACV band", "lt15k, 15k-50k or gt50k", Problem);

            var moves = entry.Moves ?? [];
            if (moves.Count is < 1 or > 4)
            {
                Problem($"\"moves\" names {moves.Count} statement(s); it must name 1 to 4");
            }

            foreach (var item in moves)
            {
                if (!itemDriver.TryGetValue(item, out var itemOf))
                {
                    Problem($"the statement \"{item}\" in \"moves\" is not in {instrument.Id}");
                }
                else if (itemOf != entry.Driver)
                {
                    Problem($"the statement \"{item}\" in \"moves\" belongs to {itemOf}, not to {entry.Driver}");
                }
            }

            if (problems.Count == before)
            {
                actions.Add(new PlaybookAction
                {
                    Id = entry.Id!,
                    Driver = entry.Driver!,
                    Facet = entry.Facet!,
                    Title = entry.Title!.Trim(),
                    WhatToDo = whatToDo,
                    Owner = entry.Owner!.Trim(),
                    Effort = effort!.Value,
                    Phases = phases,
                    AcvBands = bands,
                    Moves = moves,
                });
            }
        }

        CheckCoverage(instrument, actions, problems);
        return actions;
    }

    // A sentence ends with . ! or ? followed by a space or the end ("9:00" and "$15K" do not end one).
    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();

    // Codes exactly as written in the file format (the parsers also accept other casing and spaces, as people type them).
    private static List<T> Codes<T>(List<string>? codes, Func<string?, T?> parse, Func<T, string> code, string what, string known, Action<string> problem)
        where T : struct
    {
        var parsed = new List<T>();
        if (codes is null || codes.Count == 0)
        {
            problem($"no {what} given; name at least one of {known}");
            return parsed;
        }

        foreach (var given in codes)
        {
            if (parse(given) is { } value && code(value) == given)
            {
                if (!parsed.Contains(value))
                {
                    parsed.Add(value);
                }
            }
            else
            {
                problem($"the {what} \"{given}\" is not one of {known}");
            }
        }

        return parsed;
    }

    private static void CheckCoverage(Instrument instrument, List<PlaybookAction> actions, List<string> problems)
    {
        foreach (var driver in instrument.Drivers)
        {
            foreach (var facet in driver.Facets)
            {
                var ofFacet = actions.Where(a => a.Driver == driver.Id && a.Facet == facet.Id).ToList();
                if (ofFacet.Count < MinimumActionsPerFacet)
                {
                    problems.Add($"facet \"{driver.Id}.{facet.Id}\": {ofFacet.Count} valid action(s); every facet needs at least {MinimumActionsPerFacet}");
                    continue;
                }

                foreach (var phase in Enum.GetValues<CompanyPhase>())
                {
                    foreach (var band in Enum.GetValues<AcvBand>())
                    {
                        var fitting = ofFacet.Count(a => a.Fits(phase, band));
                        if (fitting < MinimumActionsPerFacetPhaseAndBand)
                        {
                            problems.Add($"facet \"{driver.Id}.{facet.Id}\": {fitting} valid action(s) fit phase {phase.Code()} with ACV {band.Code()}; "
                                + $"every facet needs at least {MinimumActionsPerFacetPhaseAndBand} for each phase and band");
                        }
                    }
                }
            }
        }
    }

    // The file's shape: every member nullable, so a missing one is reported as a problem naming the action.
    private sealed class PlaybookFile
    {
        public int? Version { get; init; }

        public string? Instrument { get; init; }

        public string? Description { get; init; }

        public List<ActionEntry?>? Actions { get; init; }
    }

    private sealed class ActionEntry
    {
        public string? Id { get; init; }

        public string? Driver { get; init; }

        public string? Facet { get; init; }

        public string? Title { get; init; }

        public string? WhatToDo { get; init; }

        public string? Owner { get; init; }

        public string? Effort { get; init; }

        public List<string>? Phases { get; init; }

        public List<string>? AcvBands { get; init; }

        public List<string>? Moves { get; init; }
    }
}
