using System.Text.Json.Nodes;
using SalesWheel.Core.Instruments;
using SalesWheel.Data.Entities;
using SalesWheel.Web.Tests.Results;

namespace SalesWheel.Web.Tests.TeamMetrics;

/// <summary>Assessments with teams for the team-metrics tests, and a Pearson r written apart from the product.</summary>
internal static class TeamMetricsKit
{
    /// <summary>
    /// Teams and the value each of their people gives every statement. With k = 5: A–D (6 people) are shown, E (5) is
    /// hidden by complementary suppression (H's 3 alone could be recovered), H (3) is below k.
    /// </summary>
    public static readonly (string Team, int[] Values)[] Teams =
    [
        ("A", [2, 2, 2, 2, 2, 2]),
        ("B", [3, 3, 3, 3, 3, 3]),
        ("C", [4, 4, 4, 3, 3, 3]),
        ("D", [5, 5, 5, 5, 5, 5]),
        ("E", [1, 1, 1, 1, 1]),
        ("H", [4, 4, 4]),
    ];

    public static readonly string[] Shown = ["A", "B", "C", "D"];

    public static Guid SeedTeams(this AppFactory app, Guid organizationId, string name = "Q3 teams") =>
        app.SeedClosedAssessment(organizationId, name, 0, [.. Teams.SelectMany(t => t.Values.Select(v => ResultsKit.Answer("seller", t.Team, v)))]);

    /// <summary>
    /// A closed assessment whose people answer each driver differently (respondent i gives driver j the value
    /// 1 + (i × (j + 1)) mod 5, the outcomes 1 + i mod 5), so each driver goes with the outcome to its own degree.
    /// </summary>
    public static Guid SeedVaried(this AppFactory app, Guid organizationId, int people = 40)
    {
        var instrument = BuiltInInstrument.Full;
        var scale = instrument.Scale;
        var drivers = instrument.Dimensions.Where(d => d.Kind == DimensionKind.Driver).Select(d => d.Id).ToList();
        var responses = Enumerable.Range(0, people).Select(i =>
        {
            var values = instrument.Dimensions.SelectMany(d => d.Items.Select(item =>
            {
                var j = drivers.IndexOf(d.Id);
                var value = j < 0 ? 1 + (i % 5) : 1 + (i * (j + 1) % 5);
                return (byte)((item.Reverse ? scale.Min + scale.Max - value : value) - scale.Min + 1);
            })).ToArray();
            return new SurveyResponse { Role = "seller", Team = "T" + (i % 4), SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow), Answers = values };
        }).ToArray();
        return app.SeedClosedAssessment(organizationId, "Varied", 0, responses);
    }

    public static int MetricRows(this AppFactory app, Guid assessmentId) => app.Service(db => db.TeamMetrics.Count(m => m.AssessmentId == assessmentId));

    /// <summary>Pearson's r by its textbook formula (sums of products), for comparison with the product's.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        double sx = x.Sum(), sy = y.Sum(), sxx = x.Sum(v => v * v), syy = y.Sum(v => v * v), sxy = x.Zip(y, (a, b) => a * b).Sum();
        return ((n * sxy) - (sx * sy)) / Math.Sqrt(((n * sxx) - (sx * sx)) * ((n * syy) - (sy * sy)));
    }

    /// <summary>The team breakdown's shown scores of a driver in the results API's report.</summary>
    public static Dictionary<string, double> ShownTeamScores(JsonNode results, string driver) =>
        results["report"]!["breakdowns"]!.AsArray().Single(b => (string)b!["by"]! == "team")!["groups"]!.AsArray()
            .Where(g => !(bool)g!["suppressed"]!)
            .ToDictionary(g => (string)g!["value"]!, g => (double)g!["scores"]![driver]!);
}
