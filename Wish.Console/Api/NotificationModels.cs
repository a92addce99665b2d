namespace WeChatWish.Console.Api;

public sealed record NotificationTemplateInfo(string Key, string Channel, List<string> Fields, int MaxLength);

public sealed record RecipientCount(int Count);

public sealed record PushAccepted(Guid Id, int Total);

public sealed record NotificationProgress(Guid Id, string? TemplateKey, string TemplateId, string Channel, string Status, DateTimeOffset? PausedUntil,
    DateTimeOffset CreatedAt, int Total, int Sent, int Failed, int Skipped, int Pending, int Cancelled,
    Dictionary<string, int> FailedByReason, Dictionary<string, int> SkippedByReason)
{
    /// <summary>Nothing is waiting to be sent: every row has its outcome.</summary>
    public bool IsDone => Pending == 0;
}

public sealed record NotificationJobPage(List<NotificationProgress> Items, int Total, int Page, int PageSize);

public sealed record RecipientOutcome(string OpenId, string Status, string? Reason, int? ErrCode, int Attempts, DateTimeOffset? SentAt,
    string? DeliveryStatus, DateTimeOffset? DeliveredAt);

public sealed record RecipientPage(List<RecipientOutcome> Items, int Total, int Page, int PageSize);
