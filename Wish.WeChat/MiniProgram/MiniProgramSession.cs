namespace WeChatWish.WeChat;

/// <summary>The answer to <c>jscode2session</c>. The session key must never leave the server.</summary>
public sealed record MiniProgramSession(string OpenId, string SessionKey, string? UnionId)
{
    // Records print every property; the session key decrypts the user's data, so it stays out of logs.
    public override string ToString() => $"MiniProgramSession {{ OpenId = {OpenId}, UnionId = {UnionId} }}";
}
