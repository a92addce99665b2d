using WeChatWish.Domain;

namespace WeChatWish.Api.Notifications;

/// <summary>
/// Tells beneficiaries (official-account template messages) and volunteers (mini-program subscribe messages) when a wish or
/// claim changes. Call it BEFORE the caller's SaveChangesAsync on the same scoped WishDbContext: implementations enqueue
/// durable rows in that context, so a message exists exactly when the change it reports was committed.
/// </summary>
public interface ILifecycleNotifier
{
    Task WishVerifiedAsync(Wish wish, CancellationToken cancellationToken);
    Task WishClaimedAsync(Wish wish, Claim claim, CancellationToken cancellationToken);
    Task WishFulfilledAsync(Wish wish, Claim claim, CancellationToken cancellationToken);
    Task ClaimRevokedAsync(Wish wish, Claim claim, string reason, CancellationToken cancellationToken);
    Task ClaimExpiredAsync(Wish wish, Claim claim, CancellationToken cancellationToken);
    Task ClaimReminderAsync(Wish wish, Claim claim, ClaimReminder reminder, CancellationToken cancellationToken);
    Task RoundPublishedAsync(Round round, IReadOnlyList<Wish> published, CancellationToken cancellationToken);
}
