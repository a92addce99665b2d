namespace WeChatWish.WeChat.Messages;

/// <summary>The safe-mode body <c>&lt;xml&gt;&lt;ToUserName/&gt;&lt;Encrypt/&gt;&lt;/xml&gt;</c>; Encrypt goes to WeChatMessageCrypto.</summary>
public sealed record WeChatEncryptedEnvelope(string? ToUserName, string Encrypt);
