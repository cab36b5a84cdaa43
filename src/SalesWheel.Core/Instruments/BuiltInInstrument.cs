namespace SalesWheel.Core.Instruments;

/// <summary>The instrument SalesWheel ships: the Sales Performance Wheel, full and quick forms.</summary>
public static class BuiltInInstrument
{
    private const string ResourceName = "SalesWheel.Core.Instruments.sales-performance-wheel.json";

    private static readonly Lazy<Instrument> FullForm = new(LoadFull);
    private static readonly Lazy<Instrument> QuickFormInstrument = new(() =>
        FullForm.Value.Subset(FullForm.Value.QuickForm, FullForm.Value.Id + "-quick", FullForm.Value.Name + " — quick check"));

    /// <summary>The full instrument: the eight drivers and the outcome questions.</summary>
    public static Instrument Full => FullForm.Value;

    /// <summary>The quick form: two items per driver, for a leader's three-minute self-check.</summary>
    public static Instrument Quick => QuickFormInstrument.Value;

    /// <summary>The JSON text of the full instrument, exactly as shipped.</summary>
    public static string Json()
    {
        using var stream = typeof(BuiltInInstrument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static Instrument LoadFull() => InstrumentFile.Parse(Json(), "built-in instrument");
}
