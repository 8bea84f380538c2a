using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>
/// The tests' choice: when a container engine answers (Docker, or podman's Docker-compatible
/// socket), each test process gets a PostgreSQL container of its own from Testcontainers;
/// otherwise the <see cref="Configured"/> server. <c>ERASMUS_TEST_CONTAINERS=off</c> skips the
/// engine; <c>ERASMUS_TEST_PG_IMAGE</c> names the image. docs/testing.md has the details.
/// </summary>
public static partial class TestServer
{
    /// <summary>
    /// PostgreSQL 15, as in the local cluster (Debian 12), so that both paths test the same server
    /// and the backup test's pg_dump 15 accepts it (pg_dump refuses a newer server).
    /// </summary>
    public const string DefaultImage = "postgres:15-bookworm";

    private static readonly Lazy<Uri?> Engine = new(AnsweringEngine);
    private static readonly Lazy<Task<string>> Server = new(StartAsync);
    private static readonly Lock ContainerLock = new();
    private static PostgreSqlContainer? _container;
    private static Task _removal = Task.CompletedTask;

    public static string Image =>
        Environment.GetEnvironmentVariable("ERASMUS_TEST_PG_IMAGE") is { Length: > 0 } image ? image : DefaultImage;

    /// <summary>True when this process runs its own container, which goes away with the process.</summary>
    public static bool IsOwnContainer => Engine.Value is not null;

    /// <summary>The choice in one line, for the start of the run (no password).</summary>
    public static string Description => Engine.Value is { } engine
        ? $"a PostgreSQL container of this test process from Testcontainers (image {Image}, engine {engine})"
        : ConfiguredDescription;

    /// <summary>The server connection string (no Database=); starts the container on first use.</summary>
    public static Task<string> ConnectionStringAsync() => Server.Value;

    private static async Task<string> StartAsync()
    {
        if (Engine.Value is not { } engine)
        {
            return Configured;
        }

        var container = new PostgreSqlBuilder(Image)
            .WithDockerEndpoint(engine)
            .WithUsername("erasmus")
            .WithPassword("erasmus")
            // As the local cluster: C.UTF-8 sorting, and room for parallel test classes.
            .WithEnvironment("POSTGRES_INITDB_ARGS", "--encoding=UTF8 --locale=C.UTF-8")
            .WithCommand("-c", "max_connections=200")
            // The data in memory: a throwaway server, and the image's storage layer is slow to
            // write (DROP DATABASE, which checkpoints, ran out of its 30 s on a busy machine).
            .WithTmpfsMount("/var/lib/postgresql/data")
            .Build();
        lock (ContainerLock)
        {
            // Known before it starts, so that a failed start is cleaned up too.
            _container = container;
        }

        // ErasmusTestFramework removes it at the end of the run; this is for runners without it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveContainerAsync().GetAwaiter().GetResult();
        // Generous: the first run may pull the image.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            await container.StartAsync(timeout.Token);
        }

        return new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Database = null }.ConnectionString;
    }

    /// <summary>Stops and removes this process's container, if it started one; every caller waits for the one removal.</summary>
    public static Task RemoveContainerAsync()
    {
        lock (ContainerLock)
        {
            if (_container is { } container)
            {
                _container = null;
                _removal = container.DisposeAsync().AsTask();
            }

            return _removal;
        }
    }

    /// <summary>
    /// The engine at DOCKER_HOST, else at the usual sockets of Docker and podman, if it answers a
    /// ping within a second: a machine without an engine (CI here) must not wait for one.
    /// </summary>
    private static Uri? AnsweringEngine()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("ERASMUS_TEST_CONTAINERS"), "off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host)
        {
            return Uri.TryCreate(host, UriKind.Absolute, out var given) && Answers(given) ? given : null;
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        string?[] sockets =
        [
            "/var/run/docker.sock",
            runtime is null ? null : Path.Combine(runtime, "docker.sock"),
            Path.Combine(home, ".docker", "run", "docker.sock"),
            Path.Combine(home, ".docker", "desktop", "docker.sock"),
            runtime is null ? null : Path.Combine(runtime, "podman", "podman.sock"),
            "/run/podman/podman.sock",
        ];
        return sockets.Where(File.Exists).Select(path => new Uri("unix://" + path)).FirstOrDefault(Answers);
    }

    private static bool Answers(Uri endpoint)
    {
        var unix = endpoint.Scheme == "unix";
        if (!unix && endpoint.Scheme != "tcp")
        {
            return false;
        }

        try
        {
            using var socket = unix
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            EndPoint address = unix ? new UnixDomainSocketEndPoint(endpoint.AbsolutePath) : new DnsEndPoint(endpoint.Host, endpoint.Port);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            socket.ConnectAsync(address, timeout.Token).AsTask().GetAwaiter().GetResult();
            if (!unix && Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY") is { Length: > 0 })
            {
                // A TLS endpoint does not answer plain HTTP; a connection is the best cheap sign.
                return true;
            }

            socket.ReceiveTimeout = 1000;
            socket.Send(Encoding.ASCII.GetBytes("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"));
            var buffer = new byte[256];
            var read = socket.Receive(buffer);
            var status = Encoding.ASCII.GetString(buffer, 0, read);
            return status.StartsWith("HTTP/1.", StringComparison.Ordinal) && status.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            return false;
        }
    }
}
