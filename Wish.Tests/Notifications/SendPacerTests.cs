using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Notifications;

namespace WeChatWish.Tests.Notifications;

/// <summary>The pacer on a fake clock: never more than the rate in any second, and a sender that stalls briefly catches up.</summary>
public sealed class SendPacerTests
{
    /// <summary>
    /// A sender that asks for a send whenever it may, except while it is busy elsewhere: for <paramref name="stall"/> every 370 ms of
    /// wall-clock time (a slow answer, another process on the CPU), whether or not it was waiting for the pacer. Returns when each send started.
    /// </summary>
    private static List<DateTimeOffset> Run(double rate, TimeSpan duration, TimeSpan stall)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        var pacer = new SendPacer(rate, clock);
        var start = clock.GetUtcNow();
        var period = TimeSpan.FromMilliseconds(370);
        var sends = new List<DateTimeOffset>();
        while (clock.GetUtcNow() - start < duration)
        {
            var busyFor = stall - TimeSpan.FromTicks((clock.GetUtcNow() - start).Ticks % period.Ticks);
            if (busyFor > TimeSpan.Zero) clock.Advance(busyFor);
            else if (pacer.TryTake(out var wait)) sends.Add(clock.GetUtcNow());
            else clock.Advance(wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1));
        }
        return sends;
    }

    /// <summary>The largest number of sends that start within any half-open one-second span.</summary>
    private static int BusiestSecond(List<DateTimeOffset> sends)
    {
        var busiest = 0;
        for (int first = 0, last = 0; first < sends.Count; first++)
        {
            while (last < sends.Count && sends[last] < sends[first].AddSeconds(1)) last++;
            busiest = Math.Max(busiest, last - first);
        }
        return busiest;
    }

    [TestCase(1000, 0)]
    [TestCase(1000, 60)]
    [TestCase(1000, 150)]
    [TestCase(20, 60)]
    [TestCase(6.5, 300)]
    public void NoSecondHasMoreSendsThanTheRateEvenWhileCatchingUp(double rate, int stallMs)
    {
        var sends = Run(rate, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(stallMs));
        Assert.That(BusiestSecond(sends), Is.LessThanOrEqualTo((int)Math.Ceiling(rate)));
    }

    [TestCase(1000)]
    [TestCase(20)]
    public void StallsShorterThanTheBurstAreMadeUp(double rate)
    {
        // Busy 60 ms out of every 370: a pacer without catch-up would send 16 % less.
        var sends = Run(rate, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(60));
        var achieved = (sends.Count - 1) / (sends[^1] - sends[0]).TotalSeconds;
        Assert.That(achieved, Is.GreaterThanOrEqualTo(rate * 0.99));
    }

    [Test]
    public async Task AWaitingSenderGoesOnWhenTheClockReachesItsTurn()
    {
        var clock = new FakeTimeProvider();
        var pacer = new SendPacer(10, clock);
        await pacer.WaitAsync(CancellationToken.None); // the burst of a tenth of a second: one send at 10/s
        var waiting = pacer.WaitAsync(CancellationToken.None);
        Assert.That(waiting.IsCompleted, Is.False);

        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.That(waiting.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
