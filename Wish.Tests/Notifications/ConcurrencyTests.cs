using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Notifications;
using WeChatWish.Tests.Fakes;

namespace WeChatWish.Tests.Notifications;

/// <summary>Several instances and restarts: every recipient ends sent, failed or skipped, and none is sent twice.</summary>
public sealed class ConcurrencyTests : NotificationTestBase
{
    private static string[] OpenIds(int count) => [.. Enumerable.Range(1, count).Select(i => $"o-{i:D4}")];

    /// <summary>The jobs the stop tests cut part-way: 6 s of sends at 50 a second.</summary>
    private const int Rows = 300;

    [Test]
    [Retry(3)] // real-time sends and leases: a heavily loaded 2-core machine can push one run past its timings
    public async Task TwoDispatchersOnTheSameJobNeverSendToARecipientTwice()
    {
        // Generous timeouts and a token already cached: on a loaded machine nothing is retried, so every call is a claim's only send.
        await using var first = NewHost(b => b.UseSetting("WeChat:Http:RequestTimeout", "00:00:15").UseSetting("Notifications:BatchSize", "10")
            .ConfigureTestServices(s => s.AddSingleton(sp => DispatcherOn(sp, Clock))));
        await using var second = NewHost(b => b.UseSetting("WeChat:Http:RequestTimeout", "00:00:15").UseSetting("Notifications:BatchSize", "10")
            .ConfigureTestServices(s => s.AddSingleton(sp => DispatcherOn(sp, Clock))));
        // Each host sends once before the job, so neither starts cold (its first connection, query and send can take longer
        // on a loaded machine than the other host needs for the whole job, and then only one would take part).
        await PushToAsync("o-warm-1");
        await DrainAsync(first.Services.GetRequiredService<NotificationDispatcher>());
        await PushToAsync("o-warm-2");
        await DrainAsync(second.Services.GetRequiredService<NotificationDispatcher>());
        WeChat.Delay(FakeWeChatApi.TemplateSend, TimeSpan.FromMilliseconds(10));
        var id = await PushToAsync(OpenIds(200));

        var claims = await Task.WhenAll(Loop(first.Services.GetRequiredService<NotificationDispatcher>()),
            Loop(second.Services.GetRequiredService<NotificationDispatcher>()));

        Assert.That(claims, Has.All.GreaterThan(0), "both dispatchers took part");
        var attempts = await WithDbAsync(db => db.NotificationRecipients.Where(r => r.JobId == id).ToDictionaryAsync(r => r.OpenId, r => r.Attempts));
        await DrainAsync(); // a row that failed transiently (a timed-out token fetch, say) waits for its retry
        Assert.That(Int(await ProgressAsync(id), "sent"), Is.EqualTo(200));
        var calls = CallsPerOpenId();
        calls.Remove("o-warm-1");
        calls.Remove("o-warm-2");
        Assert.That(calls, Has.Count.EqualTo(200));
        Assert.That(calls.Where(c => c.Value > 1).Select(c => $"{c.Key}: {c.Value} calls, {attempts[c.Key]} attempts"), Is.Empty);

        static async Task<int> Loop(NotificationDispatcher dispatcher)
        {
            var total = 0;
            for (int claimed; (claimed = await dispatcher.RunOnceAsync()) > 0;) total += claimed;
            return total;
        }
    }

