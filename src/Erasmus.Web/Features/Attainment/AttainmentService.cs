using Erasmus.Domain.Attainment;

namespace Erasmus.Web.Features.Attainment;

/// <summary>Fetches the aggregates and runs the pure calculator: the one source of every target figure.</summary>
public sealed class AttainmentService(AttainmentQueries queries)
{
    public async Task<AttainmentResult> ComputeAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default) =>
        (await ComputeWithInputsAsync(parameters, cancellationToken)).Result;

    /// <summary>The result and the aggregate inputs it was computed from, for pages that also need those (the county matrix, the workbook).</summary>
    public async Task<(AttainmentResult Result, AttainmentInputs Inputs)> ComputeWithInputsAsync(AttainmentParameters parameters, CancellationToken cancellationToken = default)
    {
        var targets = await queries.TargetsAsync(cancellationToken);
        var inputs = await queries.InputsAsync(parameters.AsOf, byProject: false, cancellationToken);
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

        var inputs = await queries.InputsAsync(parameters.AsOf, byProject: target.MetricKind == "mobility-participants", cancellationToken);
        return (AttainmentCalculator.ComputeTarget(inputs, target, parameters), inputs);
    }
}
