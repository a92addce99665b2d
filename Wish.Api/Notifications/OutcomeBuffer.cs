namespace WeChatWish.Api.Notifications;

/// <summary>A send's outcome on its way to the row: final (Sent, Failed, Skipped), or Pending with the time its retry is due.</summary>
public readonly record struct RowOutcome(long Id, RecipientStatus Status, string? Reason, int? ErrCode, long? MsgId, DateTimeOffset At,
    DateTimeOffset? RetryAt = null)
{
    public static RowOutcome Final(long id, RecipientStatus status, string? reason, int? errCode, long? msgId, DateTimeOffset at) =>
        new(id, status, reason, errCode, msgId, at);

    public static RowOutcome Retry(long id, string? reason, int? errCode, DateTimeOffset dueAt, DateTimeOffset at) =>
        new(id, RecipientStatus.Pending, reason, errCode, null, at, dueAt);
}

/// <summary>
/// Send outcomes waiting to be written, so a thousand sends a second cost a few round trips instead of a thousand one-row transactions:
/// written when <c>flushRows</c> are waiting, by <see cref="RunAsync"/> every interval, and at the end of each dispatch pass.
/// What is here when the process dies is lost; those rows are still leased, come due again when the lease runs out and are sent
/// again (the duplicate window). Each outcome leaves the buffer in exactly one flush; a failed flush keeps them for the next.
/// </summary>
public sealed class OutcomeBuffer(NotificationStore store, NotificationMetrics metrics, int flushRows, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private List<RowOutcome> _rows = [];
    private TaskCompletionSource _full = NewSignal();

    public int Count
    {
        get { lock (_gate) return _rows.Count; }
    }

    public void Add(RowOutcome outcome)
    {
        lock (_gate)
        {
            _rows.Add(outcome);
            if (_rows.Count >= flushRows) _full.TrySetResult();
        }
    }

    /// <summary>Writes every outcome added so far in one round trip; returns the rows the database updated.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await _writer.WaitAsync(ct);
        try
        {
            List<RowOutcome> rows;
            lock (_gate)
            {
                if (_rows.Count == 0) return 0;
                (rows, _rows) = (_rows, []);
                if (_full.Task.IsCompleted) _full = NewSignal();
            }
            int written;
            try
            {
                written = await store.RecordAsync(rows, ct);
            }
            catch
            {
                // Still leased to this instance: kept for the next flush (writing an outcome again sets the same values).
                lock (_gate) _rows.InsertRange(0, rows);
                throw;
            }
            metrics.Wrote(written);
            return written;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Flushes whenever <c>flushRows</c> outcomes are waiting or <paramref name="interval"/> has passed, until stopped.</summary>
    public async Task RunAsync(TimeSpan interval, TimeProvider clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Task full;
            lock (_gate) full = _full.Task;
            await Task.WhenAny(full, Task.Delay(interval, clock, stop));
            try
            {
                await FlushAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Writing {Count} notification outcomes failed; retrying in {Interval}", Count, interval);
                await Task.Delay(interval, clock, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
