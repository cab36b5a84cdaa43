using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SalesWheel.Core.Text;

namespace SalesWheel.Core.Instruments;

/// <summary>An instrument file that cannot be used; <see cref="Problems"/> names everything that is wrong.</summary>
public sealed class InvalidInstrumentException(string source, IReadOnlyList<string> problems)
    : Exception($"{source} is not a valid instrument:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    /// <summary>Each problem, with where it is (a JSON path) and what is wrong.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Reads and writes the instrument file format of SCORING.md, validating everything it reads.</summary>
public static class InstrumentFile
{
    /// <summary>Loads and validates an instrument from a JSON file.</summary>
    /// <exception cref="InvalidInstrumentException">The file is not valid JSON or not a valid instrument.</exception>
    public static Instrument Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInstrumentException(path, [$"cannot read the file: {e.Message}"]);
        }

        return Parse(json, path);
    }

    /// <summary>Parses and validates an instrument from JSON text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="InvalidInstrumentException">The text is not valid JSON or not a valid instrument.</exception>
    public static Instrument Parse(string json, string source = "instrument")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new InvalidInstrumentException(source, [$"not valid JSON: {e.Message}"]);
        }

        var reader = new Reader();
        var instrument = reader.ReadInstrument(root);
        if (reader.Problems.Count > 0 || instrument is null)
        {
            throw new InvalidInstrumentException(source, reader.Problems);
        }

        return instrument;
    }

    /// <summary>Writes an instrument in the file format (indented JSON), so it can be edited and loaded again.</summary>
    public static string ToJson(Instrument instrument)
    {
        var scale = new JsonObject { ["min"] = instrument.Scale.Min, ["max"] = instrument.Scale.Max };
        if (instrument.Scale.Labels is { } labels)
        {
            scale["labels"] = new JsonArray(labels.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
        }

        var root = new JsonObject
        {
            ["id"] = instrument.Id,
            ["name"] = instrument.Name,
            ["version"] = instrument.Version,
        };
        if (instrument.Description is { } description)
        {
            root["description"] = description;
        }

        root["scale"] = scale;
        var dimensions = new JsonArray();
        foreach (var d in instrument.Dimensions)
        {
            var dim = new JsonObject { ["id"] = d.Id, ["name"] = d.Name };
            if (d.Half is { } half)
            {
                dim["half"] = half;
            }

            if (d.Kind == DimensionKind.Outcome)
            {
                dim["kind"] = "outcome";
            }

            if (d.Facets is [var only] && only.Id == d.Id)
            {
                dim["items"] = ItemsJson(only.Items);
            }
            else
            {
                dim["facets"] = new JsonArray(d.Facets.Select(f => (JsonNode?)new JsonObject
                {
                    ["id"] = f.Id,
                    ["name"] = f.Name,
                    ["items"] = ItemsJson(f.Items),
                }).ToArray());
            }

            dimensions.Add(dim);
        }

        root["dimensions"] = dimensions;
        if (instrument.QuickForm.Count > 0)
        {
            root["quickForm"] = new JsonArray(instrument.QuickForm.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
        }

        return root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";

        static JsonArray ItemsJson(IEnumerable<Item> items) =>
            new(items.Select(i => (JsonNode?)new JsonObject { ["id"] = i.Id, ["text"] = i.Text, ["reverse"] = i.Reverse }).ToArray());
    }

    private sealed class Reader
    {
        public List<string> Problems { get; } = [];

        private readonly HashSet<string> _itemIds = new(StringComparer.Ordinal);

        public Instrument? ReadInstrument(JsonNode? root)
        {
            if (root is not JsonObject obj)
            {
                Problems.Add("the file must hold one JSON object with id, name, version, scale and dimensions");
                return null;
            }

            var id = RequiredString(obj, "id", "");
            var name = OptionalString(obj, "name", "") ?? id;
            var version = Version(obj);
            var description = OptionalString(obj, "description", "");
            var scale = ReadScale(obj["scale"]);
            var dimensions = ReadDimensions(obj["dimensions"]);
            var quick = ReadQuickForm(obj["quickForm"], dimensions);
            if (id is null || name is null || version is null || scale is null || dimensions is null)
            {
                return null;
            }

            return new Instrument
            {
                Id = id,
                Name = name,
                Version = version,
                Description = description,
                Scale = scale,
                Dimensions = dimensions,
                QuickForm = quick,
            };
        }

        private string? Version(JsonObject obj)
        {
            // A bare number ("version": 2) is what people write; accept it as its text.
            if (obj["version"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                return v.ToJsonString();
            }

            return RequiredString(obj, "version", "");
        }

        private ResponseScale? ReadScale(JsonNode? node)
        {
            if (node is null)
            {
                return ResponseScale.Agreement5;
            }

            if (node is not JsonObject scale)
            {
                Problems.Add("scale: must be an object like { \"min\": 1, \"max\": 5 }");
                return null;
            }

            var min = RequiredInt(scale, "min", "scale.");
            var max = RequiredInt(scale, "max", "scale.");
            if (min is null || max is null)
            {
                return null;
            }

            var points = max.Value - min.Value + 1;
            if (points < 4 || points > 11)
            {
                Problems.Add($"scale: {min}..{max} has {points} points; a scale must have 4 to 11 points (max − min + 1)");
                return null;
            }

            List<string>? labels = null;
            if (scale["labels"] is { } labelsNode)
            {
                if (labelsNode is not JsonArray array || array.Any(l => l is not JsonValue lv || lv.GetValueKind() != JsonValueKind.String))
                {
                    Problems.Add("scale.labels: must be an array of strings");
                    return null;
                }

                labels = array.Select(l => l!.GetValue<string>()).ToList();
                if (labels.Count != points)
                {
                    Problems.Add($"scale.labels: has {labels.Count} labels but the scale {min}..{max} has {points} points");
                    return null;
                }
            }

            return new ResponseScale(min.Value, max.Value, labels);
        }

        private List<Dimension>? ReadDimensions(JsonNode? node)
        {
            if (node is not JsonArray array || array.Count == 0)
            {
                Problems.Add("dimensions: must be a non-empty array of dimensions");
                return null;
            }

            var result = new List<Dimension>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var ok = true;
            for (var i = 0; i < array.Count; i++)
            {
                var path = $"dimensions[{i}]";
                if (array[i] is not JsonObject dim)
                {
                    Problems.Add($"{path}: must be an object");
                    ok = false;
                    continue;
                }

                var id = RequiredString(dim, "id", path + ".");
                if (id is not null)
                {
                    path = $"{path} (\"{id}\")";
                    if (!ids.Add(id))
                    {
                        Problems.Add($"{path}: duplicate dimension id \"{id}\"");
                        ok = false;
                    }
                }

                var name = OptionalString(dim, "name", path + ".") ?? id;
                var half = OptionalString(dim, "half", path + ".");
                if (half is not null and not ("organization" or "people"))
                {
                    Problems.Add($"{path}.half: \"{half}\" is not allowed; use \"organization\" or \"people\"");
                    ok = false;
                }

                var kindText = OptionalString(dim, "kind", path + ".");
                var kind = DimensionKind.Driver;
                if (kindText == "outcome")
                {
                    kind = DimensionKind.Outcome;
                }
                else if (kindText is not null and not "driver")
                {
                    Problems.Add($"{path}.kind: \"{kindText}\" is not allowed; use \"outcome\" or leave it out");
                    ok = false;
                }

                var facets = ReadFacets(dim, path, id, name);
                if (id is null || name is null || facets is null)
                {
                    ok = false;
                    continue;
                }

                result.Add(new Dimension { Id = id, Name = name, Half = half, Kind = kind, Facets = facets });
            }

            return ok ? result : null;
        }

        private List<Facet>? ReadFacets(JsonObject dim, string path, string? dimensionId, string? dimensionName)
        {
            var hasFacets = dim["facets"] is not null;
            var hasItems = dim["items"] is not null;
            if (hasFacets == hasItems)
            {
                Problems.Add(hasFacets
                    ? $"{path}: give either \"facets\" or \"items\", not both"
                    : $"{path}: has no items (give \"facets\" with items, or \"items\")");
                return null;
            }

            if (hasItems)
            {
                var items = ReadItems(dim["items"], path + ".items");
                return items is null || dimensionId is null ? null : [new Facet(dimensionId, dimensionName ?? dimensionId, items)];
            }

            if (dim["facets"] is not JsonArray array || array.Count == 0)
            {
                Problems.Add($"{path}.facets: must be a non-empty array");
                return null;
            }

            var result = new List<Facet>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var ok = true;
            for (var i = 0; i < array.Count; i++)
            {
                var fpath = $"{path}.facets[{i}]";
                if (array[i] is not JsonObject facet)
                {
                    Problems.Add($"{fpath}: must be an object");
                    ok = false;
                    continue;
                }

                var id = RequiredString(facet, "id", fpath + ".");
                if (id is not null)
                {
                    fpath = $"{fpath} (\"{id}\")";
                    if (!ids.Add(id))
                    {
                        Problems.Add($"{fpath}: duplicate facet id \"{id}\" in the same dimension");
                        ok = false;
                    }
                }

                var name = OptionalString(facet, "name", fpath + ".") ?? id;
                var items = ReadItems(facet["items"], fpath + ".items");
                if (id is null || name is null || items is null)
                {
                    ok = false;
                    continue;
                }

                result.Add(new Facet(id, name, items));
            }

            return ok ? result : null;
        }

        private List<Item>? ReadItems(JsonNode? node, string path)
        {
            if (node is not JsonArray array || array.Count == 0)
            {
                Problems.Add($"{path}: must be a non-empty array of items (an empty dimension or facet cannot be scored)");
                return null;
            }

            var result = new List<Item>();
            var ok = true;
            for (var i = 0; i < array.Count; i++)
            {
                var ipath = $"{path}[{i}]";
                if (array[i] is not JsonObject item)
                {
                    Problems.Add($"{ipath}: must be an object with id, text and reverse");
                    ok = false;
                    continue;
                }

                var id = RequiredString(item, "id", ipath + ".");
                if (id is not null && !_itemIds.Add(id))
                {
                    Problems.Add($"{ipath}: duplicate item id \"{id}\" (item ids must be unique in the instrument)");
                    ok = false;
                }

                var text = OptionalString(item, "text", ipath + ".") ?? id;
                var reverse = false;
                if (item["reverse"] is { } reverseNode)
                {
                    if (reverseNode is JsonValue rv && rv.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                    {
                        reverse = rv.GetValue<bool>();
                    }
                    else
                    {
                        Problems.Add($"{ipath}.reverse: must be true or false");
                        ok = false;
                    }
                }

                if (id is null || text is null)
                {
                    ok = false;
                    continue;
                }

                result.Add(new Item(id, text, reverse));
            }

            return ok ? result : null;
        }

        private List<string> ReadQuickForm(JsonNode? node, List<Dimension>? dimensions)
        {
            if (node is null)
            {
                return [];
            }

            if (node is not JsonArray array || array.Any(n => n is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
            {
                Problems.Add("quickForm: must be an array of item ids");
                return [];
            }

            var ids = array.Select(n => n!.GetValue<string>()).ToList();
            if (dimensions is not null)
            {
                foreach (var unknown in ids.Where(id => !_itemIds.Contains(id)))
                {
                    Problems.Add($"quickForm: \"{unknown}\" is not an item of the instrument");
                }
            }

            return ids;
        }

        private string? RequiredString(JsonObject obj, string property, string prefix)
        {
            var value = OptionalString(obj, property, prefix);
            if (value is null && obj[property] is null)
            {
                Problems.Add($"{prefix}{property}: is missing");
            }

            return value;
        }

        private string? OptionalString(JsonObject obj, string property, string prefix)
        {
            var node = obj[property];
            if (node is null)
            {
                return null;
            }

            if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                Problems.Add($"{prefix}{property}: must be a string");
                return null;
            }

            // Names and statements pasted from slides may carry control characters: each becomes a space.
            var text = PlainText.Line(v.GetValue<string>()).Trim();
            if (text.Length == 0)
            {
                Problems.Add($"{prefix}{property}: must not be empty");
                return null;
            }

            return text;
        }

        private int? RequiredInt(JsonObject obj, string property, string prefix)
        {
            if (obj[property] is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out int value))
            {
                Problems.Add($"{prefix}{property}: must be a whole number");
                return null;
            }

            return value;
        }
    }
}
