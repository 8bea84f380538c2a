using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Erasmus.Web.Infrastructure.Errors;

/// <summary>Tells a database that cannot be reached (down, restarting, timing out) from a bug.</summary>
public static class DatabaseOutage
{
    /// <summary>
    /// True when the exception, or one it wraps, says the database is unavailable: retries were
    /// exhausted, the connection failed or broke, a command or the pool timed out, or the server
    /// refused work (shutting down, starting up, out of connections). Constraint violations,
    /// concurrency conflicts and SQL errors are bugs or user errors and stay false.
    /// </summary>
    public static bool IsOutage(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RetryLimitExceededException or TimeoutException or SocketException)
            {
                return true;
            }

            if (e is PostgresException postgres)
            {
                if (IsUnavailableState(postgres.SqlState))
                {
                    return true;
                }
            }
            else if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }

            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Any(IsOutage);
            }
        }

        return false;
    }

    // 08: connection exceptions; 53: insufficient resources (too many connections, disk full);
    // 57014: statement cancelled (a timeout); 57P01–57P05: admin/crash shutdown, cannot connect now.
    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state == "57014";
}
