namespace WeChatWish.WeChat;

/// <summary>A template message to a follower of the official account.</summary>
/// <param name="ToUser">The recipient's openid under the official account.</param>
/// <param name="Data">Template field values by key; WeChat cuts most fields at 20 characters.</param>
public sealed record TemplateMessage(string ToUser, string TemplateId, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>A web page opened by a tap; ignored by WeChat when <see cref="MiniProgram"/> is set and reachable.</summary>
    public string? Url { get; init; }

    public TemplateMiniProgram? MiniProgram { get; init; }
}

/// <summary>The mini-program page a template message opens.</summary>
public sealed record TemplateMiniProgram(string AppId, string PagePath);
