namespace WeChatWish.Api.Intake;

/// <summary>The <c>Intake</c> section: how the official-account conversation behaves.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>After this long without a message the draft is paused: the next message offers to continue it.</summary>
    public TimeSpan ConversationIdle { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after the last message a paused draft is kept; after that the next message starts afresh.</summary>
    public TimeSpan DraftKeep { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Messages one openid may send per minute before being asked to slow down.</summary>
    public int MessagesPerMinute { get; set; } = 30;

    /// <summary>How long a message waits for the same person's previous message to finish (WeChat gives us 5 s in all).</summary>
    public TimeSpan TurnWait { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>The charity's hotline, named in the welcome and help texts; left out of them when blank.</summary>
    public string? HotlinePhone { get; set; }

    public IEnumerable<string> Problems()
    {
        if (ConversationIdle <= TimeSpan.Zero) yield return "Intake:ConversationIdle must be positive.";
        if (DraftKeep < ConversationIdle) yield return "Intake:DraftKeep must be at least Intake:ConversationIdle.";
        if (MessagesPerMinute < 1) yield return "Intake:MessagesPerMinute must be at least 1.";
        if (TurnWait <= TimeSpan.Zero || TurnWait > TimeSpan.FromSeconds(4)) yield return "Intake:TurnWait must be between 0 and 4 seconds.";
        if (HotlinePhone is { Length: > 30 }) yield return "Intake:HotlinePhone is at most 30 characters.";
    }
}