    [Test]
    [Retry(3)] // real-time sends and leases: a heavily loaded 2-core machine can push one run past its timings
    public async Task ARestartMidJobResumesWhereItStoppedWithoutSendingTwice()
    {
        WeChat.Delay(FakeWeChatApi.TemplateSend, TimeSpan.FromMilliseconds(20));
        // 300 rows at 50 a second take 6 s: room for a host's stop to land part-way even when stopping it takes a second or two.
        var id = await PushToAsync(OpenIds(Rows));
        // The first instance runs its real background loop on the real clock at 50 a second, and is stopped part-way.
        var first = NewHost(b => b.UseSetting("Notifications:RatePerSecond", "50").UseSetting("Notifications:BatchSize", "20"), dispatcher: true);
        _ = first.Services;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (WeChat.CallsTo(FakeWeChatApi.TemplateSend).Count < 15 && DateTime.UtcNow < deadline) await Task.Delay(20);
        await first.DisposeAsync();

        var sentBefore = Int(await ProgressAsync(id), "sent");
        Assert.That(sentBefore, Is.InRange(15, Rows - 1), "stopped mid-job");
        await DrainAsync();

        Assert.That(Int(await ProgressAsync(id), "sent"), Is.EqualTo(Rows));
        var calls = CallsPerOpenId();
        Assert.That(calls, Has.Count.EqualTo(Rows));
        Assert.That(calls.Where(c => c.Value > 1).Select(c => c.Key), Is.Empty, "a graceful stop finishes and records sends in flight");
    }

    [Test]
    [Retry(3)] // real-time sends: a heavily loaded 2-core machine can push one run past its timings
    public async Task AGracefulStopWritesEveryBufferedOutcomeBeforeTheHostStops()
    {
        var id = await PushToAsync(OpenIds(Rows));
        // One pass for the whole job and no timed flush: outcomes stay buffered until the pass ends or the host stops.
        var first = NewHost(b => b.UseSetting("Notifications:RatePerSecond", "50").UseSetting("Notifications:BatchSize", "1000")
            .UseSetting("Notifications:Lease", "00:30:00").UseSetting("Notifications:OutcomeFlushInterval", "00:20:00")
            .UseSetting("Notifications:OutcomeFlushRows", "1000").UseSetting("WeChat:Http:RequestTimeout", "00:00:15"), dispatcher: true);
        var dispatcher = first.Services.GetRequiredService<NotificationDispatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (WeChat.CallsTo(FakeWeChatApi.TemplateSend).Count < 10 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var sentMidway = Int(await ProgressAsync(id), "sent");
        var buffered = dispatcher.UnwrittenOutcomes;
        await first.DisposeAsync();

        Assert.That(sentMidway, Is.Zero, "outcomes are held in the buffer, not written one by one");
        Assert.That(buffered, Is.GreaterThan(0));
        var calls = WeChat.CallsTo(FakeWeChatApi.TemplateSend).Count;
        var progress = await ProgressAsync(id);
        Assert.That(calls, Is.InRange(10, Rows - 1), "stopped mid-job");
        Assert.That((Int(progress, "sent"), Int(progress, "pending")), Is.EqualTo((calls, Rows - calls)), "every send's outcome is on its row");
        Assert.That(await WithDbAsync(db => db.NotificationRecipients.CountAsync(r => r.ClaimedBy != null)), Is.Zero, "unsent rows handed back");
    }

    [Test]
    public async Task RowsClaimedByACrashedInstanceComeBackWhenTheLeaseRunsOut()
    {
        var id = await PushToAsync(OpenIds(5));
        var store = Host.Services.GetRequiredService<NotificationStore>();
        var now = Clock.GetUtcNow();
        // The "crashed" instance claimed every row and never answered.
        Assert.That(await store.ClaimAsync("crashed", now, now.AddMinutes(2), 100, CancellationToken.None), Has.Count.EqualTo(5));

        Assert.That(await Dispatcher.RunOnceAsync(), Is.Zero, "leased rows are not taken while the lease holds");
        Clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        await DrainAsync();

        Assert.That(Int(await ProgressAsync(id), "sent"), Is.EqualTo(5));
        Assert.That(CallsPerOpenId().Values, Has.All.EqualTo(1));
        var attempts = await WithDbAsync(db => db.NotificationRecipients.Where(r => r.JobId == id).Select(r => r.Attempts).ToListAsync());
        Assert.That(attempts, Has.All.EqualTo(2), "the crashed claim counts as an attempt");
    }
}
