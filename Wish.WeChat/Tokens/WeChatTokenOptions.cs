namespace WeChatWish.WeChat;

/// <summary>The <c>WeChat:Tokens</c> section: how access tokens are shared through Redis.</summary>
public sealed class WeChatTokenOptions
{
    /// <summary>Refresh this long before the token expires, so no caller ever holds a token that dies mid-call.</summary>
    public TimeSpan RefreshMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one instance may hold the refresh lock; the fetch is cut off before it lapses.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public string RedisKeyPrefix { get; set; } = "wechat:access_token:";
}
