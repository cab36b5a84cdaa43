using Microsoft.AspNetCore.Mvc;
using SalesWheel.Core.Scoring;
using SalesWheel.Data;
using SalesWheel.Data.Entities;

namespace SalesWheel.Web.Features.Benchmarks;

/// <summary>
/// On a released assessment's results: each driver's score with its percentile among comparable organizations
/// (<see cref="PeerPool.ForAsync"/>), its source and count, or why there is none. Only for instruments of the eight drivers.
/// </summary>
public sealed class BenchmarkTable(PeerPool pool) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Organization organization, Assessment assessment, ScoreReport report)
    {
        if (PeerPool.DriverScores(report).Count == 0)
        {
            return Content("");
        }

        var benchmarks = await pool.ForAsync(organization, assessment, report, HttpContext.RequestAborted);
        var names = report.Dimensions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        return View("/Features/Benchmarks/_Benchmarks.cshtml", (benchmarks, (IReadOnlyDictionary<string, string>)names));
    }
}
