using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeChatWish.WeChat;

/// <summary>Asks WeChat for a token: <c>cgi-bin/token</c>, or <c>cgi-bin/stable_token</c> when configured.</summary>
internal sealed class AccessTokenFetcher(
    IHttpClientFactory httpClients, IOptions<WeChatOptions> options, TimeProvider time, ILogger<AccessTokenFetcher> logger)
{
    public const string HttpClientName = "Wish.WeChat.AccessTokens";

    public async Task<WeChatResult<AccessToken>> FetchAsync(WeChatApp app, CancellationToken ct)
    {
        var settings = options.Value;
        var http = new WeChatHttp(httpClients.CreateClient(HttpClientName), settings.Http, logger);
        var requestedAt = time.GetUtcNow();
        AccessToken Read(JsonElement root) => new(
            root.String("access_token") ?? throw new InvalidOperationException("the token answer has no access_token"),
            requestedAt.AddSeconds(root.Int64("expires_in") ?? 7200));

        var result = settings.UseStableToken
            ? await http.SendAsync("stable_token", () => new HttpRequestMessage(HttpMethod.Post, "cgi-bin/stable_token")
            {
                Content = WeChatJson.Content(new
                {
                    grant_type = "client_credential",
                    appid = app.AppId,
                    secret = app.AppSecret,
                    force_refresh = false,
                }),
            }, Read, ct)
            : await http.SendAsync("token", () => new HttpRequestMessage(HttpMethod.Get,
                $"cgi-bin/token?grant_type=client_credential&appid={Uri.EscapeDataString(app.AppId)}&secret={Uri.EscapeDataString(app.AppSecret)}"),
                Read, ct);

        if (result.IsSuccess) logger.LogInformation("Fetched a new access token for {AppId}, expiring at {ExpiresAt:O}", app.AppId, result.Value.ExpiresAt);
        else logger.LogWarning("Could not fetch an access token for {AppId}: {ErrCode} {ErrMsg}", app.AppId, result.Error.ErrCode, result.Error.ErrMsg);
        return result;
    }
}
