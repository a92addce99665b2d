using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WeChatWish.WeChat;

/// <summary>The official account's API: template messages and the custom menu.</summary>
public sealed class OfficialAccountClient
{
    private readonly WeChatHttp _http;
    private readonly IAccessTokenStore _tokens;
    private readonly string _appId;

    public OfficialAccountClient(HttpClient http, IAccessTokenStore tokens, IOptions<WeChatOptions> options, ILogger<OfficialAccountClient> logger)
    {
        _http = new WeChatHttp(http, options.Value.Http, logger);
        _tokens = tokens;
        _appId = options.Value.OfficialAccount.AppId;
    }

    /// <summary>Sends a template message; the value is WeChat's msgid, echoed later by TEMPLATESENDJOBFINISH.</summary>
    public Task<WeChatResult<long>> SendTemplateMessageAsync(TemplateMessage message, CancellationToken ct = default)
    {
        var body = new
        {
            touser = message.ToUser,
            template_id = message.TemplateId,
            url = message.Url,
            miniprogram = message.MiniProgram is { } mp ? new { appid = mp.AppId, pagepath = mp.PagePath } : null,
            data = WeChatJson.Fields(message.Data),
        };
        return _http.SendWithTokenAsync(_tokens, _appId, "template/send",
            token => new HttpRequestMessage(HttpMethod.Post, $"cgi-bin/message/template/send?access_token={Uri.EscapeDataString(token)}")
            {
                Content = WeChatJson.Content(body),
            },
            root => root.Int64("msgid") ?? throw new InvalidOperationException("the template/send answer has no msgid"), ct);
    }

    /// <summary>Replaces the custom menu with these (up to three) top-level buttons.</summary>
    public async Task<WeChatResult> CreateMenuAsync(IReadOnlyList<MenuButton> buttons, CancellationToken ct = default)
    {
        var body = new JsonObject { ["button"] = new JsonArray([.. buttons.Select(b => (JsonNode)b.ToJson())]) };
        var result = await _http.SendWithTokenAsync(_tokens, _appId, "menu/create",
            token => new HttpRequestMessage(HttpMethod.Post, $"cgi-bin/menu/create?access_token={Uri.EscapeDataString(token)}")
            {
                Content = WeChatJson.Content(body),
            },
            _ => true, ct);
        return result.WithoutValue();
    }
}
