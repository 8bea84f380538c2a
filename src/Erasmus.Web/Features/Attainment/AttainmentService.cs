using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;

namespace Erasmus.Web.Features.Attainment;

/// <summary>Fetches the aggregates (through the cache) and runs the pure calculator: the one source of every target figure.</summary>
public sealed class AttainmentService(AttainmentQueries queries, AttainmentInputsCache cache, ErasmusDbContext db)
{
    public async Task<AttainmentResult> ComputeAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default) =>
        (await ComputeWithInputsAsync(parameters, cancellationToken)).Result;

    /// <summary>
    /// The result and the aggregate inputs it was computed from, for pages that also need those (the
    /// county matrix, the workbook). The inputs hold the mobility facts of the parameters' basis only.
    /// </summary>
    public async Task<(AttainmentResult Result, AttainmentInputs Inputs)> ComputeWithInputsAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var targets = await queries.TargetsAsync(cancellationToken);
        var inputs = await cache.GetAsync(db, parameters.AsOf, parameters.Basis, byProject: false, cancellationToken);
        return (AttainmentCalculator.Compute(inputs, targets, parameters), inputs);
    }

    /// <summary>One target with its counted records (per project for mobility targets), for the detail page.</summary>
    public async Task<(TargetResult Result, AttainmentInputs Inputs)?> ComputeTargetAsync(string code, AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var target = (await queries.TargetsAsync(cancellationToken)).FirstOrDefault(t => t.Code == code);
        if (target is null)
        {
            return null;
        }

        var inputs = await cache.GetAsync(db, parameters.AsOf, parameters.Basis, byProject: target.MetricKind == "mobility-participants", cancellationToken);
        return (AttainmentCalculator.ComputeTarget(inputs, target, parameters), inputs);
    }

    /// <summary>The county × sector matrix: it needs the accreditations and counties only, a few milliseconds uncached.</summary>
    public async Task<CountyMatrix> CountyMatrixAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default) =>
        CountyMatrix.Build((await queries.AccreditationPartAsync(parameters.AsOf, cancellationToken)).With(null, null), parameters);
}
