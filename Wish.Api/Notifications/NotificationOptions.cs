using Microsoft.Extensions.Options;

namespace WeChatWish.Api.Notifications;

public enum NotificationChannel
{
    /// <summary>An official-account template message to a follower (beneficiaries).</summary>
    OfficialAccount,

    /// <summary>A mini-program subscribe message (volunteers).</summary>
    MiniProgram,
}

/// <summary>One configured template: the WeChat id, which logical field goes into which WeChat key, and the channel.</summary>
public sealed class NotificationTemplate
{
    public string TemplateId { get; set; } = "";
    public NotificationChannel Channel { get; set; }

    /// <summary>Logical field name (code, status, time, note, title) → WeChat data key (keyword1, thing2, ...).</summary>
    public Dictionary<string, string> Fields { get; set; } = [];
}

/// <summary>
/// The <c>Notifications</c> section. The rate is per app and shared by <see cref="Instances"/> dispatchers: each instance sends at
/// RatePerSecond / Instances, so no shared bucket (and no Redis round trip per message) is needed; scale Instances with the deployment.
/// </summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>The pacer remembers one second of sends; WeChat allows far fewer than this anyway.</summary>
    public const double MaxRatePerSecond = 100_000;

    /// <summary>The background dispatcher; off in the shared test host, whose tests call <see cref="NotificationDispatcher.RunOnceAsync"/>.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    public double RatePerSecond { get; set; } = 20;
    public int Instances { get; set; } = 1;
    public int BatchSize { get; set; } = 100;
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Sends per recipient, counting the first, before a transient failure becomes "failed".</summary>
    public int MaxAttempts { get; set; } = 5;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a claimed row is reserved for its instance; a crashed instance's rows come back after it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Send outcomes are written in batches: when this many are waiting, or after <see cref="OutcomeFlushInterval"/>.
    /// A crash loses at most these, and their rows are sent again once the lease runs out.</summary>
    public int OutcomeFlushRows { get; set; } = 100;
    public TimeSpan OutcomeFlushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    public Dictionary<string, NotificationTemplate> Templates { get; set; } = DefaultTemplates();

    public double RatePerInstance => RatePerSecond / Math.Max(1, Instances);

    public static class Keys
    {
        public const string WishVerified = "wish.verified", WishClaimed = "wish.claimed", WishFulfilled = "wish.fulfilled",
            ClaimReminder = "claim.reminder", ClaimExpired = "claim.expired", ClaimRevoked = "claim.revoked", RoundPublished = "round.published",
            SignUpConfirmed = "activity.sign_up_confirmed", SignUpPromoted = "activity.promoted", ActivityCancelled = "activity.cancelled",
            ShiftReminder = "activity.reminder", StarLevelReached = "volunteer.star_level",
            PairingReminder = "pairing.reminder";

        public static readonly string[] All = [WishVerified, WishClaimed, WishFulfilled, ClaimReminder, ClaimExpired, ClaimRevoked, RoundPublished,
            SignUpConfirmed, SignUpPromoted, ActivityCancelled, ShiftReminder, StarLevelReached, PairingReminder];
    }

    // Placeholder ids let the service start without real ones; WeChat answers 40037 (failed, with the reason) until they are set.
    private static Dictionary<string, NotificationTemplate> DefaultTemplates() => new(StringComparer.Ordinal)
    {
        [Keys.WishVerified] = Official("TEMPLATE_WISH_VERIFIED"),
        [Keys.WishClaimed] = Official("TEMPLATE_WISH_CLAIMED"),
        [Keys.WishFulfilled] = Official("TEMPLATE_WISH_FULFILLED"),
        [Keys.RoundPublished] = Official("TEMPLATE_ROUND_PUBLISHED"),
        [Keys.ClaimReminder] = Mini("TEMPLATE_CLAIM_REMINDER"),
        [Keys.ClaimExpired] = Mini("TEMPLATE_CLAIM_EXPIRED"),
        [Keys.ClaimRevoked] = Mini("TEMPLATE_CLAIM_REVOKED"),
        [Keys.SignUpConfirmed] = Activity("TEMPLATE_ACTIVITY_SIGN_UP_CONFIRMED"),
        [Keys.SignUpPromoted] = Activity("TEMPLATE_ACTIVITY_PROMOTED"),
        [Keys.ActivityCancelled] = Activity("TEMPLATE_ACTIVITY_CANCELLED"),
        [Keys.ShiftReminder] = Activity("TEMPLATE_ACTIVITY_REMINDER"),
        [Keys.StarLevelReached] = Activity("TEMPLATE_STAR_LEVEL_REACHED"),
        [Keys.PairingReminder] = Activity("TEMPLATE_PAIRING_REMINDER"),
    };

    private static NotificationTemplate Activity(string id) => new()
    {
        TemplateId = id, Channel = NotificationChannel.MiniProgram,
        Fields = new() { ["title"] = "thing1", ["time"] = "time2", ["place"] = "thing3", ["note"] = "thing4" },
    };

    private static NotificationTemplate Official(string id) => new()
    {
        TemplateId = id, Channel = NotificationChannel.OfficialAccount,
        Fields = new() { ["code"] = "keyword1", ["status"] = "keyword2", ["time"] = "keyword3", ["note"] = "remark" },
    };

    private static NotificationTemplate Mini(string id) => new()
    {
        TemplateId = id, Channel = NotificationChannel.MiniProgram,
        Fields = new() { ["code"] = "character_string1", ["title"] = "thing2", ["time"] = "time3", ["note"] = "thing4" },
    };
}

public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions o)
    {
        var errors = new List<string>();
        if (o.RatePerSecond <= 0) errors.Add("Notifications:RatePerSecond must be positive");
        if (o.RatePerSecond > NotificationOptions.MaxRatePerSecond)
            errors.Add($"Notifications:RatePerSecond must be at most {NotificationOptions.MaxRatePerSecond}");
        if (o.Instances < 1 || o.BatchSize < 1 || o.MaxConcurrency < 1 || o.MaxAttempts < 1 || o.OutcomeFlushRows < 1)
            errors.Add("Notifications:Instances, BatchSize, MaxConcurrency, MaxAttempts and OutcomeFlushRows must be at least 1");
        if (o.Lease <= TimeSpan.Zero || o.PollInterval <= TimeSpan.Zero || o.OutcomeFlushInterval <= TimeSpan.Zero || o.RetryBaseDelay < TimeSpan.Zero)
            errors.Add("Notifications:Lease, PollInterval and OutcomeFlushInterval must be positive");
        if (o.OutcomeFlushInterval >= o.Lease)
            errors.Add("Notifications:OutcomeFlushInterval must be shorter than the Lease, or written outcomes come after the rows were sent again");
        foreach (var key in NotificationOptions.Keys.All)
        {
            if (!o.Templates.TryGetValue(key, out var t)) { errors.Add($"Notifications:Templates:{key} is missing"); continue; }
            if (string.IsNullOrWhiteSpace(t.TemplateId) || t.TemplateId.Length > NotificationJob.TemplateIdMaxLength)
                errors.Add($"Notifications:Templates:{key}:TemplateId must be 1-{NotificationJob.TemplateIdMaxLength} characters");
            if (t.Fields.Count == 0 || t.Fields.Values.Any(string.IsNullOrWhiteSpace))
                errors.Add($"Notifications:Templates:{key}:Fields must map each field to a WeChat key");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
