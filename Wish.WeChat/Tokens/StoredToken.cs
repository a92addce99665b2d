using System.Text.Json.Serialization;

namespace WeChatWish.WeChat;

/// <summary>The token as kept in Redis: JSON, so the invalidation script can compare the token field.</summary>
internal sealed record StoredToken(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_at")] long ExpiresAtMs,
    [property: JsonPropertyName("refresh_at")] long RefreshAtMs)
{
    public static StoredToken From(AccessToken token, DateTimeOffset now, TimeSpan margin)
    {
        var refreshAt = token.ExpiresAt - margin;
        // stable_token hands back the same token until its last five minutes: a token that arrives inside the
        // margin is refreshed halfway through its remaining life, not on every call.
        if (refreshAt <= now) refreshAt = now + (token.ExpiresAt - now) / 2;
        return new(token.Value, token.ExpiresAt.ToUnixTimeMilliseconds(), refreshAt.ToUnixTimeMilliseconds());
    }

    public AccessToken ToAccessToken() => new(Token, DateTimeOffset.FromUnixTimeMilliseconds(ExpiresAtMs));

    /// <summary>Not yet due for the early refresh.</summary>
    public bool IsFresh(DateTimeOffset now) => now.ToUnixTimeMilliseconds() < RefreshAtMs;

    /// <summary>Due for refresh perhaps, but WeChat still accepts it.</summary>
    public bool IsUsable(DateTimeOffset now) => now.ToUnixTimeMilliseconds() < ExpiresAtMs;

    public override string ToString() => $"StoredToken {{ ExpiresAtMs = {ExpiresAtMs}, RefreshAtMs = {RefreshAtMs} }}";
}
