using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeChatWish.Tests.Fakes;

/// <summary>The happy paths of the API endpoints, shaped as WeChat documents them.</summary>
public sealed partial class FakeWeChatApi
{
    private readonly HashSet<string> _usedCodes = [];
    private long _msgId = 1_000_000;

    private JsonObject SendTemplate(JsonElement body)
    {
        if (Str(body, "touser") is null || Str(body, "template_id") is null) return Error(40003, "invalid openid");
        if (!body.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return Error(47003, "argument invalid! data");
        var answer = Ok();
        answer["msgid"] = Interlocked.Increment(ref _msgId);
        return answer;
    }

    private static JsonObject SendSubscribe(JsonElement body)
    {
        if (Str(body, "touser") is null || Str(body, "template_id") is null) return Error(40003, "invalid openid");
        if (Str(body, "miniprogram_state") is { } state && state is not ("developer" or "trial" or "formal"))
            return Error(47003, "argument invalid! miniprogram_state");
        return Ok();
    }

    private JsonObject CreateMenu(string raw, JsonElement body)
    {
        if (!body.TryGetProperty("button", out var buttons) || buttons.ValueKind != JsonValueKind.Array)
            return Error(40016, "invalid button size");
        LastMenu = JsonNode.Parse(raw);
        return Ok();
    }

    private JsonObject CodeToSessionAnswer(Dictionary<string, string> query)
    {
        var code = query.GetValueOrDefault("js_code");
        if (TakeError(CodeToSession, code) is { } error) return error;
        if (CredentialsError(query.GetValueOrDefault("appid"), query.GetValueOrDefault("secret")) is { } bad) return bad;
        if (query.GetValueOrDefault("grant_type") != "authorization_code") return Error(40002, "invalid grant_type");
        if (string.IsNullOrEmpty(code)) return Error(40029, "invalid code");
        lock (_gate)
        {
            // A wx.login code is good for one exchange, as with real WeChat.
            if (!_usedCodes.Add(code)) return Error(40163, "code been used");
        }
        return new JsonObject
        {
            ["openid"] = "o_" + code,
            ["session_key"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(("sk_" + code).PadRight(16, '_'))),
            ["unionid"] = "u_" + code,
        };
    }
}
