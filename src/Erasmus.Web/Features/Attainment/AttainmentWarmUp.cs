using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// Reads today's facts and computes both dashboards once the app has started, so the first analyst does
/// not wait for a million records to be read (Cache:WarmUp, on in appsettings.json). Until it has finished
/// the app is not ready (<see cref="DashboardsReadyCheck"/> on /health/ready), so a load balancer sends it no
/// one; a request that comes anyway waits for the same computation (one per entry), and a write meanwhile
/// is brought in as after any other. Failures are only logged: the first request computes as it would anyway.
/// </summary>
public sealed class AttainmentWarmUp(IServiceScopeFactory scopes, IOptions<DataCacheOptions> options, TimeProvider time, WarmUpState state,
    ILogger<AttainmentWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!DashboardsReadyCheck.WarmsUp(options.Value))
            {
                return;
            }

            var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
            // The realised basis first: it reads the most (the mobility facts), the awarded one is quick after it.
            foreach (var basis in new[] { CountingBasis.Realised, CountingBasis.Awarded })
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<AttainmentService>().ComputeAsync(new AttainmentParameters(today, basis), stoppingToken);
            }

            logger.LogInformation("Dashboards as of {AsOf} computed at start-up", today);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(e, "The dashboards could not be computed at start-up; the first request will");
        }
        finally
        {
            state.Finished();
        }
    }
}

/// <summary>Whether the start-up's computation of the dashboards has finished (done, failed or switched off).</summary>
public sealed class WarmUpState
{
    private volatile bool _finished;

    public bool IsFinished => _finished;

    public void Finished() => _finished = true;
}

/// <summary>
/// Not ready while today's dashboards are computed at start-up: the instance would answer its first
/// dashboards only when the warm-up is done (seconds at ten times national scale), so it takes no traffic until then.
/// </summary>
public sealed class DashboardsReadyCheck(WarmUpState state, IOptions<DataCacheOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!WarmsUp(options.Value)
            ? HealthCheckResult.Healthy("No warm-up at start-up.")
            : state.IsFinished
                ? HealthCheckResult.Healthy("Today's dashboards computed.")
                : HealthCheckResult.Unhealthy("Computing today's dashboards."));

    /// <summary>
    /// Whether a warm-up runs at all. Asked here too, not only by the warm-up, because a BackgroundService's
    /// ExecuteAsync runs on a thread of its own since .NET 10: a probe may come before it has even begun.
    /// </summary>
    internal static bool WarmsUp(DataCacheOptions options) => options.WarmUp && options.Megabytes > 0;
}
