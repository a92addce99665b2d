using System.Diagnostics.Metrics;

namespace WeChatWish.Api.Notifications;

/// <summary>
/// What the dispatcher costs the database: round trips that wrote send outcomes and the rows they wrote. Exported as the
/// <c>Wish.Api.Notifications</c> meter; tests read the totals to prove outcomes are written in batches, each once.
/// </summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "Wish.Api.Notifications";

    private readonly Counter<long> _outcomeWrites;
    private readonly Counter<long> _outcomesWritten;
    private long _outcomeWriteTotal;
    private long _outcomesWrittenTotal;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _outcomeWrites = meter.CreateCounter<long>("wish.notifications.outcome_writes", description: "Round trips that wrote a batch of send outcomes");
        _outcomesWritten = meter.CreateCounter<long>("wish.notifications.outcomes_written", description: "Recipient rows updated with a send outcome");
    }

    public long OutcomeWrites => Interlocked.Read(ref _outcomeWriteTotal);

    public long OutcomesWritten => Interlocked.Read(ref _outcomesWrittenTotal);

    public void Wrote(int rows)
    {
        Interlocked.Increment(ref _outcomeWriteTotal);
        Interlocked.Add(ref _outcomesWrittenTotal, rows);
        _outcomeWrites.Add(1);
        _outcomesWritten.Add(rows);
    }
}
