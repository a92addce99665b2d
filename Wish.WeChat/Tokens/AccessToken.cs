namespace WeChatWish.WeChat;

/// <summary>An access token and when WeChat said it expires.</summary>
public sealed record AccessToken(string Value, DateTimeOffset ExpiresAt)
{
    // The token grants API access, so it stays out of logs and exception messages.
    public override string ToString() => $"AccessToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
