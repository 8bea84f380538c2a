using Erasmus.Domain.Attainment;
using Erasmus.Domain.OpenData;
using Erasmus.Web.Features.Attainment;

namespace Erasmus.Web.Features.OpenData;

/// <summary>The published tables for a date and basis, with what they were computed for.</summary>
public sealed record OpenDataSet(AttainmentParameters Parameters, IReadOnlyList<OpenDataTable> Tables);

/// <summary>
/// The open-data tables from the same aggregate inputs and counted items as the dashboards (so the
/// published national totals are the dashboards' national figures), suppressed by the domain's pure
/// <see cref="SmallNumberSuppression"/>. A set is kept while its inputs are the same objects: the
/// suppression is the costly part, and the export is open to anyone.
/// </summary>
public sealed class OpenDataService(AttainmentService attainment, OpenDataMemo memo)
{
    public async Task<OpenDataSet> BuildAsync(DateOnly asOf, CountingBasis basis, CancellationToken cancellationToken = default)
    {
        var parameters = new AttainmentParameters(asOf, basis);
        var (result, inputs) = await attainment.ComputeWithInputsAsync(parameters, cancellationToken);
        var targets = result.Targets.Select(t => t.Target).ToList();
        if (memo.Find(parameters, inputs, targets) is { } kept)
        {
            return kept;
        }

        var counties = (await attainment.CountiesAsync(parameters, cancellationToken))
            .OrderBy(c => c.Number, StringComparer.Ordinal)
            .Select(c => new OpenDataRow(c.Number, c.Name))
            .ToList();
        var set = new OpenDataSet(parameters, OpenDataTables.Build(inputs, targets, parameters, counties));
        memo.Keep(parameters, inputs, targets, set);
        return set;
    }
}

/// <summary>The last open-data set per date and basis, kept while its inputs and targets are unchanged.</summary>
public sealed class OpenDataMemo
{
    private const int MostEntries = 50;
    private readonly Lock _gate = new();
    private readonly Dictionary<AttainmentParameters, (AttainmentInputs Inputs, List<TargetDefinition> Targets, OpenDataSet Set)> _entries = [];

    public OpenDataSet? Find(AttainmentParameters parameters, AttainmentInputs inputs, List<TargetDefinition> targets)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(parameters, out var entry) && ReferenceEquals(entry.Inputs, inputs)
                && entry.Targets.Count == targets.Count && entry.Targets.Zip(targets).All(p => ReferenceEquals(p.First, p.Second))
                ? entry.Set
                : null;
        }
    }

    public void Keep(AttainmentParameters parameters, AttainmentInputs inputs, List<TargetDefinition> targets, OpenDataSet set)
    {
        lock (_gate)
        {
            if (_entries.Count >= MostEntries)
            {
                _entries.Clear();
            }

            _entries[parameters] = (inputs, targets, set);
        }
    }
}
