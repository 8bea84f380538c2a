using Erasmus.Domain.Attainment;
using Erasmus.Web.Data;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Features.Attainment;

/// <summary>
/// Reads today's facts and computes both dashboards once the app has started, so the first analyst does
/// not wait for a million records to be read (Cache:WarmUp, on in appsettings.json). A request that
/// comes while it runs waits for the same computation (one per entry), and a write meanwhile is brought
/// in as after any other. Failures are only logged: the first request computes as it would anyway.
/// </summary>
public sealed class AttainmentWarmUp(IServiceScopeFactory scopes, IOptions<DataCacheOptions> options, TimeProvider time, ILogger<AttainmentWarmUp> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmUp || options.Value.Megabytes <= 0)
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        try
        {
            foreach (var basis in new[] { CountingBasis.Awarded, CountingBasis.Realised })
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
    }
}
