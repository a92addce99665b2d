using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using static WeChatWish.Api.Notifications.NotificationOptions;

namespace WeChatWish.Api.Notifications;

/// <summary>
/// Lifecycle messages as durable rows added to the caller's scoped <see cref="WishDbContext"/> without saving: they commit with the
/// change they report, or not at all. Beneficiaries get official-account messages, volunteers mini-program ones.
/// </summary>
public sealed class DurableLifecycleNotifier(WishDbContext db, IOptions<NotificationOptions> options, TimeProvider clock) : ILifecycleNotifier
{
    public Task WishVerifiedAsync(Wish wish, CancellationToken cancellationToken) =>
        ToBeneficiaryAsync(Keys.WishVerified, wish, "已审核通过", wish.VerifiedAt, "您的心愿已通过审核，将在本月发布", cancellationToken);

    public Task WishClaimedAsync(Wish wish, Claim claim, CancellationToken cancellationToken) =>
        ToBeneficiaryAsync(Keys.WishClaimed, wish, "已被志愿者认领", claim.ClaimedAt, "志愿者会尽快与您联系", cancellationToken);

    public Task WishFulfilledAsync(Wish wish, Claim claim, CancellationToken cancellationToken) =>
        ToBeneficiaryAsync(Keys.WishFulfilled, wish, "心愿已实现", wish.FulfilledAt, "感谢您的信任", cancellationToken);

    public Task ClaimRevokedAsync(Wish wish, Claim claim, string reason, CancellationToken cancellationToken) =>
        ToVolunteerAsync(Keys.ClaimRevoked, wish, claim, "认领已被撤销", claim.EndedAt, reason, cancellationToken);

    public Task ClaimExpiredAsync(Wish wish, Claim claim, CancellationToken cancellationToken) =>
        ToVolunteerAsync(Keys.ClaimExpired, wish, claim, "认领已过期", claim.EndedAt, "心愿已重新开放认领", cancellationToken);

    public Task ClaimReminderAsync(Wish wish, Claim claim, ClaimReminder reminder, CancellationToken cancellationToken) =>
        ToVolunteerAsync(Keys.ClaimReminder, wish, claim, reminder == ClaimReminder.OneDay ? "认领明天到期" : "认领三天后到期", claim.DueAt,
            "请按时完成心愿", cancellationToken);

    public async Task RoundPublishedAsync(Round round, IReadOnlyList<Wish> published, CancellationToken cancellationToken)
    {
        var ids = published.Select(w => w.BeneficiaryId).Distinct().ToList();
        var people = await db.Beneficiaries.Where(b => ids.Contains(b.Id) && b.OpenId != null).ToListAsync(cancellationToken);
        if (people.Count == 0) return;
        var now = clock.GetUtcNow();
        var job = NewJob(Keys.RoundPublished, new() { ["code"] = round.ToString(), ["status"] = "心愿已发布", ["time"] = TemplateText.ChinaTime(now),
            ["note"] = "等待志愿者认领" }, null, now);
        foreach (var person in people.DistinctBy(p => p.OpenId))
            db.NotificationRecipients.Add(job.AddRecipient(person.OpenId!, now, SkipReason(person)));
        db.NotificationJobs.Add(job);
    }

    private async Task ToBeneficiaryAsync(string key, Wish wish, string status, DateTimeOffset? at, string note, CancellationToken ct)
    {
        var person = await db.Beneficiaries.FindAsync([wish.BeneficiaryId], ct);
        if (person?.OpenId is null) return; // No WeChat link (hotline, import): nothing to send.
        var now = clock.GetUtcNow();
        var job = NewJob(key, new() { ["code"] = wish.Code, ["status"] = status, ["time"] = TemplateText.ChinaTime(at ?? now), ["note"] = note },
            null, now);
        db.NotificationRecipients.Add(job.AddRecipient(person.OpenId, now, SkipReason(person)));
        db.NotificationJobs.Add(job);
    }

    private async Task ToVolunteerAsync(string key, Wish wish, Claim claim, string title, DateTimeOffset? at, string note, CancellationToken ct)
    {
        var volunteer = await db.Volunteers.FindAsync([claim.VolunteerId], ct);
        if (volunteer is null) return;
        var now = clock.GetUtcNow();
        var job = NewJob(key, new() { ["code"] = wish.Code, ["title"] = title, ["time"] = TemplateText.ChinaTime(at ?? now), ["note"] = note },
            $"pages/claims/index?id={claim.Id}", now);
        db.NotificationRecipients.Add(job.AddRecipient(volunteer.OpenId, now));
        db.NotificationJobs.Add(job);
    }

    // Known unsubscribed: a row with the reason and no call, so the outcome is still on record.
    private static string? SkipReason(Beneficiary person) => person.FollowStatus == FollowStatus.Unsubscribed ? "unsubscribed" : null;

    private NotificationJob NewJob(string key, Dictionary<string, string> data, string? page, DateTimeOffset now)
    {
        var template = options.Value.Templates[key];
        return NotificationJob.Create(key, template.TemplateId, template.Channel, TemplateText.Map(data, template.Fields), null,
            page, "lifecycle", now);
    }
}

/// <summary>TEMPLATESENDJOBFINISH: the delivery report goes on the recipient row that got the msgid.</summary>
public sealed class DurableTemplateDeliveryRecorder(NotificationStore store, ILogger<DurableTemplateDeliveryRecorder> logger) : ITemplateDeliveryRecorder
{
    public async Task RecordAsync(string openId, long templateMsgId, string status, DateTimeOffset at, CancellationToken ct)
    {
        var rows = await store.RecordDeliveryAsync(openId, templateMsgId, status, at.ToUniversalTime(), ct);
        if (rows == 0) logger.LogInformation("Delivery report for unknown template message {TemplateMsgId}: {Status}", templateMsgId, status);
    }
}
