using System.Globalization;
using SalesWheel.Core.Reports;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Web.Features.Shared;

/// <summary>How scores read on a page: as in the reports (one decimal), and a band class that matches the wheel's colours.</summary>
public static class ResultFormat
{
    public static string Score(double? score) => ReportFormat.Score(score);

    public static string Whole(double? score) => score is { } s ? Math.Round(s, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) : "–";

    public static string Percent(double? share) => ReportFormat.Percent(share);

    public static string Interval(Interval? ci) => ReportFormat.Interval(ci);

    /// <summary>The score's band name as the pages' style classes use it (<see cref="ScoreBand.Name"/>), or "hidden" for no score.</summary>
    public static string Band(double? score) => score is { } s ? ScoreBand.Of(s).Name : "hidden";

    public static string FlagText(string flag) => Reliability.NameWithThreshold(flag);

    public static string Value(string value) => ReportFormat.GroupValue(value);
}
