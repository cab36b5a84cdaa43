using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Imports;

/// <summary>Checks on the answers read, for the warnings that catch silent mistakes.</summary>
internal static class ImportChecks
{
    /// <summary>A reverse-keyed statement is suspect when it correlates below this with the rest of its driver.</summary>
    private const double SuspectCorrelation = -0.1;

    /// <summary>Too few respondents say nothing about a correlation.</summary>
    private const int MinimumRespondents = 10;

    /// <summary>Each attribute's values with counts, and values differing only in case, spacing or punctuation.</summary>
    public static List<AttributeSummary> Attributes(ResponseSet responses, int[] columns, List<ImportWarning> warnings)
    {
        var summaries = new List<AttributeSummary>();
        for (var a = 0; a < responses.Attributes.Count; a++)
        {
            var attribute = responses.Attributes[a];
            var counts = new int[attribute.Values.Count];
            foreach (var code in attribute.Codes)
            {
                counts[code]++;
            }

            var values = attribute.Values.Select((v, i) => new AttributeValueCount(v, counts[i]))
                .Where(v => v.Count > 0)
                .OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal)
                .ToList();
            var near = values.Where(v => v.Value.Length > 0)
                .GroupBy(v => ImportText.Normalize(v.Value).Replace(" ", "", StringComparison.Ordinal), StringComparer.Ordinal)
                .Where(g => g.Count() > 1)
                .Select(g => (IReadOnlyList<string>)g.Select(v => v.Value).ToList())
                .ToList();
            if (near.Count > 0)
            {
                warnings.Add(new ImportWarning("attribute-near-duplicates",
                    $"Values of {attribute.Name} differ only in case or spacing: {string.Join("; ", near.Select(g => string.Join(" / ", g.Select(v => $"\"{v}\""))))}. They are counted as different groups; merge them in the mapping if they are the same."));
            }

            summaries.Add(new AttributeSummary(attribute.Name, columns[a], values, near));
        }

        return summaries;
    }

    /// <summary>
    /// A reverse-keyed statement whose (reverse-coded) answers correlate negatively with the rest of its driver: most
    /// likely the file holds it already reversed, and it is now reversed twice.
    /// </summary>
    public static void ReverseKeyed(ResponseSet responses, List<ImportWarning> warnings)
    {
        if (responses.Count < MinimumRespondents)
        {
            return;
        }

        var scale = responses.Instrument.Scale;
        var index = responses.Items.Select((item, i) => (item.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var suspects = new List<string>();
        foreach (var dimension in responses.Instrument.Dimensions)
        {
            var members = dimension.Items.Select(i => (Item: i, Index: index[i.Id])).ToList();
            foreach (var (item, column) in members.Where(m => m.Item.Reverse))
            {
                var others = members.Where(m => m.Index != column).ToList();
                if (others.Count == 0)
                {
                    continue;
                }

                var r = Correlation(responses, scale, item, column, others);
                if (r is < SuspectCorrelation)
                {
                    suspects.Add(item.Id);
                }
            }
        }

        if (suspects.Count > 0)
        {
            warnings.Add(new ImportWarning("reverse-keyed-negative",
                $"{string.Join(", ", suspects)} {(suspects.Count == 1 ? "is a reverse-keyed (R) statement whose" : "are reverse-keyed (R) statements whose")} answers go against the rest of {(suspects.Count == 1 ? "its" : "their")} driver once reversed. Were the (R) statements already reversed in your file? If so, import the original answers: SalesWheel reverses them itself."));
        }
    }

    private static double? Correlation(ResponseSet responses, ResponseScale scale, Item item, int column, List<(Item Item, int Index)> others)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var r = 0; r < responses.Count; r++)
        {
            if (responses.Answer(r, column) is not { } raw)
            {
                continue;
            }

            double sum = 0;
            var count = 0;
            foreach (var (other, index) in others)
            {
                if (responses.Answer(r, index) is { } v)
                {
                    sum += other.Reverse ? scale.Min + scale.Max - v : v;
                    count++;
                }
            }

            if (count == 0)
            {
                continue;
            }

            double x = item.Reverse ? scale.Min + scale.Max - raw : raw;
            var y = sum / count;
            n++;
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }

        if (n < MinimumRespondents)
        {
            return null;
        }

        var vx = (n * sxx) - (sx * sx);
        var vy = (n * syy) - (sy * sy);
        return vx <= 0 || vy <= 0 ? null : ((n * sxy) - (sx * sy)) / Math.Sqrt(vx * vy);
    }
}
