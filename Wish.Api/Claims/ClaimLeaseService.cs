using Microsoft.Extensions.Options;

namespace WeChatWish.Api.Claims;

/// <summary>Runs <see cref="ClaimLeaseSweeper"/> every <see cref="ClaimLeaseOptions.Interval"/> on every instance.</summary>
public sealed class ClaimLeaseService(
    ClaimLeaseSweeper sweeper, TimeProvider clock, IOptions<ClaimLeaseOptions> options, ILogger<ClaimLeaseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var result = await sweeper.RunOnceAsync(stoppingToken);
                if (result.Expired + result.Reminded > 0)
                    logger.LogInformation("Claim leases: {Expired} expired, {Reminded} reminders", result.Expired, result.Reminded);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a lost pass only delays expiry and reminders by one interval.
                logger.LogError(e, "Claim lease pass failed");
            }
        }
    }
}
