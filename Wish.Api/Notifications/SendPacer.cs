namespace WeChatWish.Api.Notifications;

/// <summary>
/// Paces sends at <c>rate</c> a second on the injected clock. A token bucket spaces them evenly and lets a sender that stalled catch up
/// (a burst of up to a tenth of a second's sends); a sliding window over the last ⌈rate⌉ sends holds every one-second span to at most
/// ⌈rate⌉ sends, catching up included — as many as a perfectly even sender puts in some seconds.
/// </summary>
public sealed class SendPacer
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly double _rate;
    private readonly double _capacity;
    private readonly long _second;
    private readonly long[] _recent; // when each of the last ⌈rate⌉ sends started, a ring; _next is the oldest once it is full
    private int _next, _count;
    private double _tokens;
    private long _last;

    public SendPacer(double ratePerSecond, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ratePerSecond, NotificationOptions.MaxRatePerSecond);
        _clock = clock;
        _rate = ratePerSecond;
        _capacity = _tokens = Math.Max(1, ratePerSecond / 10);
        _second = clock.TimestampFrequency;
        _recent = new long[(int)Math.Ceiling(ratePerSecond)];
        _last = clock.GetTimestamp();
    }

    public async Task WaitAsync(CancellationToken ct)
    {
        // At least a millisecond: shorter timers round up to the scheduler's tick anyway, and the bucket counts the time overslept.
        while (!TryTake(out var wait))
            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, _clock, ct);
    }

    /// <summary>Takes a send now if both the bucket and the last second allow it; otherwise says how long to wait before asking again.</summary>
    public bool TryTake(out TimeSpan wait)
    {
        lock (_gate)
        {
            var now = _clock.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (now - _last) / (double)_second * _rate);
            _last = now;
            var windowWait = _count < _recent.Length ? 0 : _recent[_next] + _second - now;
            if (_tokens >= 1 && windowWait <= 0)
            {
                _tokens -= 1;
                _recent[_next] = now;
                _next = (_next + 1) % _recent.Length;
                _count = Math.Min(_count + 1, _recent.Length);
                wait = TimeSpan.Zero;
                return true;
            }
            var tokenWait = _tokens >= 1 ? 0 : (1 - _tokens) / _rate;
            wait = TimeSpan.FromSeconds(Math.Max(tokenWait, windowWait / (double)_second));
            return false;
        }
    }
}
