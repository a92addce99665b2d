using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;
using static WeChatWish.Api.Notifications.NotificationOptions;

namespace WeChatWish.Api.Activities;

/// <summary>
/// Mini-program messages about sign-ups, as durable rows added to the caller's <see cref="WishDbContext"/> without saving: they
/// commit with the change they report (the existing notification pipeline sends them). Call before the caller's SaveChangesAsync.
/// </summary>
public sealed class ActivityNotifier(WishDbContext db, IOptions<NotificationOptions> options, TimeProvider clock)
{
    /// <summary>The caller has the volunteer's openid already: no query inside a shift's lock.</summary>
    public void SignUpConfirmed(Activity activity, Shift shift, string openId) =>
        Enqueue(Keys.SignUpConfirmed, activity, shift, [openId], "报名成功，请准时到场签到");

    public Task PromotedAsync(Activity activity, Shift shift, SignUp signUp, CancellationToken cancellationToken) =>
        ToVolunteersAsync(Keys.SignUpPromoted, activity, shift, [signUp.VolunteerId], "候补成功，您已获得名额", cancellationToken);

    public async Task CancelledAsync(Activity activity, IReadOnlyList<(Shift Shift, Guid VolunteerId)> told, CancellationToken cancellationToken)
    {
        // One after another: the context is not for concurrent use.
        foreach (var group in told.GroupBy(t => t.Shift))
            await ToVolunteersAsync(Keys.ActivityCancelled, activity, group.Key, group.Select(t => t.VolunteerId).ToList(),
                "活动已取消：" + activity.CancelReason, cancellationToken);
    }

    public Task ReminderAsync(Activity activity, Shift shift, IReadOnlyList<Guid> volunteerIds, CancellationToken cancellationToken) =>
        ToVolunteersAsync(Keys.ShiftReminder, activity, shift, volunteerIds, "活动明天开始，请准时到场扫码签到", cancellationToken);

    public Task StarLevelReachedAsync(Activity activity, Shift shift, Guid volunteerId, int stars, CancellationToken cancellationToken) =>
        ToVolunteersAsync(Keys.StarLevelReached, activity, shift, [volunteerId], $"恭喜您成为{stars}星级志愿者", cancellationToken);

    private async Task ToVolunteersAsync(string key, Activity activity, Shift shift, IReadOnlyList<Guid> volunteerIds, string note,
        CancellationToken cancellationToken)
    {
        Enqueue(key, activity, shift, await db.Volunteers.Where(v => volunteerIds.Contains(v.Id)).Select(v => v.OpenId).ToListAsync(cancellationToken), note);
    }

    private void Enqueue(string key, Activity activity, Shift shift, IReadOnlyList<string> openIds, string note)
    {
        if (openIds.Count == 0) return;
        var now = clock.GetUtcNow().ToUniversalTime();
        var template = options.Value.Templates[key];
        var data = new Dictionary<string, string>
        {
            ["title"] = activity.Title, ["time"] = TemplateText.ChinaTime(shift.StartsAt), ["place"] = activity.Place, ["note"] = note,
        };
        var job = NotificationJob.Create(key, template.TemplateId, template.Channel, TemplateText.Map(data, template.Fields), null,
            $"pages/activities/index?id={activity.Id}", "lifecycle", now);
        foreach (var openId in openIds.Distinct()) db.NotificationRecipients.Add(job.AddRecipient(openId, now));
        db.NotificationJobs.Add(job);
    }
}
