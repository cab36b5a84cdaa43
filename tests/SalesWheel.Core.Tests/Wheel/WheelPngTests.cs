using SalesWheel.Core.Scoring;
using SalesWheel.Core.Wheel;
using SkiaSharp;
using static SalesWheel.Core.Tests.TestData;

namespace SalesWheel.Core.Tests.Wheel;

public sealed class WheelPngTests
{
    // Strategy answers 1 (score 0), structure has no answer, the rest answer 4 (score 75: strong).
    private static ScoreReport Report()
    {
        var instrument = EightDrivers();
        var answers = instrument.Items.Select((item, i) => (item.Id, i switch { 0 => (int?)1, 1 => null, _ => 4 })).ToArray();
        return ScoringEngine.Score(Build(instrument, [(Answers(answers), null), (Answers(answers), null)]), new ScoringOptions { Phase = CompanyPhase.Scale });
    }

    [Theory]
    [InlineData(1f, 1000, 860)]
    [InlineData(2f, 2000, 1720)]
    public void ThePngIsTheSvgsSizeTimesTheScale(float scale, int width, int height)
    {
        using var image = SKBitmap.Decode(WheelPng.Render(Report(), scale));

        Assert.Equal((width, height), (image.Width, image.Height));
    }

    [Fact]
    public void ThePngDrawsTheSvgsSegmentsInTheirScoreColoursOnWhite()
    {
        var report = Report();
        using var image = SKBitmap.Decode(WheelPng.Render(report, 2));

        Assert.Equal(SKColors.White, image.GetPixel(4, 4));

        // The third driver (operations, 75) sits between 45° and 90° after 12 o'clock, centre (500, 450), radius 46..270 at scale 1.
        var angle = (-90 + (2.5 * 45)) * Math.PI / 180;
        var radius = 46 + ((270 - 46) * 0.5);
        var pixel = image.GetPixel((int)(2 * (500 + (radius * Math.Cos(angle)))), (int)(2 * (450 + (radius * Math.Sin(angle)))));
        var strong = SKColor.Parse(ScoreBand.Of(75).Colour);
        Assert.True(Math.Abs(pixel.Red - strong.Red) + Math.Abs(pixel.Green - strong.Green) + Math.Abs(pixel.Blue - strong.Blue) < 40, $"pixel {pixel} is not the strong band colour {strong}");
    }

    [Fact]
    public void TheSameReportGivesTheSameBytes()
    {
        Assert.Equal(WheelPng.Render(Report(), 2), WheelPng.Render(Report(), 2));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(9f)]
    public void AScaleOutsideZeroToFourIsRefused(float scale)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WheelPng.Render(Report(), scale));
    }
}
