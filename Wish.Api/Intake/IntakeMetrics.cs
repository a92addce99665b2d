using System.Diagnostics.Metrics;

namespace WeChatWish.Api.Intake;

/// <summary>
/// What became of the messages the official account received, and the wishes submitted through it: the <c>Wish.Api.Intake</c>
/// meter. Tags are fixed words (an outcome, a message kind), never anything a person wrote or their openid.
/// </summary>
public sealed class IntakeMetrics
{
    public const string MeterName = "Wish.Api.Intake";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _submissions;

    public IntakeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("wish.intake.messages", description:
            "Messages and events received, by outcome: handled, event, duplicate, slowed, dropped (over the limit), waiting (the previous message still running), unavailable (Redis or PostgreSQL)");
        _submissions = meter.CreateCounter<long>("wish.intake.submissions", description: "Wishes submitted through the WeChat conversation");
    }

    public void Message(string outcome, string kind) =>
        _messages.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("kind", kind));

    public void Submitted() => _submissions.Add(1);
}
