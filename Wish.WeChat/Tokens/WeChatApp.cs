namespace WeChatWish.WeChat;

/// <summary>An app's credentials, looked up by AppId in the options.</summary>
internal sealed record WeChatApp(string AppId, string AppSecret)
{
    public static WeChatApp Find(WeChatOptions options, string appId)
    {
        if (appId == options.OfficialAccount.AppId) return new(appId, options.OfficialAccount.AppSecret);
        if (appId == options.MiniProgram.AppId) return new(appId, options.MiniProgram.AppSecret);
        throw new ArgumentException($"AppId '{appId}' is neither WeChat:OfficialAccount:AppId nor WeChat:MiniProgram:AppId", nameof(appId));
    }

    public override string ToString() => $"WeChatApp {{ AppId = {AppId} }}";
}
