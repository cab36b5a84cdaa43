using System.Globalization;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Web.Features.Shared;

/// <summary>How scores read on a page: one decimal, a band class that matches the wheel's colours.</summary>
public static class ResultFormat
{
    public static string Score(double? score) => score is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) : "–";

    public static string Whole(double? score) => score is { } s ? Math.Round(s, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture) : "–";

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Interval(Interval? ci) => ci is null ? "–" : $"{Score(ci.Low)}–{Score(ci.High)}";

    public static string Band(double? score) => score switch
    {
        null => "hidden",
        < 40 => "weak",
        < 55 => "risk",
        < 70 => "solid",
        _ => "strong",
    };

    public static string FlagText(string flag) => flag switch
    {
        "items-disagree" => "items disagree (alpha < 0.7)",
        "few-answers" => "few answers (n < 10)",
        _ => flag,
    };

    public static string Value(string value) => value.Length == 0 ? "(not given)" : value;
}
