using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WeChatWish.Api.Notifications;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Notifications;

/// <summary>Send outcomes are written in batches: every one of them, once, and none lost when a flush fails.</summary>
public sealed class OutcomeBufferTests : NotificationTestBase
{
    private NotificationStore Store => Host.Services.GetRequiredService<NotificationStore>();
    private NotificationMetrics Metrics => Host.Services.GetRequiredService<NotificationMetrics>();
    private CounterTotal _outcomeWrites = null!;
    private CounterTotal _outcomesWritten = null!;

    [SetUp]
    public void CollectMetrics()
    {
        _outcomeWrites = new CounterTotal(Host.Services, NotificationMetrics.MeterName, "wish.notifications.outcome_writes");
        _outcomesWritten = new CounterTotal(Host.Services, NotificationMetrics.MeterName, "wish.notifications.outcomes_written");
    }

    [TearDown]
    public void StopCollecting()
    {
        _outcomeWrites.Dispose();
        _outcomesWritten.Dispose();
    }

    private async Task<IReadOnlyList<ClaimedRecipient>> ClaimedAsync(int count)
    {
        await PushToAsync([.. Enumerable.Range(1, count).Select(i => $"o-{i:D4}")]);
        var now = Clock.GetUtcNow();
        var rows = await Store.ClaimAsync("buffer-test", now, now.AddMinutes(2), count, CancellationToken.None);
        Assert.That(rows, Has.Count.EqualTo(count));
        return rows;
    }

    // PostgreSQL keeps microseconds.
    private DateTimeOffset Now()
    {
        var now = Clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    [Test]
    public async Task EveryOutcomeAddedWhileFlushesRunIsWrittenExactlyOnce()
    {
        var rows = await ClaimedAsync(500);
        var buffer = new OutcomeBuffer(Store, Metrics, flushRows: 7, NullLogger.Instance);
        var writtenBefore = _outcomesWritten.Value;
        var at = Now();

        var adding = Task.WhenAll(rows.Chunk(63).Select(chunk => Task.Run(async () =>
        {
            foreach (var row in chunk)
            {
                buffer.Add(RowOutcome.Final(row.Id, RecipientStatus.Sent, null, null, row.Id + 1_000_000, at));
                if (row.Id % 5 == 0) await Task.Yield();
            }
        })));
        var written = 0;
        while (!adding.IsCompleted) written += await buffer.FlushAsync(CancellationToken.None);
        await adding;
        written += await buffer.FlushAsync(CancellationToken.None);

        Assert.That(written, Is.EqualTo(500), "rows updated over all flushes: one per outcome");
        Assert.That(_outcomesWritten.Value - writtenBefore, Is.EqualTo(500));
        Assert.That(buffer.Count, Is.Zero);
        var stored = await WithDbAsync(db => db.NotificationRecipients.ToListAsync());
        Assert.That(stored.Where(r => r.Status != RecipientStatus.Sent || r.TemplateMsgId != r.Id + 1_000_000 || r.ClaimedBy != null || r.SentAt != at)
            .Select(r => r.OpenId), Is.Empty);
    }

    [Test]
    public async Task AFailedFlushKeepsItsOutcomesAndTheNextWritesThemOnce()
    {
        var rows = await ClaimedAsync(3);
        // A store whose statements give up on a lock after 300 ms, so a table lock below makes its flush fail.
        await using var impatient = NpgsqlDataSource.Create(TestEnvironment.PostgresConnectionString + ";Options=-c lock_timeout=300");
        var buffer = new OutcomeBuffer(new NotificationStore(impatient), Metrics, flushRows: 100, NullLogger.Instance);
        var at = Now();
        buffer.Add(RowOutcome.Final(rows[0].Id, RecipientStatus.Sent, null, null, 42, at));
        buffer.Add(RowOutcome.Final(rows[1].Id, RecipientStatus.Skipped, "not_following", 43004, null, at));
        buffer.Add(RowOutcome.Retry(rows[2].Id, "busy", -1, at.AddSeconds(5), at));

        await using (var locker = NpgsqlDataSource.Create(TestEnvironment.PostgresConnectionString))
        await using (var connection = await locker.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var lockTable = new NpgsqlCommand("""LOCK TABLE "NotificationRecipients" IN SHARE MODE""", connection, transaction))
                await lockTable.ExecuteNonQueryAsync();
            Assert.That(async () => await buffer.FlushAsync(CancellationToken.None), Throws.InstanceOf<PostgresException>());
            Assert.That(buffer.Count, Is.EqualTo(3), "nothing is dropped by a failed flush");
        }
        var writtenBefore = _outcomesWritten.Value;

        Assert.That(await buffer.FlushAsync(CancellationToken.None), Is.EqualTo(3));
        Assert.That(await buffer.FlushAsync(CancellationToken.None), Is.Zero, "written once");
        Assert.That(_outcomesWritten.Value - writtenBefore, Is.EqualTo(3));
        var stored = await WithDbAsync(db => db.NotificationRecipients.OrderBy(r => r.Id).ToListAsync());
        Assert.That(stored.Select(r => (r.Status, r.Reason, r.ClaimedBy)), Is.EqualTo(new[]
        {
            (RecipientStatus.Sent, (string?)null, (string?)null), (RecipientStatus.Skipped, "not_following", null), (RecipientStatus.Pending, "busy", null),
        }));
        Assert.That((stored[0].TemplateMsgId, stored[2].DueAt), Is.EqualTo(((long?)42, at.AddSeconds(5))));
    }

    [Test]
    public async Task ARetryDoesNotBringBackARowCancelledWhileItWasBuffered()
    {
        var rows = await ClaimedAsync(1);
        var buffer = new OutcomeBuffer(Store, Metrics, flushRows: 100, NullLogger.Instance);
        var at = Now();
        buffer.Add(RowOutcome.Retry(rows[0].Id, "busy", -1, at.AddSeconds(5), at));
        await WithDbAsync(db => db.NotificationRecipients.ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RecipientStatus.Cancelled)));

        Assert.That(await buffer.FlushAsync(CancellationToken.None), Is.Zero);
        Assert.That(await WithDbAsync(db => db.NotificationRecipients.Select(r => r.Status).SingleAsync()), Is.EqualTo(RecipientStatus.Cancelled));
    }

    [Test]
    public async Task APassWritesItsOutcomesInOneRoundTripNotOnePerSend()
    {
        var id = await PushToAsync([.. Enumerable.Range(1, 250).Select(i => $"o-{i:D4}")]);
        var (writesBefore, rowsBefore) = (_outcomeWrites.Value, _outcomesWritten.Value);

        var passes = 0;
        while (await Dispatcher.RunOnceAsync() > 0) passes++;

        Assert.That(Int(await ProgressAsync(id), "sent"), Is.EqualTo(250));
        Assert.That(passes, Is.EqualTo(3), "BatchSize 100");
        Assert.That(_outcomesWritten.Value - rowsBefore, Is.EqualTo(250));
        Assert.That(_outcomeWrites.Value - writesBefore, Is.LessThanOrEqualTo(passes));
        Assert.That(Dispatcher.UnwrittenOutcomes, Is.Zero);
    }
}
