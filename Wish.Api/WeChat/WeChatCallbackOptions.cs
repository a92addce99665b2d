namespace Wish.Api.WeChat;

/// <summary>The <c>WeChatCallback</c> section.</summary>
public sealed class WeChatCallbackOptions
{
    public const string SectionName = "WeChatCallback";

    /// <summary>WeChat gives up after 5 s; answer "success" before that and let the handler finish.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>How long a message id is remembered; WeChat's three retries come within about 15 s.</summary>
    public TimeSpan DedupWindow { get; set; } = TimeSpan.FromMinutes(10);
}
