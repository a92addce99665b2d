namespace WeChatWish.WeChat.Messages;

/// <summary>A message or event pushed by WeChat, with the fields every push carries (set by the parser).</summary>
public abstract record WeChatMessage
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    /// <summary>The official account's original id (gh_...).</summary>
    public string ToUserName { get; init; } = "";

    /// <summary>The sender's OpenID.</summary>
    public string FromUserName { get; init; } = "";

    public DateTimeOffset CreateTime { get; init; }

    public string MsgType { get; init; } = "";

    /// <summary>Present on user messages, absent on events.</summary>
    public long? MsgId { get; init; }

    /// <summary>Every child element's text by name (first occurrence), for fields no typed property covers.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = NoFields;

    /// <summary>Stable across WeChat's retries of the same push: the key for cross-instance deduplication.</summary>
    public virtual string DedupKey => MsgId is { } id ? $"msg:{id}" : EventDedupKey(MsgType);

    protected string EventDedupKey(string name) => $"evt:{FromUserName}:{CreateTime.ToUnixTimeSeconds()}:{name}";
}

/// <summary>A push with MsgType "event".</summary>
public abstract record WeChatEvent : WeChatMessage
{
    /// <summary>The Event value as sent (e.g. "subscribe", "CLICK").</summary>
    public required string Event { get; init; }

    public override string DedupKey => EventDedupKey(Event);
}

/// <summary>A MsgType this library does not model; read <see cref="WeChatMessage.Fields"/>.</summary>
public sealed record WeChatUnknownMessage : WeChatMessage;

/// <summary>An Event this library does not model; read <see cref="WeChatMessage.Fields"/>.</summary>
public sealed record WeChatUnknownEvent : WeChatEvent;

public sealed record WeChatTextMessage : WeChatMessage
{
    public required string Content { get; init; }
}

public sealed record WeChatImageMessage : WeChatMessage
{
    public required string PicUrl { get; init; }
    public required string MediaId { get; init; }
}

public sealed record WeChatVoiceMessage : WeChatMessage
{
    public required string MediaId { get; init; }
    public required string Format { get; init; }

    /// <summary>Speech-to-text, only when the account has recognition enabled.</summary>
    public string? Recognition { get; init; }
}

/// <summary>MsgType "video" or "shortvideo".</summary>
public sealed record WeChatVideoMessage : WeChatMessage
{
    public required string MediaId { get; init; }
    public required string ThumbMediaId { get; init; }
    public bool IsShortVideo => MsgType == "shortvideo";
}

public sealed record WeChatLocationMessage : WeChatMessage
{
    /// <summary>Location_X: latitude.</summary>
    public required double LocationX { get; init; }

    /// <summary>Location_Y: longitude.</summary>
    public required double LocationY { get; init; }

    public required int Scale { get; init; }
    public required string Label { get; init; }
}

public sealed record WeChatLinkMessage : WeChatMessage
{
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Url { get; init; }
}
