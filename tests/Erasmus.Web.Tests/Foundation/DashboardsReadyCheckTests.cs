using Erasmus.Web.Data;
using Erasmus.Web.Features.Attainment;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Tests.Foundation;

/// <summary>The app is not ready while today's dashboards are computed at start-up (issue 19: no first request waits for them).</summary>
public sealed class DashboardsReadyCheckTests
{
    [Fact]
    public async Task Not_ready_until_the_warm_up_has_finished()
    {
        var state = new WarmUpState();
        var check = new DashboardsReadyCheck(state, Options.Create(new DataCacheOptions { WarmUp = true }));

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        state.Finished();
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Unhealthy, HealthStatus.Healthy), (before.Status, after.Status));
    }

    [Fact]
    public async Task Ready_at_once_when_the_warm_up_is_switched_off()
    {
        var state = new WarmUpState();
        using var warmUp = new AttainmentWarmUp(null!, Options.Create(new DataCacheOptions { WarmUp = false }), TimeProvider.System, state,
            NullLogger<AttainmentWarmUp>.Instance);

        await warmUp.StartAsync(CancellationToken.None);
        await (warmUp.ExecuteTask ?? Task.CompletedTask);

        Assert.True(state.IsFinished);
    }

    [Fact]
    public async Task Ready_before_the_switched_off_warm_up_has_even_begun()
    {
        // Since .NET 10 a BackgroundService starts on a thread of its own: the probe must not depend on it having run.
        var check = new DashboardsReadyCheck(new WarmUpState(), Options.Create(new DataCacheOptions { WarmUp = false }));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }
}
