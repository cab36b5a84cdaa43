using SalesWheel.Core.Instruments;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Samples;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Reports;

/// <summary>Score reports to draw: the demo company, and a small team with a group too small to show.</summary>
internal static class ReportSamples
{
    public static readonly DateOnly Day = new(2026, 11, 27);

    public static ReportCover Cover(string name = "Q3 team assessment") => new()
    {
        AssessmentName = name,
        OrganizationName = "Acme Robotics",
        Opened = new DateOnly(2026, 9, 1),
        Closed = new DateOnly(2026, 9, 14),
        Invited = 340,
        Generated = Day,
    };

    /// <summary>The demo company's answers (seeded), by role and team, for the Scale phase and mid-market deals.</summary>
    public static ScoreReport Demo(int respondents = 300)
    {
        var instrument = BuiltInInstrument.Full;
        var set = new ResponseSet(instrument, DemoCompany.AttributeColumns);
        foreach (var r in DemoCompany.Respondents(instrument, respondents, seed: 7))
        {
            r.Answers.CopyTo(set.AddRow());
            set.Attributes[0].Append(r.Role);
            set.Attributes[1].Append(r.Team);
        }

        return ScoringEngine.Score(set, new ScoringOptions
        {
            Phase = CompanyPhase.Scale,
            Acv = AcvBand.From15KTo50K,
            GroupBy = DemoCompany.AttributeColumns,
        });
    }

    /// <summary>
    /// Every answer of a person the same (recoded) value: Alpha 6 × 4 (score 75), Beta 6 leaders × 5 (100), Gamma 6 × 3 (50),
    /// Tiny 2 × 1 and 2 (12.5, below k = 5, so hidden, and Alpha hidden too so Tiny cannot be worked out).
    /// </summary>
    public static ScoreReport SmallTeam(int minimumGroupSize = 5, params (string Role, string Team, int Value)[] people)
    {
        var instrument = BuiltInInstrument.Full;
        var set = new ResponseSet(instrument, ["role", "team"]);
        if (people.Length == 0)
        {
            people =
            [
                .. Enumerable.Repeat(("seller", "Alpha", 4), 6),
                .. Enumerable.Repeat(("leader", "Beta", 5), 6),
                .. Enumerable.Repeat(("seller", "Gamma", 3), 6),
                ("seller", "Tiny", 1),
                ("seller", "Tiny", 2),
            ];
        }

        foreach (var (role, team, value) in people)
        {
            var answers = instrument.Items.ToDictionary(i => i.Id, i => (int?)(i.Reverse ? instrument.Scale.Min + instrument.Scale.Max - value : value));
            set.Add(answers, new Dictionary<string, string?> { ["role"] = role, ["team"] = team });
        }

        return ScoringEngine.Score(set, new ScoringOptions { GroupBy = ["role", "team"], MinimumGroupSize = minimumGroupSize });
    }

    public static byte[] Pdf(ScoreReport report, ReportCover? cover = null, PaperSize paper = PaperSize.A4)
    {
        using var buffer = new MemoryStream();
        PdfReport.Render(report, cover ?? Cover(), paper, buffer);
        return buffer.ToArray();
    }
}
