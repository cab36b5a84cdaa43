namespace SalesWheel.Core.Scoring;

/// <summary>The company's phase, which changes how urgent each driver is.</summary>
public enum CompanyPhase
{
    /// <summary>Finding product–market fit.</summary>
    Pmf,

    /// <summary>Making the go-to-market motion repeatable.</summary>
    GtmFit,

    /// <summary>Growing the machine.</summary>
    Scale,
}

/// <summary>Annual contract value band.</summary>
public enum AcvBand
{
    /// <summary>Under $15K: high velocity.</summary>
    Under15K,

    /// <summary>$15K–$50K: mid-market.</summary>
    From15KTo50K,

    /// <summary>Over $50K: complex, enterprise.</summary>
    Over50K,
}

/// <summary>The codes used on the command line, in JSON and in files, and the names shown to people.</summary>
public static class ContextCodes
{
    /// <summary>The code of a phase: <c>pmf</c>, <c>gtm-fit</c>, <c>scale</c>.</summary>
    public static string Code(this CompanyPhase phase) => phase switch
    {
        CompanyPhase.Pmf => "pmf",
        CompanyPhase.GtmFit => "gtm-fit",
        _ => "scale",
    };

    /// <summary>The code of an ACV band: <c>lt15k</c>, <c>15k-50k</c>, <c>gt50k</c>.</summary>
    public static string Code(this AcvBand acv) => acv switch
    {
        AcvBand.Under15K => "lt15k",
        AcvBand.From15KTo50K => "15k-50k",
        _ => "gt50k",
    };

    /// <summary>The name of a phase as people say it.</summary>
    public static string DisplayName(this CompanyPhase phase) => phase switch
    {
        CompanyPhase.Pmf => "PMF",
        CompanyPhase.GtmFit => "GTM Fit",
        _ => "Scale",
    };

    /// <summary>The name of an ACV band as people say it.</summary>
    public static string DisplayName(this AcvBand acv) => acv switch
    {
        AcvBand.Under15K => "ACV under $15K",
        AcvBand.From15KTo50K => "ACV $15K–$50K",
        _ => "ACV over $50K",
    };

    /// <summary>Parses a phase code; null when it is not one.</summary>
    public static CompanyPhase? ParsePhase(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "pmf" => CompanyPhase.Pmf,
        "gtm-fit" => CompanyPhase.GtmFit,
        "scale" => CompanyPhase.Scale,
        _ => null,
    };

    /// <summary>Parses an ACV band code; null when it is not one.</summary>
    public static AcvBand? ParseAcv(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "lt15k" => AcvBand.Under15K,
        "15k-50k" => AcvBand.From15KTo50K,
        "gt50k" => AcvBand.Over50K,
        _ => null,
    };
}
