using Microsoft.Extensions.Options;

namespace WeChatWish.Api.Notifications;

/// <summary>
/// Sends pending recipient rows on every instance. A pass claims a batch (FOR UPDATE SKIP LOCKED, then a lease) and sends each row at
/// the paced rate with bounded concurrency; outcomes go to an <see cref="OutcomeBuffer"/> written every OutcomeFlushInterval or
/// OutcomeFlushRows, and before the pass returns. A row is sent twice only if the process dies after WeChat's answer and before that
/// outcome's flush (at most one buffer of rows, or a request in flight): the lease then runs out and another pass sends it again.
/// On shutdown no new send starts; sends in flight finish, unstarted rows are handed back, and the buffer is written before the host stops.
/// </summary>
public sealed class NotificationDispatcher(NotificationStore store, NotificationSender sender, IOptions<NotificationOptions> options,
    TimeProvider clock, NotificationMetrics metrics, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private readonly NotificationOptions _options = options.Value;
    private readonly SendPacer _pacer = new(options.Value.RatePerInstance, clock);
    private readonly OutcomeBuffer _outcomes = new(store, metrics, options.Value.OutcomeFlushRows, logger);
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Outcomes sent but not yet written (tests look at it).</summary>
    public int UnwrittenOutcomes => _outcomes.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatcherEnabled) return;
        using var loopsDone = new CancellationTokenSource();
        var flusher = _outcomes.RunAsync(_options.OutcomeFlushInterval, clock, loopsDone.Token);
        try
        {
            // Two loops share the pacer: while one claims its next batch or waits for its slowest send, the other keeps the rate up.
            await Task.WhenAll(LoopAsync(stoppingToken), LoopAsync(stoppingToken));
        }
        finally
        {
            await loopsDone.CancelAsync();
            await flusher;
            await FlushOnStopAsync();
        }
    }

    // Whatever the loops left (a pass's closing flush that failed): written before the host stops, so a graceful stop resends nobody.
    private async Task FlushOnStopAsync()
    {
        try
        {
            await _outcomes.FlushAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Writing {Count} notification outcomes at shutdown failed; their rows are sent again when the lease runs out",
                _outcomes.Count);
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Claimed rows come back when their lease runs out; unwritten outcomes stay buffered for the next flush.
                logger.LogWarning(e, "Notification dispatch failed; retrying in {Interval}", _options.PollInterval);
            }
            if (claimed == 0)
                await Task.Delay(_options.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One pass: claims up to BatchSize due rows, sends them and writes their outcomes. Returns how many rows it claimed (0: nothing due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken stopping = default)
    {
        var now = clock.GetUtcNow();
        var batch = await store.ClaimAsync(_instance, now, now + _options.Lease, _options.BatchSize, CancellationToken.None);
        if (batch.Count == 0) return 0;

        using var slots = new SemaphoreSlim(_options.MaxConcurrency);
        var pausedJobs = new HashSet<Guid>();
        var running = new List<Task>(batch.Count);
        var unstarted = new List<long>();
        foreach (var row in batch)
        {
            if (stopping.IsCancellationRequested || PausedJob(pausedJobs, row.JobId)) { unstarted.Add(row.Id); continue; }
            try
            {
                await slots.WaitAsync(stopping);
                if (!row.KnownUnsubscribed) await _pacer.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                unstarted.Add(row.Id);
                continue;
            }
            running.Add(SendOneAsync(row, pausedJobs, slots));
        }
        await Task.WhenAll(running);
        try
        {
            if (unstarted.Count > 0) await store.ReleaseAsync(unstarted, clock.GetUtcNow(), CancellationToken.None);
        }
        finally
        {
            // A pass returns with its outcomes written (and anything else waiting): callers and tests see the rows settled.
            await _outcomes.FlushAsync(CancellationToken.None);
        }
        return batch.Count;
    }

    private static bool PausedJob(HashSet<Guid> paused, Guid jobId)
    {
        lock (paused) return paused.Contains(jobId);
    }

    private async Task SendOneAsync(ClaimedRecipient row, HashSet<Guid> pausedJobs, SemaphoreSlim slots)
    {
        try
        {
            if (row.KnownUnsubscribed)
            {
                _outcomes.Add(RowOutcome.Final(row.Id, RecipientStatus.Skipped, "unsubscribed", null, null, clock.GetUtcNow()));
                return;
            }
            SendResult result;
            try
            {
                // Not the stopping token: a send in flight at shutdown finishes (bounded by the request timeout) and is recorded.
                result = await sender.SendAsync(row.Channel, row.OpenId, row.TemplateId, row.Data, row.Url, row.Page, CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Sending notification row {Row} threw", row.Id);
                result = new SendResult(SendOutcome.Retry, "error");
            }
            await RecordAsync(row, result, pausedJobs);
        }
        catch (Exception e)
        {
            // The row keeps its lease and comes back when it runs out.
            logger.LogError(e, "Recording the outcome of notification row {Row} failed", row.Id);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RecordAsync(ClaimedRecipient row, SendResult result, HashSet<Guid> pausedJobs)
    {
        var now = clock.GetUtcNow();
        switch (result.Outcome)
        {
            case SendOutcome.Sent:
                _outcomes.Add(RowOutcome.Final(row.Id, RecipientStatus.Sent, null, null, result.MsgId, now));
                break;
            case SendOutcome.Skipped or SendOutcome.Failed:
                _outcomes.Add(RowOutcome.Final(row.Id, result.Outcome == SendOutcome.Skipped ? RecipientStatus.Skipped : RecipientStatus.Failed,
                    result.Reason, result.ErrCode, null, now));
                break;
            case SendOutcome.PauseJob:
                // Rare, and the pause must hold before the next claim: written at once.
                lock (pausedJobs) pausedJobs.Add(row.JobId);
                var until = NextChinaMidnight(now);
                logger.LogWarning("WeChat quota used up (45009): notification job {Job} paused until {Until}", row.JobId, until);
                await store.PauseJobAsync(row.JobId, until, CancellationToken.None);
                await store.ReleaseAsync([row.Id], now, CancellationToken.None);
                break;
            case SendOutcome.Retry when row.Attempts >= _options.MaxAttempts:
                _outcomes.Add(RowOutcome.Final(row.Id, RecipientStatus.Failed, result.Reason, result.ErrCode, null, now));
                break;
            case SendOutcome.Retry:
                _outcomes.Add(RowOutcome.Retry(row.Id, result.Reason, result.ErrCode, now + Backoff(row.Attempts), now));
                break;
        }
    }

    private TimeSpan Backoff(int attempts)
    {
        var delay = _options.RetryBaseDelay * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay > _options.RetryMaxDelay ? _options.RetryMaxDelay : delay;
    }

    /// <summary>WeChat's daily quota resets at midnight China time (UTC+8, no daylight saving).</summary>
    public static DateTimeOffset NextChinaMidnight(DateTimeOffset now)
    {
        var china = now.ToOffset(TimeSpan.FromHours(8));
        return new DateTimeOffset(china.Date.AddDays(1), TimeSpan.FromHours(8)).ToUniversalTime();
    }
}
