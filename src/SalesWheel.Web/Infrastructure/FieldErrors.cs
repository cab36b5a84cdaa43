using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace SalesWheel.Web.Infrastructure;

/// <summary>
/// What a use case refused, by field. Fields are named as the API names them ("email", "closeDate",
/// "relevance.strategy.pmf"), so the API returns them as they are; a page shows them next to its inputs through one
/// explicit mapping from that name to its form's key (<see cref="ShowOn"/>).
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

    public bool IsEmpty => _byField.Count == 0;

    public int Count => _byField.Count;

    public void Add(string field, string message)
    {
        if (!_byField.TryGetValue(field, out var messages))
        {
            _byField[field] = messages = [];
        }

        messages.Add(message);
    }

    public bool Has(string field) => _byField.ContainsKey(field);

    /// <summary>The messages by API field name, for the API's validation problem.</summary>
    public IReadOnlyDictionary<string, string[]> ByField => _byField.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Puts every message in a page's model state, under the key <paramref name="pageKey"/> gives for its field.</summary>
    public void ShowOn(ModelStateDictionary modelState, Func<string, string> pageKey)
    {
        foreach (var (field, messages) in _byField)
        {
            foreach (var message in messages)
            {
                modelState.AddModelError(pageKey(field), message);
            }
        }
    }
}
