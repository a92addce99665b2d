namespace WeChatWish.WeChat;

/// <summary>One access token per app (by AppId), shared by every instance of the service.</summary>
public interface IAccessTokenStore
{
    /// <summary>The current token, refreshed early and by one instance at a time; a typed error when WeChat refuses.</summary>
    Task<WeChatResult<AccessToken>> GetTokenAsync(string appId, CancellationToken ct = default);

    /// <summary>Drops the shared token if it is still <paramref name="failingToken"/>, so a newer one is never lost.</summary>
    Task InvalidateAsync(string appId, string failingToken, CancellationToken ct = default);
}
