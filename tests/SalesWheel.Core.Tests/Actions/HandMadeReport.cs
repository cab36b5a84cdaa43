using SalesWheel.Core.Instruments;
using SalesWheel.Core.Scoring;

namespace SalesWheel.Core.Tests.Actions;

/// <summary>Score reports of the built-in instrument made from chosen driver and facet scores, ranked by the engine.</summary>
internal static class HandMadeReport
{
    /// <summary>
    /// A report whose drivers have the given scores (drivers not given: 90) and whose facets have the given scores
    /// (facets not given: their driver's score; null: no score), ranked by <see cref="ScoringEngine.Prioritize"/>.
    /// </summary>
    public static ScoreReport Of(CompanyPhase? phase, AcvBand? acv, IReadOnlyDictionary<string, double> drivers,
        IReadOnlyDictionary<string, double?>? facets = null)
    {
        var instrument = BuiltInInstrument.Full;
        var dimensions = instrument.Drivers.Select(d =>
        {
            var score = drivers.TryGetValue(d.Id, out var s) ? s : 90;
            return new DimensionResult
            {
                Id = d.Id,
                Name = d.Name,
                Kind = "driver",
                Half = d.Half,
                N = 20,
                Score = score,
                AlphaN = 20,
                Flags = [],
                Facets = d.Facets.Select(f =>
                {
                    var facetScore = facets is not null && facets.TryGetValue($"{d.Id}.{f.Id}", out var fs) ? fs : score;
                    return new FacetResult(f.Id, f.Name, facetScore is null ? 0 : 20, null, facetScore, null, null, null, null);
                }).ToList(),
                Items = [],
            };
        }).ToList();
        var options = new ScoringOptions { Phase = phase, Acv = acv };
        return new ScoreReport
        {
            Instrument = new InstrumentInfo(instrument.Id, instrument.Name, instrument.Version, new ScaleInfo(1, 5)),
            Respondents = 20,
            Context = new ScoringContext(phase?.Code(), acv?.Code(), 5),
            Dimensions = dimensions,
            Breakdowns = [],
            Priorities = ScoringEngine.Prioritize(instrument, dimensions, options),
        };
    }
}
