using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests;

/// <summary>Small instruments and answer sets built in code, and the way to the repository's files.</summary>
internal static class TestData
{
    public static string RepositoryRoot => RepositoryFiles.Root;

    public static string SharedData => RepositoryFiles.SharedData;

    /// <summary>
    /// Two dimensions on 1..5: "a" with facets f1 [A1, A2] and f2 [A3 reverse-keyed]; "b" with items [B1, B2].
    /// </summary>
    public static Instrument Small() => InstrumentFile.Parse("""
        { "id": "small", "name": "Small", "version": "1", "scale": { "min": 1, "max": 5 },
          "dimensions": [
            { "id": "a", "name": "A", "facets": [
                { "id": "f1", "name": "F1", "items": [ { "id": "A1", "text": "a1" }, { "id": "A2", "text": "a2" } ] },
                { "id": "f2", "name": "F2", "items": [ { "id": "A3", "text": "a3", "reverse": true } ] } ] },
            { "id": "b", "name": "B", "items": [ { "id": "B1", "text": "b1" }, { "id": "B2", "text": "b2" } ] } ] }
        """);

    /// <summary>The eight drivers with one item each (D1..D8) and an outcome item (O1).</summary>
    public static Instrument EightDrivers(bool withOutcome = false)
    {
        var dimensions = string.Join(",", Drivers.Ids.Select((id, i) => $$"""{ "id": "{{id}}", "name": "{{id}}", "items": [ { "id": "D{{i + 1}}", "text": "d" } ] }"""));
        if (withOutcome)
        {
            dimensions += """, { "id": "outcomes", "name": "Outcomes", "kind": "outcome", "items": [ { "id": "O1", "text": "o" } ] }""";
        }

        return InstrumentFile.Parse($$"""{ "id": "eight", "name": "Eight", "version": "1", "dimensions": [ {{dimensions}} ] }""");
    }

    /// <summary>Builds a response set from rows of item → value (null = not answered) and optional attributes.</summary>
    public static ResponseSet Build(Instrument instrument, IEnumerable<(Dictionary<string, int?> Answers, Dictionary<string, string?>? Attributes)> rows, params string[] attributes)
    {
        var set = new ResponseSet(instrument, attributes);
        foreach (var (answers, attrs) in rows)
        {
            set.Add(answers, attrs);
        }

        return set;
    }

    public static Dictionary<string, int?> Answers(params (string Item, int? Value)[] values) =>
        values.ToDictionary(v => v.Item, v => v.Value);
}
