namespace SalesWheel.Data;

/// <summary>The stored lengths of a team metric's texts, checked by every way metrics come in.</summary>
public static class TeamMetricLimits
{
    public const int NameLength = 100;

    public const int TeamLength = 200;

    public const int UnitLength = 20;

    /// <summary>The most metrics one assessment holds (columns of the file or form).</summary>
    public const int MaximumMetrics = 20;

    /// <summary>The most teams one assessment's metrics hold (rows of the file or form).</summary>
    public const int MaximumTeams = 500;
}
