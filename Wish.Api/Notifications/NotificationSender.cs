using Microsoft.Extensions.Options;
using WeChatWish.WeChat;

namespace WeChatWish.Api.Notifications;

public enum SendOutcome
{
    Sent,
    Skipped,
    Failed,
    Retry,
    PauseJob,
}

public sealed record SendResult(SendOutcome Outcome, string? Reason = null, int? ErrCode = null, long? MsgId = null);

/// <summary>
/// One send through the WeChat clients, built with MaxAttempts = 1 so the dispatcher alone owns retries (with backoff and a limit,
/// recorded on the row); the clients still refresh an invalid token once and retry that call.
/// </summary>
public sealed class NotificationSender
{
    private readonly OfficialAccountClient _official;
    private readonly MiniProgramClient _mini;
    private readonly string _miniProgramAppId;

    public NotificationSender(IHttpClientFactory http, IAccessTokenStore tokens, IOptions<WeChatOptions> options, ILoggerFactory logs)
    {
        var o = options.Value;
        var single = Options.Create(new WeChatOptions
        {
            ApiBaseUrl = o.ApiBaseUrl, UseStableToken = o.UseStableToken, OfficialAccount = o.OfficialAccount, MiniProgram = o.MiniProgram,
            Tokens = o.Tokens, Http = new WeChatHttpOptions { RequestTimeout = o.Http.RequestTimeout, MaxAttempts = 1, RetryDelay = o.Http.RetryDelay },
        });
        // The typed clients' named HttpClients carry the base address configured by AddWeChatApi.
        _official = new OfficialAccountClient(http.CreateClient(nameof(OfficialAccountClient)), tokens, single, logs.CreateLogger<OfficialAccountClient>());
        _mini = new MiniProgramClient(http.CreateClient(nameof(MiniProgramClient)), tokens, single, logs.CreateLogger<MiniProgramClient>());
        _miniProgramAppId = o.MiniProgram.AppId;
    }

    public async Task<SendResult> SendAsync(NotificationChannel channel, string openId, string templateId, IReadOnlyDictionary<string, string> data,
        string? url, string? page, CancellationToken ct)
    {
        if (channel == NotificationChannel.OfficialAccount)
        {
            var message = new TemplateMessage(openId, templateId, data)
            {
                Url = url,
                MiniProgram = page is null ? null : new TemplateMiniProgram(_miniProgramAppId, page),
            };
            var result = await _official.SendTemplateMessageAsync(message, ct);
            return result.IsSuccess ? new SendResult(SendOutcome.Sent, MsgId: result.Value) : Classify(result.Error);
        }
        var sent = await _mini.SendSubscribeMessageAsync(new SubscribeMessage(openId, templateId, data) { Page = page }, ct);
        return sent.IsSuccess ? new SendResult(SendOutcome.Sent) : Classify(sent.Error);
    }

    public static SendResult Classify(WeChatError error) => error.Kind switch
    {
        WeChatErrorKind.NotFollowing => new(SendOutcome.Skipped, "not_following", error.ErrCode),
        WeChatErrorKind.NotSubscribed => new(SendOutcome.Skipped, "not_subscribed", error.ErrCode),
        WeChatErrorKind.QuotaExceeded => new(SendOutcome.PauseJob, "quota_exceeded", error.ErrCode),
        WeChatErrorKind.Busy => new(SendOutcome.Retry, "busy", error.ErrCode),
        WeChatErrorKind.Unavailable => new(SendOutcome.Retry, "unavailable", error.ErrCode),
        WeChatErrorKind.RateLimited => new(SendOutcome.Retry, "rate_limited", error.ErrCode),
        // Still invalid after the client's refresh and retry: the token service may be catching up.
        WeChatErrorKind.InvalidToken => new(SendOutcome.Retry, "invalid_token", error.ErrCode),
        WeChatErrorKind.Blocked => new(SendOutcome.Failed, "blocked", error.ErrCode),
        _ => new(SendOutcome.Failed, $"errcode_{error.ErrCode}", error.ErrCode),
    };
}
