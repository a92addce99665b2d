namespace WeChatWish.WeChat;

/// <summary>The <c>WeChat</c> configuration section.</summary>
public sealed class WeChatOptions
{
    public const string SectionName = "WeChat";
    public const string DefaultApiBaseUrl = "https://api.weixin.qq.com";

    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Use <c>cgi-bin/stable_token</c> instead of <c>cgi-bin/token</c>.</summary>
    public bool UseStableToken { get; set; }

    public OfficialAccountOptions OfficialAccount { get; set; } = new();

    public MiniProgramOptions MiniProgram { get; set; } = new();

    public WeChatTokenOptions Tokens { get; set; } = new();

    public WeChatHttpOptions Http { get; set; } = new();
}

public sealed class OfficialAccountOptions
{
    public string AppId { get; set; } = "";
    public string AppSecret { get; set; } = "";

    /// <summary>The token configured in the official account's server settings, used for signatures.</summary>
    public string Token { get; set; } = "";

    /// <summary>43 characters of Base64 (without the trailing '='), as shown in the account's settings.</summary>
    public string EncodingAESKey { get; set; } = "";

    /// <summary>The key in use before the last rotation; tried when the current one fails.</summary>
    public string? PreviousEncodingAESKey { get; set; }
}

public sealed class MiniProgramOptions
{
    public string AppId { get; set; } = "";
    public string AppSecret { get; set; } = "";

    /// <summary>Which mini-program version a subscribe message opens, unless the message says otherwise.</summary>
    public MiniProgramState State { get; set; } = MiniProgramState.Formal;
}
