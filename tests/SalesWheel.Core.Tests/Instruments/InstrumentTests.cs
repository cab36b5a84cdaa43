using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Tests.Instruments;

public sealed class InstrumentTests
{
    [Fact]
    public void TheBuiltInInstrumentHasTheEightDriversInWheelOrderWithEveryFacetCovered()
    {
        var instrument = BuiltInInstrument.Full;
        Assert.Equal(Drivers.Ids, instrument.Drivers.Select(d => d.Id));
        Assert.True(Drivers.AreTheEightDrivers(instrument));
        Assert.Equal(["organization", "organization", "organization", "organization", "people", "people", "people", "people"], instrument.Drivers.Select(d => d.Half!));
        Assert.All(instrument.Drivers, d =>
        {
            Assert.InRange(d.Items.Count(), 5, 7);
            Assert.All(d.Facets, f => Assert.NotEmpty(f.Items));
            Assert.InRange(d.Items.Count(i => i.Reverse), 0, 2);
        });
        Assert.Contains(instrument.Items, i => i.Reverse);
        var outcome = Assert.Single(instrument.Dimensions, d => d.Kind == DimensionKind.Outcome);
        Assert.InRange(outcome.Items.Count(), 2, 3);
        Assert.Equal((1, 5), (instrument.Scale.Min, instrument.Scale.Max));
        Assert.Equal(5, instrument.Scale.Labels!.Count);
    }

    [Fact]
    public void TheQuickFormHasExactlyTwoItemsPerDriverTakenFromTheFullForm()
    {
        var quick = BuiltInInstrument.Quick;
        Assert.Equal(Drivers.Ids, quick.Dimensions.Select(d => d.Id));
        Assert.All(quick.Dimensions, d => Assert.Equal(2, d.Items.Count()));
        var full = BuiltInInstrument.Full.Items.ToDictionary(i => i.Id);
        Assert.All(quick.Items, i => Assert.Equal(full[i.Id], i));
    }

    [Fact]
    public void TheBuiltInInstrumentRoundTripsThroughTheFileFormat()
    {
        var json = InstrumentFile.ToJson(BuiltInInstrument.Full);
        var again = InstrumentFile.Parse(json);
        Assert.Equal(json, InstrumentFile.ToJson(again));
        Assert.Equal(BuiltInInstrument.Full.Items, again.Items);
    }

    [Theory]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "dimensions": [ { "id": "d", "items": [ { "id": "I1" }, { "id": "I1" } ] } ] }""", "duplicate item id \"I1\"")]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "dimensions": [ { "id": "d", "items": [ { "id": "I1" } ] }, { "id": "d", "items": [ { "id": "I2" } ] } ] }""", "duplicate dimension id \"d\"")]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "dimensions": [ { "id": "d", "items": [] } ] }""", "dimensions[0] (\"d\").items: must be a non-empty array")]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "dimensions": [ { "id": "d", "facets": [ { "id": "f", "items": [] } ] } ] }""", "facets[0] (\"f\").items: must be a non-empty array")]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "dimensions": [ { "id": "d" } ] }""", "has no items")]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "scale": { "min": 1, "max": 3 }, "dimensions": [ { "id": "d", "items": [ { "id": "I1" } ] } ] }""", "scale: 1..3 has 3 points")]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "scale": { "min": 0, "max": 11 }, "dimensions": [ { "id": "d", "items": [ { "id": "I1" } ] } ] }""", "12 points")]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "scale": { "min": 1.5, "max": 5 }, "dimensions": [ { "id": "d", "items": [ { "id": "I1" } ] } ] }""", "scale.min: must be a whole number")]
    [InlineData("""{ "id": "x", "name": "X", "version": "1", "dimensions": [] }""", "dimensions: must be a non-empty array")]
    [InlineData("""{ "name": "X", "version": "1", "dimensions": [ { "id": "d", "items": [ { "id": "I1", "reverse": "yes" } ] } ] }""", "reverse: must be true or false")]
    [InlineData("""{ "id": "x", "version": "1", "dimensions": [ { "id": "d", "half": "left", "items": [ { "id": "I1" } ] } ] }""", "half: \"left\" is not allowed")]
    [InlineData("""{ "id": "x", "version": "1", "dimensions": [ { "id": "d", "items": [ { "id": "I1" } ] } ], """, "not valid JSON")]
    public void AnInvalidInstrumentIsRejectedWithAMessageThatSaysWhatIsWrong(string json, string expected)
    {
        var error = Assert.Throws<InvalidInstrumentException>(() => InstrumentFile.Parse(json, "my.json"));
        Assert.Contains(error.Problems, p => p.Contains(expected, StringComparison.Ordinal));
        Assert.StartsWith("my.json is not a valid instrument", error.Message);
    }

    [Fact]
    public void AllProblemsAreReportedAtOnce()
    {
        var error = Assert.Throws<InvalidInstrumentException>(() => InstrumentFile.Parse(
            """{ "version": "1", "dimensions": [ { "id": "a", "items": [ { "id": "I1" } ] }, { "id": "a", "items": [ { "id": "I1" } ] } ] }"""));
        Assert.Contains(error.Problems, p => p.StartsWith("id: is missing", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("duplicate dimension id", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("duplicate item id", StringComparison.Ordinal));
    }

    [Fact]
    public void ADimensionWithItemsOnlyHasOneFacetNamedAfterIt()
    {
        var instrument = InstrumentFile.Parse("""{ "id": "x", "name": "X", "version": 2, "scale": { "min": 0, "max": 6 }, "dimensions": [ { "id": "d", "name": "Dee", "kind": "outcome", "items": [ { "id": "I1", "text": "t" } ] } ] }""");
        var facet = Assert.Single(instrument.Dimensions[0].Facets);
        Assert.Equal(("d", "Dee"), (facet.Id, facet.Name));
        Assert.Equal(DimensionKind.Outcome, instrument.Dimensions[0].Kind);
        Assert.Equal("2", instrument.Version);
        Assert.Equal(7, instrument.Scale.Points);
    }
}
