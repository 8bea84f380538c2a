using Npgsql;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// Which PostgreSQL server the tests and the benchmarks use, decided in this one place (the
/// benchmarks compile this file too). A server that outlives the run is <c>ERASMUS_TEST_DB</c> when
/// set, else the project-local test cluster that test.sh starts. The tests prefer a container of
/// their own when a container engine answers (TestServer.Containers.cs); the benchmarks never do,
/// since they keep their large datasets between runs.
/// </summary>
public static partial class TestServer
{
    /// <summary>test.sh's local test cluster (scripts/postgres.sh: port 55433, role erasmus).</summary>
    public const string LocalCluster = "Host=127.0.0.1;Port=55433;Username=erasmus;Password=erasmus";

    /// <summary>A server connection string (no Database=): ERASMUS_TEST_DB, else the local test cluster.</summary>
    public static string Configured =>
        Environment.GetEnvironmentVariable("ERASMUS_TEST_DB") is { Length: > 0 } given ? given : LocalCluster;

    /// <summary>Says which of the two <see cref="Configured"/> is, without the password.</summary>
    public static string ConfiguredDescription =>
        Environment.GetEnvironmentVariable("ERASMUS_TEST_DB") is { Length: > 0 }
            ? $"ERASMUS_TEST_DB ({HostAndPort(Configured)})"
            : $"the local test cluster ({HostAndPort(LocalCluster)}) that test.sh starts";

    private static string HostAndPort(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}";
    }
}
