namespace WeChatWish.WeChat;

/// <summary>A subscribe message to a mini-program user who accepted this template.</summary>
/// <param name="ToUser">The recipient's openid under the mini-program.</param>
public sealed record SubscribeMessage(string ToUser, string TemplateId, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>The mini-program page a tap opens, with its query, e.g. <c>pages/claims/index?id=42</c>.</summary>
    public string? Page { get; init; }

    /// <summary>Overrides <c>WeChat:MiniProgram:State</c> for this message.</summary>
    public MiniProgramState? State { get; init; }
}
