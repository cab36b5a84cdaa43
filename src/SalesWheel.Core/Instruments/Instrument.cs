namespace SalesWheel.Core.Instruments;

/// <summary>A questionnaire: a response scale and the dimensions it measures, each made of facets and items.</summary>
public sealed class Instrument
{
    /// <summary>Stable identifier, e.g. <c>sales-performance-wheel</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Name shown to people.</summary>
    public required string Name { get; init; }

    /// <summary>Version of the instrument's content.</summary>
    public required string Version { get; init; }

    /// <summary>Optional plain-language description.</summary>
    public string? Description { get; init; }

    /// <summary>The integer answer scale shared by every item.</summary>
    public required ResponseScale Scale { get; init; }

    /// <summary>Dimensions in instrument (wheel) order.</summary>
    public required IReadOnlyList<Dimension> Dimensions { get; init; }

    /// <summary>Item ids of the short form, when the instrument defines one.</summary>
    public IReadOnlyList<string> QuickForm { get; init; } = [];

    /// <summary>Every item in instrument order (dimension by dimension, facet by facet).</summary>
    public IEnumerable<Item> Items => Dimensions.SelectMany(d => d.Items);

    /// <summary>The dimensions that are drivers (not outcomes).</summary>
    public IEnumerable<Dimension> Drivers => Dimensions.Where(d => d.Kind == DimensionKind.Driver);

    /// <summary>
    /// A copy holding only the given items (in instrument order); facets and dimensions left empty are dropped.
    /// </summary>
    public Instrument Subset(IReadOnlyCollection<string> itemIds, string id, string name)
    {
        var keep = itemIds.ToHashSet(StringComparer.Ordinal);
        var dimensions = new List<Dimension>();
        foreach (var dimension in Dimensions)
        {
            var facets = dimension.Facets
                .Select(f => f with { Items = f.Items.Where(i => keep.Contains(i.Id)).ToList() })
                .Where(f => f.Items.Count > 0)
                .ToList();
            if (facets.Count > 0)
            {
                dimensions.Add(dimension with { Facets = facets });
            }
        }

        return new Instrument
        {
            Id = id,
            Name = name,
            Version = Version,
            Description = Description,
            Scale = Scale,
            Dimensions = dimensions,
        };
    }
}

/// <summary>The answer scale: integers <see cref="Min"/>..<see cref="Max"/>, 4 to 11 points.</summary>
public sealed record ResponseScale(int Min, int Max, IReadOnlyList<string>? Labels = null)
{
    /// <summary>The default five-point agreement scale.</summary>
    public static ResponseScale Agreement5 { get; } = new(1, 5,
        ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]);

    /// <summary>Number of scale points.</summary>
    public int Points => Max - Min + 1;
}

/// <summary>Whether a dimension is one of the wheel's drivers or an outcome measured alongside them.</summary>
public enum DimensionKind
{
    /// <summary>A driver: on the wheel and ranked in priorities.</summary>
    Driver,

    /// <summary>An outcome (e.g. confidence in reaching target): scored, but not on the wheel nor ranked.</summary>
    Outcome,
}

/// <summary>A measured dimension (a driver of the wheel or an outcome).</summary>
public sealed record Dimension
{
    /// <summary>Identifier, unique in the instrument.</summary>
    public required string Id { get; init; }

    /// <summary>Name shown to people.</summary>
    public required string Name { get; init; }

    /// <summary><c>organization</c>, <c>people</c> or null.</summary>
    public string? Half { get; init; }

    /// <summary>Driver or outcome.</summary>
    public DimensionKind Kind { get; init; } = DimensionKind.Driver;

    /// <summary>Facets in order; a dimension given with items only has one facet with its own id and name.</summary>
    public required IReadOnlyList<Facet> Facets { get; init; }

    /// <summary>The dimension's items, facet by facet.</summary>
    public IEnumerable<Item> Items => Facets.SelectMany(f => f.Items);
}

/// <summary>A sub-area of a dimension.</summary>
public sealed record Facet(string Id, string Name, IReadOnlyList<Item> Items);

/// <summary>A statement answered on the scale. Reverse-keyed items are recoded <c>min + max − v</c>.</summary>
public sealed record Item(string Id, string Text, bool Reverse);
