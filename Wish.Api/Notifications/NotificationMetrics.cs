using System.Diagnostics.Metrics;

namespace WeChatWish.Api.Notifications;

/// <summary>
/// What the dispatcher costs the database: round trips that wrote send outcomes and the rows they wrote. Exported as the
/// <c>Wish.Api.Notifications</c> meter; tests read them with MetricCollector to prove outcomes are written in batches, each once.
/// </summary>
public sealed class NotificationMetrics
{
    public const string MeterName = "Wish.Api.Notifications";

    private readonly Counter<long> _outcomeWrites;
    private readonly Counter<long> _outcomesWritten;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _outcomeWrites = meter.CreateCounter<long>("wish.notifications.outcome_writes", description: "Round trips that wrote a batch of send outcomes");
        _outcomesWritten = meter.CreateCounter<long>("wish.notifications.outcomes_written", description: "Recipient rows updated with a send outcome");
    }

    public void Wrote(int rows)
    {
        _outcomeWrites.Add(1);
        _outcomesWritten.Add(rows);
    }
}
