using System.Text.Json;

namespace SalesWheel.Data;

/// <summary>
/// A person's values of their organization's attributes, keyed by the attribute's id (so renaming an attribute keeps
/// every value), as stored on a person, an invitation and (sealed) a response: JSON, "" when there are none.
/// </summary>
public static class AttributeValues
{
    /// <summary>The values in <paramref name="json"/>; empty for "" (or text that is not such an object).</summary>
    public static IReadOnlyDictionary<Guid, string> Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return new Dictionary<Guid, string>();
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<Guid, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<Guid, string>();
        }
    }

    /// <summary>The values to store: trimmed, blank ones left out, in id order so equal values store equally; "" for none.</summary>
    public static string Write(IEnumerable<KeyValuePair<Guid, string>> values)
    {
        var kept = values.Select(v => (v.Key, Value: (v.Value ?? "").Trim())).Where(v => v.Value.Length > 0)
            .OrderBy(v => v.Key).ToDictionary(v => v.Key, v => v.Value);
        return kept.Count == 0 ? "" : JsonSerializer.Serialize(kept);
    }

    /// <summary>The value of one attribute, "" when not given.</summary>
    public static string Of(string? json, Guid attributeId) => Read(json).GetValueOrDefault(attributeId, "");
}
