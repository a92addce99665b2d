namespace WeChatWish.Api.Notifications;

/// <summary>
/// Records WeChat's delivery report (TEMPLATESENDJOBFINISH) for a template message sent earlier to <c>openId</c>.
/// <c>templateMsgId</c> is the msgid template/send returned; <c>status</c> is "success", "failed:user block" or
/// "failed: system failed". The notification pipeline matches it to its recipient row; until then it is logged.
/// </summary>
public interface ITemplateDeliveryRecorder
{
    Task RecordAsync(string openId, long templateMsgId, string status, DateTimeOffset at, CancellationToken ct);
}

/// <summary>Logs delivery reports; replaced (services.Replace) by the durable notification pipeline.</summary>
public sealed class LoggingTemplateDeliveryRecorder(ILogger<LoggingTemplateDeliveryRecorder> logger) : ITemplateDeliveryRecorder
{
    public Task RecordAsync(string openId, long templateMsgId, string status, DateTimeOffset at, CancellationToken ct)
    {
        logger.LogInformation("Template message {TemplateMsgId} delivery: {Status} at {At} (pipeline not configured)", templateMsgId, status, at);
        return Task.CompletedTask;
    }
}
