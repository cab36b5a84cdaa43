using System.Globalization;
using System.Text;
using SalesWheel.Core.Instruments;

namespace SalesWheel.Core.Samples;

/// <summary>
/// Realistic, reproducible answers for a fictional company, "Northwind Cloud" (a Scale-phase SaaS company
/// selling mid-market deals). The data tells a story a head of sales would recognise:
/// <list type="bullet">
/// <item>leaders rate Enablement far higher than sellers do (they think coaching happens; sellers do not feel it);</item>
/// <item>Structure is weak everywhere (commission and lead assignment), Strategy is clear;</item>
/// <item>Training is weakest in the SMB team; the Partners team is too small to be shown on its own.</item>
/// </list>
/// Each respondent has a latent level per driver (company base + role shift + team shift + personal noise);
/// each answer is that level plus item noise, rounded to the scale; about 4% of answers are "don't know".
/// </summary>
public static class DemoCompany
{
    /// <summary>Company-wide mean level per dimension on the 1..5 scale.</summary>
    private static readonly Dictionary<string, double> Base = new(StringComparer.Ordinal)
    {
        ["strategy"] = 3.9,
        ["structure"] = 2.6,
        ["operations"] = 3.4,
        ["enablement"] = 3.0,
        ["talent-management"] = 3.3,
        ["training"] = 2.9,
        ["capabilities"] = 3.4,
        ["motivation"] = 3.6,
        ["outcomes"] = 3.5,
    };

    private static readonly Dictionary<string, Dictionary<string, double>> RoleShift = new(StringComparer.Ordinal)
    {
        ["leader"] = new() { ["enablement"] = 1.2, ["strategy"] = 0.5, ["training"] = 0.5, ["motivation"] = 0.4, ["outcomes"] = 0.5 },
        ["manager"] = new() { ["enablement"] = 0.5, ["operations"] = -0.2 },
        ["seller"] = new() { ["enablement"] = -0.6, ["structure"] = -0.2, ["outcomes"] = -0.2 },
        ["ops & enablement"] = new() { ["operations"] = 0.6, ["enablement"] = 0.3 },
    };

    private static readonly Dictionary<string, Dictionary<string, double>> TeamShift = new(StringComparer.Ordinal)
    {
        ["Enterprise"] = new() { ["capabilities"] = 0.3, ["talent-management"] = 0.2 },
        ["Mid-Market"] = new(),
        ["SMB"] = new() { ["training"] = -0.7, ["motivation"] = -0.3, ["outcomes"] = -0.3 },
        ["Partners"] = new() { ["structure"] = -0.3 },
        ["Leadership"] = new(),
    };

    /// <summary>The attribute columns written before the items.</summary>
    public static IReadOnlyList<string> AttributeColumns { get; } = ["role", "team"];

    /// <summary>
    /// Who answers: role and team for respondent <paramref name="index"/> of <paramref name="count"/>.
    /// Roughly 10% leaders, 13% managers, 64% sellers, 13% ops &amp; enablement; sellers across three teams and a small partner team.
    /// </summary>
    public static (string Role, string Team) Person(int index, int count, Random random)
    {
        var share = (double)index / Math.Max(1, count);
        if (share < 0.10)
        {
            return ("leader", "Leadership");
        }

        if (share < 0.23)
        {
            return ("manager", new[] { "Enterprise", "Mid-Market", "SMB" }[index % 3]);
        }

        if (share < 0.36)
        {
            return ("ops & enablement", "RevOps");
        }

        // Partners is deliberately tiny (about 1 in 20 sellers, 2 in a 60-person company).
        var team = random.NextDouble() switch
        {
            < 0.05 => "Partners",
            < 0.38 => "Enterprise",
            < 0.70 => "Mid-Market",
            _ => "SMB",
        };
        return ("seller", team);
    }

    /// <summary>Writes a responses CSV (attributes, then one column per item) for <paramref name="count"/> respondents.</summary>
    public static void WriteCsv(TextWriter writer, Instrument instrument, int count, int seed)
    {
        var header = new StringBuilder(string.Join(',', AttributeColumns));
        foreach (var item in instrument.Items)
        {
            header.Append(',').Append(item.Id);
        }

        writer.Write(header.Append('\n'));
        var line = new StringBuilder();
        foreach (var (role, team, answers) in Generate(instrument, count, seed))
        {
            line.Clear();
            line.Append(role).Append(',').Append(team);
            foreach (var value in answers)
            {
                line.Append(',');
                if (value is { } v)
                {
                    line.Append(v.ToString(CultureInfo.InvariantCulture));
                }
            }

            writer.Write(line.Append('\n'));
        }
    }

    /// <summary>
    /// The same respondents as <see cref="WriteCsv"/> (same seed, same people, same answers), as stored by the web app:
    /// role, team, and one byte per item in instrument order (0 = not answered, else value − min + 1).
    /// </summary>
    public static IEnumerable<DemoRespondent> Respondents(Instrument instrument, int count, int seed)
    {
        var min = instrument.Scale.Min;
        foreach (var (role, team, answers) in Generate(instrument, count, seed))
        {
            var bytes = new byte[answers.Length];
            for (var i = 0; i < answers.Length; i++)
            {
                bytes[i] = answers[i] is { } v ? (byte)(v - min + 1) : (byte)0;
            }

            yield return new DemoRespondent(role, team, bytes);
        }
    }

    // One generator for both outputs, so the CSV sample and the demo database tell the same story from the same seed.
    // The order in which it draws random numbers is part of the sample file: changing it changes samples/northwind-cloud.csv.
    private static IEnumerable<(string Role, string Team, int?[] Answers)> Generate(Instrument instrument, int count, int seed)
    {
        var random = new Random(seed);
        var items = instrument.Dimensions
            .SelectMany(d => d.Items.Select(i => (Dimension: d.Id, Item: i, Offset: (random.NextDouble() - 0.5) * 0.6)))
            .ToList();
        var levels = new Dictionary<string, double>(StringComparer.Ordinal);
        var scale = instrument.Scale;
        for (var r = 0; r < count; r++)
        {
            var (role, team) = Person(r, count, random);
            levels.Clear();
            foreach (var dimension in instrument.Dimensions)
            {
                var level = Base.GetValueOrDefault(dimension.Id, 3.3)
                    + (RoleShift.GetValueOrDefault(role)?.GetValueOrDefault(dimension.Id) ?? 0)
                    + (TeamShift.GetValueOrDefault(team)?.GetValueOrDefault(dimension.Id) ?? 0);
                levels[dimension.Id] = level + (Gaussian(random) * 0.6);
            }

            var answers = new int?[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                var (dimension, item, offset) = items[i];
                if (random.NextDouble() < 0.04)
                {
                    continue; // "don't know": not answered
                }

                var value = (int)Math.Round(levels[dimension] + offset + (Gaussian(random) * 0.6));
                value = Math.Clamp(value, scale.Min, scale.Max);
                if (item.Reverse)
                {
                    value = scale.Min + scale.Max - value;
                }

                answers[i] = value;
            }

            yield return (role, team, answers);
        }
    }

    private static double Gaussian(Random random)
    {
        // Box–Muller: two uniforms give one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

/// <summary>One generated respondent: role, team and answers (one byte per item in instrument order, 0 = not answered).</summary>
public sealed record DemoRespondent(string Role, string Team, byte[] Answers);
