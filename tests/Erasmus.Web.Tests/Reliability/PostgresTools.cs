using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Erasmus.Web.Data;
using Erasmus.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Erasmus.Web.Tests.Reliability;

/// <summary>The PostgreSQL programs (initdb, pg_ctl, pg_dump, pg_restore) and a way to run them.</summary>
public static class PostgresTools
{
    /// <summary>test.sh sets ERASMUS_PG_BIN; otherwise the newest Debian server binaries.</summary>
    public static string BinDirectory
    {
        get
        {
            var given = Environment.GetEnvironmentVariable("ERASMUS_PG_BIN");
            if (!string.IsNullOrEmpty(given) && File.Exists(Path.Combine(given, "initdb")))
            {
                return given;
            }

            var debian = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                    .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).LastOrDefault()
                : null;
            return debian ?? throw new InvalidOperationException("PostgreSQL server binaries not found: run the tests through ./test.sh (it sets ERASMUS_PG_BIN).");
        }
    }

    /// <summary>PostgreSQL refuses to run as root: then the server programs run as the postgres OS user.</summary>
    public static bool RunsAsRoot => Environment.IsPrivilegedProcess;

    /// <summary>Runs a program to its end; returns what it wrote to standard output, throws with its errors if it failed.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, bool asServerUser = false,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo
        {
            FileName = asServerUser && RunsAsRoot ? "runuser" : program,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        if (asServerUser && RunsAsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                info.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', info.ArgumentList)} did not finish in time.");
        }

        var (output, errors) = (await stdout, await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {output}{errors}");
        }

        return output;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Applies the migrations and seeds reference data and roles, as a deploy step would.</summary>
    public static async Task MigrateAndSeedAsync(string connectionString)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddDbContext<ErasmusDbContext>(o => DatabaseSetup.Configure(o, connectionString, new DatabaseOptions()))
            .AddScoped<ICurrentUser, SystemUser>()
            .BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ErasmusDbContext>().Database.MigrateAsync();
            await DatabaseSeeder.SeedAsync(scope.ServiceProvider, reference: true);
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// A PostgreSQL server of the test's own, initialised in a temporary folder on a free port, so
/// that a test can stop it (as a crash would) and start it again without touching the shared one.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _root;
    private bool _running;

    private PrivatePostgres(string root, int port)
    {
        _root = root;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    private static string Program(string name) => Path.Combine(PostgresTools.BinDirectory, name);

    public static async Task<PrivatePostgres> InitialiseAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), $"erasmus-pg-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(root);
        if (PostgresTools.RunsAsRoot)
        {
            await PostgresTools.RunAsync("chown", ["postgres:postgres", root]);
        }

        var server = new PrivatePostgres(root, PostgresTools.FreePort());
        // Loopback only, trust authentication, no fsync: a throwaway server.
        await PostgresTools.RunAsync(Program("initdb"), ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"],
            asServerUser: true, workingDirectory: root);
        await server.StartAsync();
        return server;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres", IncludeErrorDetail = true }.ConnectionString;

    public async Task StartAsync()
    {
        await PostgresTools.RunAsync(Program("pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
             "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"],
            asServerUser: true, workingDirectory: _root);
        _running = true;
    }

    /// <summary>Stops the server the way a crash or a pulled plug would: no shutdown checkpoint, connections cut.</summary>
    public async Task StopImmediatelyAsync()
    {
        await PostgresTools.RunAsync(Program("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asServerUser: true, workingDirectory: _root);
        _running = false;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_running)
        {
            await PostgresTools.RunAsync(Program("pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], asServerUser: true, workingDirectory: _root);
        }

        Directory.Delete(_root, recursive: true);
    }
}
