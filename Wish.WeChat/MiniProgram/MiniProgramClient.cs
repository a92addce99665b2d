using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeChatWish.WeChat;

/// <summary>The mini-program's API: sign-in (jscode2session) and subscribe messages.</summary>
public sealed class MiniProgramClient
{
    private readonly WeChatHttp _http;
    private readonly IAccessTokenStore _tokens;
    private readonly MiniProgramOptions _app;

    public MiniProgramClient(HttpClient http, IAccessTokenStore tokens, IOptions<WeChatOptions> options, ILogger<MiniProgramClient> logger)
    {
        _http = new WeChatHttp(http, options.Value.Http, logger);
        _tokens = tokens;
        _app = options.Value.MiniProgram;
    }

    /// <summary>Exchanges a <c>wx.login</c> code for the user's openid (and unionid, when bound) and session key.</summary>
    public Task<WeChatResult<MiniProgramSession>> CodeToSessionAsync(string code, CancellationToken ct = default) =>
        _http.SendAsync("jscode2session",
            () => new HttpRequestMessage(HttpMethod.Get,
                $"sns/jscode2session?appid={Uri.EscapeDataString(_app.AppId)}&secret={Uri.EscapeDataString(_app.AppSecret)}" +
                $"&js_code={Uri.EscapeDataString(code)}&grant_type=authorization_code"),
            root => new MiniProgramSession(
                root.String("openid") ?? throw new InvalidOperationException("the jscode2session answer has no openid"),
                root.String("session_key") ?? "",
                root.String("unionid")), ct);

    public async Task<WeChatResult> SendSubscribeMessageAsync(SubscribeMessage message, CancellationToken ct = default)
    {
        var body = new
        {
            touser = message.ToUser,
            template_id = message.TemplateId,
            page = message.Page,
            data = WeChatJson.Fields(message.Data),
            miniprogram_state = (message.State ?? _app.State).ToString().ToLowerInvariant(),
        };
        var result = await _http.SendWithTokenAsync(_tokens, _app.AppId, "subscribe/send",
            token => new HttpRequestMessage(HttpMethod.Post, $"cgi-bin/message/subscribe/send?access_token={Uri.EscapeDataString(token)}")
            {
                Content = WeChatJson.Content(body),
            },
            _ => true, ct);
        return result.WithoutValue();
    }
}
