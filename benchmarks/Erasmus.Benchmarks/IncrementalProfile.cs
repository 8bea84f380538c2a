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
        // Two designs side by side, each with a cache of its own, timed alternately after the same writes (decision 0011, amendment 2).
        await using var following = BenchDatabase.Services(connectionString);
        await using var listing = BenchDatabase.Services(connectionString, new Dictionary<string, string?> { ["Cache:FollowProjects"] = "false" });
        (string Name, ServiceProvider Services)[] designs = [("sums per project", following), ("items listed and compared", listing)];
        var asOf = DateOnly.FromDateTime(DateTime.Now);
        var rounds = options.Whole("--rounds", 10);
        Console.WriteLine($"{Machine.Load()}");
        foreach (var (name, services) in designs)
        {
            foreach (var basis in new[] { CountingBasis.Realised, CountingBasis.Awarded })
            {
                Console.WriteLine($"{name}: first {basis}: {await TimeAsync(services, asOf, basis):F0} ms; again {await TimeAsync(services, asOf, basis):F1} ms");
            }
        }

        foreach (var (write, sql) in new[]
                 {
                     ("mobility participants +1", "UPDATE mobilities SET participant_count = participant_count + 1 WHERE id = (SELECT min(id) FROM mobilities WHERE status = 'Realised')"),
                     ("project green travel toggled", "UPDATE projects SET green_travel_top_up = NOT green_travel_top_up WHERE id = (SELECT min(id) FROM projects WHERE status = 'Completed')"),
                     ("project's coordinator swapped with a partner in another county", """
                         WITH p AS (SELECT pp.project_id, pp.organisation_id AS partner, pr.coordinator_id FROM project_partners pp
                                    JOIN projects pr ON pr.id = pp.project_id JOIN organisations o ON o.id = pp.organisation_id
                                    JOIN organisations c ON c.id = pr.coordinator_id
                                    WHERE pr.status = 'Completed' AND o.country_code = 'NO' AND c.country_code = 'NO' AND o.county_number <> c.county_number
                                    ORDER BY pp.project_id, pp.organisation_id LIMIT 1),
                              gone AS (DELETE FROM project_partners pp USING p WHERE pp.project_id = p.project_id AND pp.organisation_id = p.partner RETURNING pp.project_id),
                              added AS (INSERT INTO project_partners (project_id, organisation_id) SELECT project_id, coordinator_id FROM p RETURNING project_id)
                         UPDATE projects SET coordinator_id = p.partner FROM p WHERE projects.id = p.project_id
                         """),
                     ("award participants +1", "UPDATE awarded_mobilities SET participants = participants + 1 WHERE (project_id, activity_type_code) = (SELECT project_id, activity_type_code FROM awarded_mobilities ORDER BY 1, 2 LIMIT 1)"),
                 })
        {
            var realised = designs.Select(_ => new List<double>()).ToArray();
            var awarded = designs.Select(_ => new List<double>()).ToArray();
            var inputs = designs.Select(_ => new List<double>()).ToArray();
            var detail = designs.Select(_ => new List<double>()).ToArray();
            for (var i = 0; i < rounds; i++)
            {
                await using (var connection = new NpgsqlConnection(connectionString))
                {
                    await connection.OpenAsync();
                    await using var command = new NpgsqlCommand(sql, connection);
                    await command.ExecuteNonQueryAsync();
                }

                // Alternate which design goes first, so neither always finds the database's caches warmer.
                foreach (var d in i % 2 == 0 ? [0, 1] : new[] { 1, 0 })
                {
                    inputs[d].Add(await InputsAsync(designs[d].Services, asOf, CountingBasis.Realised));
                    realised[d].Add(inputs[d][^1] + await TimeAsync(designs[d].Services, asOf, CountingBasis.Realised));
                    awarded[d].Add(await TimeAsync(designs[d].Services, asOf, CountingBasis.Awarded));
                    detail[d].Add(await DetailAsync(designs[d].Services, asOf, CountingBasis.Realised));
                }
            }

            for (var d = 0; d < designs.Length; d++)
            {
                Console.WriteLine($"after a write ({write}), {designs[d].Name}, median of {rounds}: realised {Stats.Ms(Stats.Of(realised[d]).Median)} (max {Stats.Ms(Stats.Of(realised[d]).Max)}), awarded {Stats.Ms(Stats.Of(awarded[d]).Median)} (max {Stats.Ms(Stats.Of(awarded[d]).Max)}); of the realised, bringing the inputs up to date {Stats.Ms(Stats.Of(inputs[d]).Median)}; then the {DetailTarget} page's target and records, realised {Stats.Ms(Stats.Of(detail[d]).Median)} (max {Stats.Ms(Stats.Of(detail[d]).Max)})");
            }
        }

        var counts = following.GetRequiredService<TargetResultMemo>().Counts;
        Console.WriteLine($"sums per project: {counts.ProjectsRead} projects' items read again, {counts.WholeReads} targets read whole, {counts.ListedAgain} results from items listed whole");
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

    /// <summary>A target page's target, its records named and in order (what a detail page computes after a write).</summary>
    private const string DetailTarget = "MOB-VET-LEARNERS";

    private static async Task<double> DetailAsync(IServiceProvider services, DateOnly asOf, CountingBasis basis)
    {
        await using var scope = services.CreateAsyncScope();
        var clock = Stopwatch.StartNew();
        await scope.ServiceProvider.GetRequiredService<AttainmentService>().ComputeTargetAsync(DetailTarget, new AttainmentParameters(asOf, basis));
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
