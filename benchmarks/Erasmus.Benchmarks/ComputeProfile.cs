using System.Diagnostics;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Attainment;
using Microsoft.Extensions.DependencyInjection;

namespace Erasmus.Benchmarks;

/// <summary>The engine alone on cached inputs: how long each target takes to compute (a profiling aid, not part of "all").</summary>
public static class ComputeProfile
{
    public static async Task<int> RunAsync(Options options)
    {
        var connectionString = BenchDatabase.ConnectionString(options, options.Value("--database") ?? throw new ArgumentException("--database NAME"));
        await using var services = BenchDatabase.Services(connectionString);
        await using var scope = services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<AttainmentSql>();
        var asOf = DateOnly.FromDateTime(DateTime.Now);
        var targets = await queries.TargetsAsync();
        foreach (var basis in new[] { CountingBasis.Awarded, CountingBasis.Realised })
        {
            var before = GC.GetTotalMemory(true);
            var inputs = await queries.InputsAsync(asOf, basis, byProject: false);
            var afterInputs = GC.GetTotalMemory(true);
            var parameters = new AttainmentParameters(asOf, basis);
            var kept = AttainmentCalculator.Compute(inputs, targets, parameters);
            var afterResult = GC.GetTotalMemory(true);
            var perProject = await queries.InputsAsync(asOf, basis, byProject: true);
            var afterPerProject = GC.GetTotalMemory(true);
            Console.WriteLine($"{basis}: inputs {(afterInputs - before) / 1048576.0:F1} MiB, result {(afterResult - afterInputs) / 1048576.0:F1} MiB, per-project inputs {(afterPerProject - afterResult) / 1048576.0:F1} MiB ({perProject.Awarded.Count + perProject.Realised.Count} facts) {kept.Targets.Count}");
            GC.KeepAlive(kept);
            GC.KeepAlive(perProject);
            var total = Stopwatch.StartNew();
            for (var i = 0; i < 5; i++)
            {
                AttainmentCalculator.Compute(inputs, targets, parameters);
            }

            Console.WriteLine($"{basis}: Compute {total.Elapsed.TotalMilliseconds / 5:F1} ms ({inputs.Projects.Count} projects, {inputs.Awarded.Count + inputs.Realised.Count} facts)");
            foreach (var target in targets)
            {
                var clock = Stopwatch.StartNew();
                var result = AttainmentCalculator.ComputeTarget(inputs, target, parameters);
                Console.WriteLine($"  {target.Code}: {clock.Elapsed.TotalMilliseconds:F1} ms, {result.CountedItems.Count} counted items");
            }
        }

        return 0;
    }
}
