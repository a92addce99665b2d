using System.Collections.Concurrent;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Claims;

/// <summary>What the lifecycle seam was asked to send, in order.</summary>
public sealed record Notified(string Kind, Guid WishId, Guid? ClaimId, ClaimReminder? Reminder = null);

public sealed class RecordingNotifier : ILifecycleNotifier
{
    private readonly ConcurrentQueue<Notified> _calls = new();

    public IReadOnlyList<Notified> Calls => [.. _calls];

    public void Clear() => _calls.Clear();

    public Task WishVerifiedAsync(Wish wish, CancellationToken cancellationToken) => Record("verified", wish.Id, null);
    public Task WishClaimedAsync(Wish wish, Claim claim, CancellationToken cancellationToken) => Record("claimed", wish.Id, claim.Id);
    public Task WishFulfilledAsync(Wish wish, Claim claim, CancellationToken cancellationToken) => Record("fulfilled", wish.Id, claim.Id);
    public Task ClaimRevokedAsync(Wish wish, Claim claim, string reason, CancellationToken cancellationToken) => Record("revoked", wish.Id, claim.Id);
    public Task ClaimExpiredAsync(Wish wish, Claim claim, CancellationToken cancellationToken) => Record("expired", wish.Id, claim.Id);
    public Task ClaimReminderAsync(Wish wish, Claim claim, ClaimReminder reminder, CancellationToken cancellationToken) =>
        Record("reminder", wish.Id, claim.Id, reminder);
    public Task RoundPublishedAsync(Round round, IReadOnlyList<Wish> published, CancellationToken cancellationToken) => Task.CompletedTask;

    private Task Record(string kind, Guid wishId, Guid? claimId, ClaimReminder? reminder = null)
    {
        _calls.Enqueue(new Notified(kind, wishId, claimId, reminder));
        return Task.CompletedTask;
    }
}
