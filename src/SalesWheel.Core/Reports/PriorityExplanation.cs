using System.Globalization;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Reports;

/// <summary>The words that explain a priority's rank, shared by every report and page.</summary>
public static class PriorityExplanation
{
    /// <summary>"High", "Medium" or "Low" for a relevance level 3, 2 or 1.</summary>
    public static string LevelWord(int level) => level switch { 3 => "High", 2 => "Medium", _ => "Low" };

    /// <summary>Why a driver ranks where it does: its score, and its relevance to the phase and the ACV band.</summary>
    public static string Reason(RankedDriver priority, ScoringContext context)
    {
        var score = $"scores {priority.Score.ToString("0.0", CultureInfo.InvariantCulture)}";
        if (priority.PhaseLevel is not { } phase || priority.AcvLevel is not { } acv)
        {
            return score;
        }

        var phaseName = ContextCodes.ParsePhase(context.Phase) is { } ph ? $"{ph.DisplayName()} phase" : "phase not given";
        var acvName = ContextCodes.ParseAcv(context.Acv) is { } ac ? ac.DisplayName() : "ACV band not given";
        return $"{score}; {LevelWord(phase).ToLowerInvariant()} relevance for {phaseName}, {LevelWord(acv).ToLowerInvariant()} for {acvName}";
    }
}
