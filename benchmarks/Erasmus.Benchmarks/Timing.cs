using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Erasmus.Benchmarks;

/// <summary>Milliseconds of a series of runs, summarised by median and 95th percentile (nearest rank).</summary>
public sealed record Stats(int Count, double Median, double P95, double Min, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = milliseconds.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new Stats(sorted.Length, median, Rank(0.95), sorted[0], sorted[^1]);
    }

    public static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "F1" : "F0", CultureInfo.InvariantCulture) + " ms";
}

public static class Timing
{
    /// <summary>
    /// Requests a page <paramref name="count"/> times one after the other (after <paramref name="warmUp"/>
    /// untimed ones) and times each until its last byte; any answer but 200 stops the benchmark.
    /// </summary>
    public static async Task<(Stats Stats, double FirstMs, long Bytes)> HttpAsync(HttpClient client, string url, int count, int warmUp = 2)
    {
        var first = double.NaN;
        long bytes = 0;
        var times = new List<double>(count);
        for (var i = 0; i < warmUp + count; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = clock.Elapsed.TotalMilliseconds;
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
            }

            bytes = body.Length;
            if (i == 0)
            {
                first = elapsed;
            }

            if (i >= warmUp)
            {
                times.Add(elapsed);
            }
        }

        return (Stats.Of(times), first, bytes);
    }

    /// <summary>Runs one SQL statement <paramref name="count"/> times on one open connection (JIT off), reading every row.</summary>
    public static async Task<(Stats Stats, long Rows)> SqlAsync(string connectionString, string sql, DateOnly asOf, int count, int warmUp = 2)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // As the app's own aggregates run: PostgreSQL's JIT spends more on compiling these than it saves.
        await using (var settings = new NpgsqlCommand("SET jit = off", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        var times = new List<double>(count);
        long rows = 0;
        for (var i = 0; i < warmUp + count; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("as_of", asOf));
            await using var reader = await command.ExecuteReaderAsync();
            rows = 0;
            while (await reader.ReadAsync())
            {
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    _ = reader.GetValue(c);
                }

                rows++;
            }

            if (i >= warmUp)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return (Stats.Of(times), rows);
    }
}
