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

/// <summary>Logs what would be sent; replaced by the durable notification pipeline.</summary>
public sealed class LoggingLifecycleNotifier(ILogger<LoggingLifecycleNotifier> logger) : ILifecycleNotifier
{
    public Task WishVerifiedAsync(Wish wish, CancellationToken cancellationToken) => Log("wish.verified", wish.Code);
    public Task WishClaimedAsync(Wish wish, Claim claim, CancellationToken cancellationToken) => Log("wish.claimed", wish.Code);
    public Task WishFulfilledAsync(Wish wish, Claim claim, CancellationToken cancellationToken) => Log("wish.fulfilled", wish.Code);
    public Task ClaimRevokedAsync(Wish wish, Claim claim, string reason, CancellationToken cancellationToken) => Log("claim.revoked", wish.Code);
    public Task ClaimExpiredAsync(Wish wish, Claim claim, CancellationToken cancellationToken) => Log("claim.expired", wish.Code);
    public Task ClaimReminderAsync(Wish wish, Claim claim, ClaimReminder reminder, CancellationToken cancellationToken) => Log("claim.reminder", wish.Code);
    public Task RoundPublishedAsync(Round round, IReadOnlyList<Wish> published, CancellationToken cancellationToken) => Log("round.published", round.ToString());

    private Task Log(string template, string subject)
    {
        logger.LogInformation("Notification {Template} for {Subject} (pipeline not configured)", template, subject);
        return Task.CompletedTask;
    }
}
