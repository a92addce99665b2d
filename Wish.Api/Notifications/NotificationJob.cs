using System.Text.Json;

namespace WeChatWish.Api.Notifications;

public enum NotificationJobStatus
{
    Active,
    Cancelled,
}

/// <summary>One push: a template, its data and options; the recipients are rows of their own.</summary>
public sealed class NotificationJob
{
    public const int TemplateIdMaxLength = 128;
    public const int LinkMaxLength = 512;

    private NotificationJob()
    {
    }

    public Guid Id { get; private set; }
    public string? TemplateKey { get; private set; }
    public string TemplateId { get; private set; } = "";
    public NotificationChannel Channel { get; private set; }

    /// <summary>WeChat data keys → values, already cut to 20 characters.</summary>
    public string DataJson { get; private set; } = "{}";
    public string? Url { get; private set; }
    public string? Page { get; private set; }
    public NotificationJobStatus Status { get; private set; }

    /// <summary>Set by 45009 (daily quota used): nothing of this job is sent before this instant.</summary>
    public DateTimeOffset? PausedUntil { get; private set; }

    /// <summary>"staff:{userName}" or "lifecycle".</summary>
    public string Source { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public int Total { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    public static NotificationJob Create(string? templateKey, string templateId, NotificationChannel channel, IReadOnlyDictionary<string, string> data,
        string? url, string? page, string source, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        TemplateKey = templateKey,
        TemplateId = templateId,
        Channel = channel,
        DataJson = JsonSerializer.Serialize(data),
        Url = url,
        Page = page,
        Status = NotificationJobStatus.Active,
        Source = source,
        CreatedAt = at,
    };

    public NotificationRecipient AddRecipient(string openId, DateTimeOffset at, string? skipReason = null)
    {
        Total++;
        return NotificationRecipient.Create(Id, openId, at, skipReason);
    }

    public void SetTotal(int total) => Total = total;

    public void Cancel(DateTimeOffset at)
    {
        if (Status == NotificationJobStatus.Cancelled) return;
        Status = NotificationJobStatus.Cancelled;
        CancelledAt = at;
    }

    public static Dictionary<string, string> ParseData(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
}

public enum RecipientStatus
{
    Pending,
    Sent,
    Failed,
    Skipped,
    Cancelled,
}

/// <summary>
/// One recipient of a job and its outcome. A pending row is due at <see cref="DueAt"/>; claiming it pushes DueAt one lease ahead,
/// so the same column is the retry time and the claim's lease: a crashed instance's rows come due again when the lease runs out.
/// </summary>
public sealed class NotificationRecipient
{
    private NotificationRecipient()
    {
    }

    public long Id { get; private set; }
    public Guid JobId { get; private set; }
    public string OpenId { get; private set; } = "";
    public RecipientStatus Status { get; private set; }

    /// <summary>Why it was skipped or failed (not_following, not_subscribed, unsubscribed, busy, errcode_40037, ...), or the last retry's cause.</summary>
    public string? Reason { get; private set; }
    public int? ErrCode { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public string? ClaimedBy { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public long? TemplateMsgId { get; private set; }

    /// <summary>From TEMPLATESENDJOBFINISH: "success", "failed:user block", "failed: system failed".</summary>
    public string? DeliveryStatus { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    internal static NotificationRecipient Create(Guid jobId, string openId, DateTimeOffset at, string? skipReason) => new()
    {
        JobId = jobId,
        OpenId = openId,
        Status = skipReason is null ? RecipientStatus.Pending : RecipientStatus.Skipped,
        Reason = skipReason,
        DueAt = at,
        UpdatedAt = at,
    };
}
