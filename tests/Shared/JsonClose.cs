using System.Text.Json;
using System.Text.Json.Nodes;

namespace SalesWheel.Tests.Shared;

/// <summary>Compares two JSON trees: same shape and strings, numbers equal within a tolerance.</summary>
public static class JsonClose
{
    public static bool Equal(JsonNode? expected, JsonNode? actual, double tolerance, out string difference, string path = "$")
    {
        difference = "";
        switch (expected)
        {
            case null:
                difference = actual is null ? "" : $"{path}: expected null, got {actual.ToJsonString()}";
                return actual is null;
            case JsonObject eo:
                if (actual is not JsonObject ao)
                {
                    difference = $"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}";
                    return false;
                }

                foreach (var (key, value) in eo)
                {
                    if (!ao.ContainsKey(key))
                    {
                        difference = $"{path}.{key}: missing";
                        return false;
                    }

                    if (!Equal(value, ao[key], tolerance, out difference, $"{path}.{key}"))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray ea:
                if (actual is not JsonArray aa || aa.Count != ea.Count)
                {
                    difference = $"{path}: expected {ea.Count} elements, got {actual?.ToJsonString() ?? "null"}";
                    return false;
                }

                for (var i = 0; i < ea.Count; i++)
                {
                    if (!Equal(ea[i], aa[i], tolerance, out difference, $"{path}[{i}]"))
                    {
                        return false;
                    }
                }

                return true;
            default:
                var ev = expected.AsValue();
                if (ev.GetValueKind() == JsonValueKind.Number)
                {
                    if (actual is not JsonValue av || av.GetValueKind() != JsonValueKind.Number)
                    {
                        difference = $"{path}: expected {ev.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}";
                        return false;
                    }

                    var e = ev.GetValue<double>();
                    var a = av.GetValue<double>();
                    var ok = Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e));
                    difference = ok ? "" : $"{path}: expected {e:R}, got {a:R}";
                    return ok;
                }

                var same = JsonNode.DeepEquals(expected, actual);
                difference = same ? "" : $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}";
                return same;
        }
    }
}
