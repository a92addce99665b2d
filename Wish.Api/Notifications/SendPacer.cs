namespace Wish.Api.Notifications;

/// <summary>
/// A token bucket on the injected clock: <c>rate</c> sends a second with a burst of a tenth of a second, so a short pause
/// between batches is made up without ever exceeding the rate over a second.
/// </summary>
public sealed class SendPacer(double ratePerSecond, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly double _capacity = Math.Max(1, ratePerSecond / 10);
    private double _tokens = Math.Max(1, ratePerSecond / 10);
    private long _last = clock.GetTimestamp();

    public async Task WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                _tokens = Math.Min(_capacity, _tokens + clock.GetElapsedTime(_last, now).TotalSeconds * ratePerSecond);
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / ratePerSecond);
            }
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, clock, ct);
        }
    }
}
