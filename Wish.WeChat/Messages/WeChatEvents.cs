namespace WeChatWish.WeChat.Messages;

/// <summary>A follow; through a parametric QR code it carries EventKey "qrscene_{scene}" and a Ticket.</summary>
public sealed record WeChatSubscribeEvent : WeChatEvent
{
    public const string ScenePrefix = "qrscene_";

    public string? EventKey { get; init; }
    public string? Ticket { get; init; }

    /// <summary>The QR code's scene value without the "qrscene_" prefix, or null for a plain follow.</summary>
    public string? SceneValue =>
        EventKey is { } key && key.StartsWith(ScenePrefix, StringComparison.Ordinal) ? key[ScenePrefix.Length..] : null;
}

public sealed record WeChatUnsubscribeEvent : WeChatEvent;

/// <summary>A follower scanned a parametric QR code; EventKey is the scene value itself, without a prefix.</summary>
public sealed record WeChatScanEvent : WeChatEvent
{
    public required string EventKey { get; init; }
    public string? Ticket { get; init; }
    public string SceneValue => EventKey;
}

/// <summary>A click on a custom-menu button; EventKey is the button's key.</summary>
public sealed record WeChatClickEvent : WeChatEvent
{
    public required string EventKey { get; init; }
}

/// <summary>A custom-menu link was opened; EventKey is the URL.</summary>
public sealed record WeChatViewEvent : WeChatEvent
{
    public required string EventKey { get; init; }
    public string? MenuId { get; init; }
}

/// <summary>Delivery report for a template message.</summary>
public sealed record WeChatTemplateSendJobFinishEvent : WeChatEvent
{
    public const string DeliveredStatus = "success";

    /// <summary>The MsgID element: the msgid returned by template/send, not a user MsgId.</summary>
    public required long TemplateMsgId { get; init; }

    /// <summary>"success", "failed:user block" or "failed: system failed".</summary>
    public required string Status { get; init; }

    public bool IsDelivered => Status == DeliveredStatus;
}
