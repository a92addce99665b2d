namespace WeChatWish.Api.Notifications;

/// <summary>
/// Records WeChat's delivery report (TEMPLATESENDJOBFINISH) for a template message sent earlier to <c>openId</c>.
/// <c>templateMsgId</c> is the msgid template/send returned; <c>status</c> is "success", "failed:user block" or
/// "failed: system failed". The notification pipeline matches it to its recipient row.
/// </summary>
public interface ITemplateDeliveryRecorder
{
    Task RecordAsync(string openId, long templateMsgId, string status, DateTimeOffset at, CancellationToken ct);
}
