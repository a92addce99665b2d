using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Rounds;

/// <summary>Publishes every verified wish of a round (optionally of one district). The caller saves, so its own rows commit alongside.</summary>
public sealed class RoundPublisher(WishDbContext db, ILifecycleNotifier notifier)
{
    public async Task<IReadOnlyList<Wish>> PublishAsync(Round round, string? districtCode, Actor by, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var query = db.Wishes.Where(w => w.Round == round && w.Status == WishStatus.Verified);
        if (districtCode is not null) query = query.Where(w => w.DistrictCode == districtCode);
        var wishes = await query.OrderBy(w => w.Code).ToListAsync(cancellationToken);
        foreach (var wish in wishes) wish.Publish(by, now);
        if (wishes.Count > 0) await notifier.RoundPublishedAsync(round, wishes, cancellationToken);
        return wishes;
    }
}
