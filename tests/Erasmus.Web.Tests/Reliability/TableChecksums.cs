using System.Collections.Concurrent;
using Npgsql;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>
/// A checksum per table (its row count and the sum of a hash of every row), read in one round trip:
/// equal checksums before and after a request prove that the request wrote nothing.
/// </summary>
public static class TableChecksums
{
    private static readonly ConcurrentDictionary<string, string[]> Tables = new(StringComparer.Ordinal);

    /// <summary>Every table of the public schema, or those <paramref name="include"/> accepts.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(string connectionString, Func<string, bool>? include = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (!Tables.TryGetValue(connectionString, out var all))
        {
            var names = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }

            all = Tables[connectionString] = [.. names];
        }

        var tables = all.Where(t => include?.Invoke(t) ?? true).ToList();
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        if (tables.Count == 0)
        {
            return sums;
        }

        // A sum of row hashes needs no sort, so it stays cheap while the audit trail grows.
        var sql = string.Join(" UNION ALL ", tables.Select(t =>
            $"SELECT '{t}', count(*)::text || ':' || coalesce(sum(hashtextextended(t::text, 0)), 0)::text FROM \"{t}\" t"));
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            sums[rows.GetString(0)] = rows.GetString(1);
        }

        return sums;
    }

    /// <summary>The tables whose checksum differs.</summary>
    public static List<string> Changed(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        [.. before.Keys.Concat(after.Keys).Distinct(StringComparer.Ordinal)
            .Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order(StringComparer.Ordinal)];
}
