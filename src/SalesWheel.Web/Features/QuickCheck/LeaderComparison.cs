using Microsoft.AspNetCore.Mvc;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;

namespace SalesWheel.Web.Features.QuickCheck;

/// <summary>One driver seen by the leader (their quick check) and by the team (the shared result).</summary>
public sealed record LeaderGap(string Driver, double Leader, double Team)
{
    /// <summary>
    /// Leader minus team, in score points, from the scores as printed (one decimal), so the three numbers on a row
    /// agree: above 0 the leader sees it more favourably than the team does.
    /// </summary>
    public double Gap => Math.Round(Leader, 1, MidpointRounding.AwayFromZero) - Math.Round(Team, 1, MidpointRounding.AwayFromZero);
}

/// <summary>
/// On a team assessment's results: the organization's leader's quick check next to the team's scores, driver by driver
/// (the perception gap). Only drivers both have a score for; a team score hidden by the shared result stays hidden, so
/// the team numbers are exactly those the page already shows. Nothing is shown without an attached quick check.
/// </summary>
public sealed class LeaderComparison(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid organizationId, ScoreReport team)
    {
        if (await LeaderCheck.LatestAsync(db, organizationId, HttpContext.RequestAborted) is not { } check)
        {
            return Content("");
        }

        var leader = ResultModel.Score(check);
        var leaderScores = leader.Dimensions.Where(d => d.Score is not null).ToDictionary(d => d.Id, d => d.Score!.Value, StringComparer.Ordinal);
        var rows = team.Dimensions
            .Where(d => d.Kind != "outcome" && d.Score is not null && leaderScores.ContainsKey(d.Id))
            .Select(d => new LeaderGap(d.Name, leaderScores[d.Id], d.Score!.Value))
            .ToList();
        return rows.Count == 0 ? Content("") : View("/Features/QuickCheck/_LeaderComparison.cshtml", (check.Id, (IReadOnlyList<LeaderGap>)rows));
    }
}
