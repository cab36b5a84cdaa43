using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Imports;

/// <summary>Checks on the answers read, for the warnings that catch silent mistakes.</summary>
internal static class ImportChecks
{
    /// <summary>A reverse-keyed statement is suspect when it correlates below this with the rest of its driver.</summary>
    private const double SuspectCorrelation = -0.1;

    /// <summary>Too few respondents say nothing about a correlation.</summary>
    private const int MinimumRespondents = 10;

    /// <summary>The reverse-keyed check reads at most this many respondents.</summary>
    private const int SampleRespondents = 20_000;

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
    /// likely the file holds it already reversed, and it is now reversed twice. The first <see cref="SampleRespondents"/>
    /// respondents are enough to see it, so a million-row file costs no more than a small one.
    /// </summary>
    public static void ReverseKeyed(ResponseSet responses, List<ImportWarning> warnings)
    {
        if (responses.Count < MinimumRespondents)
        {
            return;
        }

        var width = responses.Items.Count;
        var count = Math.Min(responses.Count, SampleRespondents);
        var answers = responses.AnswerBytes[..(count * width)];
        var points = responses.Instrument.Scale.Points;
        var index = responses.Items.Select((item, i) => (item.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var suspects = new List<string>();
        foreach (var dimension in responses.Instrument.Dimensions)
        {
            var members = dimension.Items.Select(i => (Column: index[i.Id], i.Reverse)).ToArray();
            foreach (var (column, reverse) in members)
            {
                if (reverse && members.Length > 1 && Correlation(answers, width, points, column, members) is < SuspectCorrelation)
                {
                    suspects.Add(responses.Items[column].Id);
                }
            }
        }

        if (suspects.Count > 0)
        {
            warnings.Add(new ImportWarning("reverse-keyed-negative",
                $"{string.Join(", ", suspects)} {(suspects.Count == 1 ? "is a reverse-keyed (R) statement whose" : "are reverse-keyed (R) statements whose")} answers go against the rest of {(suspects.Count == 1 ? "its" : "their")} driver once reversed. Were the (R) statements already reversed in your file? If so, import the original answers: SalesWheel reverses them itself."));
        }
    }

    /// <summary>Pearson's r between one statement and the mean of the others of its driver, all reverse-coded, on stored bytes (1..points).</summary>
    private static double? Correlation(ReadOnlySpan<byte> answers, int width, int points, int column, (int Column, bool Reverse)[] members)
    {
        double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (var start = 0; start < answers.Length; start += width)
        {
            var raw = answers[start + column];
            if (raw == 0)
            {
                continue;
            }

            double sum = 0;
            var given = 0;
            foreach (var (other, reverse) in members)
            {
                if (other != column && answers[start + other] is var v and > 0)
                {
                    sum += reverse ? points + 1 - v : v;
                    given++;
                }
            }

            if (given == 0)
            {
                continue;
            }

            double x = points + 1 - raw; // the statement is reverse-keyed
            var y = sum / given;
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
