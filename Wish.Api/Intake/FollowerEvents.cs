using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Intake;

/// <summary>Follows and unfollows: the <see cref="Follower"/> row, and the beneficiary's follow status when they have one.</summary>
public sealed class FollowerEvents(WishDbContext db, ILogger<FollowerEvents> logger)
{
    public Task SubscribedAsync(string openId, string? scene, DateTimeOffset at, CancellationToken ct) =>
        RecordAsync(openId, at, following: true, f => f.Subscribe(scene, at), () => Follower.Subscribed(openId, scene, at), ct);

    public Task UnsubscribedAsync(string openId, DateTimeOffset at, CancellationToken ct) =>
        RecordAsync(openId, at, following: false, f => f.Unsubscribe(at), () => Follower.Unsubscribed(openId, at), ct);

    private async Task RecordAsync(string openId, DateTimeOffset at, bool following, Action<Follower> update, Func<Follower> create,
        CancellationToken ct)
    {
        var follower = await db.Followers.FirstOrDefaultAsync(f => f.OpenId == openId, ct);
        if (follower is null) db.Followers.Add(create());
        else update(follower);

        var beneficiary = await db.Beneficiaries.FirstOrDefaultAsync(b => b.OpenId == openId, ct);
        // A late event (older than the follower's latest) must not flip the beneficiary either.
        if (beneficiary is not null && (follower is null || follower.IsFollowing == following)) beneficiary.SetFollowing(following, at);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Only two first events for one person at the same moment get here (the second insert loses); the first one recorded
            // the follow, so log it rather than fail the reply.
            logger.LogWarning(e, "Could not record a follow event");
        }
    }
}
