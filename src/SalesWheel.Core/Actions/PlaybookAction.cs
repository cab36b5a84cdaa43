using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Actions;

/// <summary>How long an action usually takes to put in place.</summary>
public enum ActionEffort
{
    /// <summary>A few days: a decision, a meeting, a document.</summary>
    Days,

    /// <summary>A few weeks: a routine to set up, a report to build.</summary>
    Weeks,

    /// <summary>About a quarter: a plan, a program or a system to change.</summary>
    Quarter,
}

/// <summary>
/// One concrete thing a sales organization can do about one facet of one driver, from the playbook
/// (<see cref="Playbook"/>): who usually owns it, how long it takes, when it fits, and which statements of
/// the instrument should move in the next wave if it works.
/// </summary>
public sealed record PlaybookAction
{
    /// <summary>Stable id, <c>driver.facet.name</c>, e.g. <c>enablement.coaching.live-call-feedback</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The driver's id in the instrument, e.g. <c>enablement</c>.</summary>
    public required string Driver { get; init; }

    /// <summary>The facet's id within the driver, e.g. <c>coaching</c>.</summary>
    public required string Facet { get; init; }

    /// <summary>A short imperative title, e.g. "Protect a coaching one-to-one every two weeks".</summary>
    public required string Title { get; init; }

    /// <summary>What to do, in 2 to 4 sentences.</summary>
    public required string WhatToDo { get; init; }

    /// <summary>Who typically owns it, e.g. "VP Sales", "RevOps", "Front-line manager".</summary>
    public required string Owner { get; init; }

    /// <summary>How long it usually takes to put in place.</summary>
    public required ActionEffort Effort { get; init; }

    /// <summary>The company phases it fits (at least one).</summary>
    public required IReadOnlyList<CompanyPhase> Phases { get; init; }

    /// <summary>The ACV bands it fits (at least one).</summary>
    public required IReadOnlyList<AcvBand> AcvBands { get; init; }

    /// <summary>Ids of the driver's statements (items) that should move in the next wave if it works (1 to 4).</summary>
    public required IReadOnlyList<string> Moves { get; init; }

    /// <summary>True when the action fits the phase and the ACV band; an unknown (null) phase or band fits any.</summary>
    public bool Fits(CompanyPhase? phase, AcvBand? acv) =>
        (phase is not { } p || Phases.Contains(p)) && (acv is not { } a || AcvBands.Contains(a));
}

/// <summary>The code of an effort in the playbook file and on the command line.</summary>
public static class ActionEffortCodes
{
    /// <summary><c>days</c>, <c>weeks</c> or <c>quarter</c>.</summary>
    public static string Code(this ActionEffort effort) => effort switch
    {
        ActionEffort.Days => "days",
        ActionEffort.Weeks => "weeks",
        _ => "quarter",
    };

    /// <summary>The effort as people say it: "days", "weeks" or "a quarter".</summary>
    public static string DisplayName(this ActionEffort effort) => effort == ActionEffort.Quarter ? "a quarter" : effort.Code();

    /// <summary>Parses an effort code; null when it is not one.</summary>
    public static ActionEffort? ParseEffort(string? code) => code switch
    {
        "days" => ActionEffort.Days,
        "weeks" => ActionEffort.Weeks,
        "quarter" => ActionEffort.Quarter,
        _ => null,
    };
}
