using SalesWheel.Core.Instruments;
using SalesWheel.Core.Responses;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Scoring;

/// <summary>
/// The public bfi data set (psych::bfi, 2,800 people, 25 items on 1..6) scored through a custom instrument file.
/// Expected values come from R 4.2.2 with psych 2.2.9 under listwise deletion (tests/reference/bfi_alpha.R and
/// its printed results, bfi_alpha_results.txt).
/// </summary>
public sealed class BfiTests
{
    private static readonly Lazy<ScoreReport> Report = new(() =>
    {
        var instrument = InstrumentFile.Load(Path.Combine(TestData.RepositoryRoot, "tests", "reference", "bfi-instrument.json"));
        var file = ResponsesCsv.Read(Path.Combine(TestData.SharedData, "bfi.csv"), instrument, ["gender", "education"]);
        return ScoringEngine.Score(file.Responses, new ScoringOptions { GroupBy = ["gender", "education"] });
    });

    [Theory]
    [InlineData("agreeableness", 0.7037558943748361, 2709, 2797, 4.652973423906567, 72.393918934028719, 73.725018022233968)]
    [InlineData("conscientiousness", 0.72927720317044198, 2707, 2796, 4.2657546494992848, 64.609407591667193, 66.020778388304194)]
    [InlineData("extraversion", 0.7609326394695517, 2713, 2797, 4.1447026576093435, 62.107252179689034, 63.680854124684707)]
    [InlineData("neuroticism", 0.81330314316143881, 2694, 2796, 3.160890557939914, 42.330685191672806, 44.104937125923747)]
    [InlineData("openness", 0.60254642857718432, 2726, 2796, 4.5874880782069622, 71.15019438371263, 72.349328744565852)]
    public void AlphasMeansAndIntervalsAgreeWithRPsychUnderListwiseDeletion(string dimension, double alpha, int alphaN, int n, double mean, double low, double high)
    {
        var d = Report.Value.Dimensions.Single(x => x.Id == dimension);
        Assert.Equal(alpha, d.Alpha!.Value, 12);
        Assert.Equal(alphaN, d.AlphaN);
        Assert.Equal(n, d.N);
        Assert.Equal(mean, d.Mean!.Value, 12);
        Assert.Equal(100 * (mean - 1) / 5, d.Score!.Value, 10);
        Assert.Equal(low, d.Ci95!.Low, 9);
        Assert.Equal(high, d.Ci95.High, 9);

        Assert.Equal(alpha < 0.7, d.Flags.Contains("items-disagree"));
    }

    [Fact]
    public void BreakdownsByGenderAndEducationIncludeNotGivenAsItsOwnGroup()
    {
        var report = Report.Value;
        Assert.Equal(2800, report.Respondents);
        var gender = report.Breakdowns.Single(b => b.By == "gender");
        Assert.Equal(["1", "2"], gender.Groups.Select(g => g.Value));
        Assert.Equal(2800, gender.Groups.Sum(g => g.N));
        var education = report.Breakdowns.Single(b => b.By == "education");
        Assert.Equal(["", "1", "2", "3", "4", "5"], education.Groups.Select(g => g.Value));
        Assert.All(education.Groups, g => Assert.False(g.Suppressed));
        Assert.Equal(2800, education.Groups.Sum(g => g.N));
    }
}
