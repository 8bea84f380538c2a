using Erasmus.Domain.Attainment;
using Erasmus.Domain.Population;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// Rates per 1 000 and ranks of every county for the targets of a national view (the county matrix,
/// a target's county table), from the population figures of the view's year; whether they are demo figures.
/// </summary>
public sealed record CountyRates(IReadOnlyDictionary<string, TargetRates> ByTarget, bool IsDemo)
{
    public const string ViewDataKey = "CountyRates";

    public TargetRates? Of(string targetCode) => ByTarget.GetValueOrDefault(targetCode);

    /// <summary>Null while no population figure is loaded for the view's year; <paramref name="results"/> are results without a county.</summary>
    public static async Task<CountyRates?> LoadAsync(AttainmentService attainment, AttainmentParameters parameters, IEnumerable<TargetResult> results,
        CancellationToken cancellationToken)
    {
        var national = parameters with { County = null };
        var populations = await attainment.PopulationSharesAsync(national, cancellationToken);
        if (populations.Count == 0)
        {
            return null;
        }

        var byTarget = results.Select(r => (r.Target.Code, Rates: TargetRates.Of(r, populations)))
            .Where(x => x.Rates is not null)
            .ToDictionary(x => x.Code, x => x.Rates!, StringComparer.Ordinal);
        return byTarget.Count == 0 ? null : new CountyRates(byTarget, await attainment.PopulationIsDemoAsync(national, cancellationToken));
    }
}
