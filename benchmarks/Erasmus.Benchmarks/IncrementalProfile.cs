using System.Diagnostics;
using Erasmus.Domain.Attainment;
using Erasmus.Web.Features.Attainment;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Erasmus.Benchmarks;

/// <summary>
/// What the figures cost after a write, in-process and one at a time (a profiling aid, not part of "all"):
/// the first computation, then after a real change to one mobility record and to one project, each
/// followed by the dashboard on both bases, as the cache brings its facts up to date.
/// </summary>
public static class IncrementalProfile
{
    public static async Task<int> RunAsync(Options options)
    {
        var connectionString = BenchDatabase.ConnectionString(options, options.Value("--database") ?? throw new ArgumentException("--database NAME"));
        await BenchDatabase.MigrateAsync(connectionString);
        await using var services = BenchDatabase.Services(connectionString);
        var asOf = DateOnly.FromDateTime(DateTime.Now);
        var rounds = options.Whole("--rounds", 10);
        Console.WriteLine($"{Machine.Load()}");
        foreach (var basis in new[] { CountingBasis.Realised, CountingBasis.Awarded })
        {
            Console.WriteLine($"first {basis}: {await TimeAsync(services, asOf, basis):F0} ms; again {await TimeAsync(services, asOf, basis):F1} ms");
        }

        foreach (var (name, sql) in new[]
                 {
                     ("mobility participants +1", "UPDATE mobilities SET participant_count = participant_count + 1 WHERE id = (SELECT min(id) FROM mobilities WHERE status = 'Realised')"),
                     ("project green travel toggled", "UPDATE projects SET green_travel_top_up = NOT green_travel_top_up WHERE id = (SELECT min(id) FROM projects WHERE status = 'Completed')"),
                 })
        {
            var realised = new List<double>();
            var awarded = new List<double>();
            var realisedInputs = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                await using (var connection = new NpgsqlConnection(connectionString))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand(sql, connection);
                    await command.ExecuteNonQueryAsync();
                }

                realisedInputs.Add(await InputsAsync(services, asOf, CountingBasis.Realised));
                realised.Add(realisedInputs[^1] + await TimeAsync(services, asOf, CountingBasis.Realised));
                awarded.Add(await TimeAsync(services, asOf, CountingBasis.Awarded));
            }

            Console.WriteLine($"after a write ({name}), median of {rounds}: realised {Stats.Ms(Stats.Of(realised).Median)} (max {Stats.Ms(Stats.Of(realised).Max)}), awarded {Stats.Ms(Stats.Of(awarded).Median)} (max {Stats.Ms(Stats.Of(awarded).Max)}); of the realised, bringing the inputs up to date {Stats.Ms(Stats.Of(realisedInputs).Median)}");
        }

        Console.WriteLine($"{Machine.Load()}");
        return 0;
    }

    /// <summary>The inputs alone (versions read, views brought up to date): the rest of a dashboard's time is the targets' results.</summary>
    private static async Task<double> InputsAsync(IServiceProvider services, DateOnly asOf, CountingBasis basis)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        var cache = scope.ServiceProvider.GetRequiredService<AttainmentCache>();
        var db = scope.ServiceProvider.GetRequiredService<Erasmus.Web.Data.ErasmusDbContext>();
        await cache.InputsAsync(await cache.VersionsAsync(db, CancellationToken.None), asOf, basis, byProject: false, CancellationToken.None);
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(IServiceProvider services, DateOnly asOf, CountingBasis basis)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<AttainmentService>().ComputeAsync(new AttainmentParameters(asOf, basis));
        return clock.Elapsed.TotalMilliseconds;
    }
}
