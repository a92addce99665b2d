namespace WeChatWish.Tests.WeChat;

/// <summary>The apps and settings every WeChat test host starts from.</summary>
public static class WeChatTestSettings
{
    public const string OfficialAccountAppId = "wx_oa_test";
    public const string OfficialAccountSecret = "oa-secret-7f3c9e1d";
    public const string MiniProgramAppId = "wx_mp_test";
    public const string MiniProgramSecret = "mp-secret-2b8d4a6f";

    /// <summary>The EncodingAESKey of WeChat's own published sample (shared/wechat-vectors.json, MP-C).</summary>
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    public static Dictionary<string, string?> For(Uri apiBaseUrl) => new()
    {
        ["WeChat:ApiBaseUrl"] = apiBaseUrl.ToString(),
        ["WeChat:OfficialAccount:AppId"] = OfficialAccountAppId,
        ["WeChat:OfficialAccount:AppSecret"] = OfficialAccountSecret,
        ["WeChat:OfficialAccount:Token"] = "spamtest",
        ["WeChat:OfficialAccount:EncodingAESKey"] = EncodingAesKey,
        ["WeChat:MiniProgram:AppId"] = MiniProgramAppId,
        ["WeChat:MiniProgram:AppSecret"] = MiniProgramSecret,
        // Short delays keep retry tests quick; the behaviour is the same as with the defaults.
        ["WeChat:Http:RetryDelay"] = "00:00:00.010",
        ["WeChat:Http:RequestTimeout"] = "00:00:02",
    };
}
