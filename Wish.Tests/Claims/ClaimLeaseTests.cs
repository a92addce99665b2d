using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Claims;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Claims;

/// <summary>Claims are leases: reminders 3 days and 1 day before the due date, each once; expiry returns the wish.</summary>
public sealed class ClaimLeaseTests : FakeClockHostTestBase
{
    private ClaimLeaseSweeper Sweeper => Services.GetRequiredService<ClaimLeaseSweeper>();

    [Test]
    public async Task AnOverdueClaimExpiresTheWishIsPublishedAgainAndAnotherVolunteerCanClaimIt()
    {
        var (wishId, claimId, dueAt) = await ClaimOverHttpAsync();
        Clock.AdjustTime(dueAt.AddMinutes(1));

        var result = await Sweeper.RunOnceAsync();

        Assert.That(result.Expired, Is.EqualTo(1));
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            Assert.That((await db.Claims.SingleAsync(c => c.Id == claimId)).Status, Is.EqualTo(ClaimStatus.Expired));
            Assert.That((await db.Wishes.SingleAsync(w => w.Id == wishId)).Status, Is.EqualTo(WishStatus.Published));
        }
        Assert.That(Notifier.Calls.Where(c => c.Kind == "expired").Select(c => c.ClaimId), Is.EqualTo(new Guid?[] { claimId }));
        // The Redis "taken" marker went with the claim: the next volunteer is not turned away.
        var next = await VolunteerClientAsync();
        await OkJsonAsync(await next.PostAsync($"/api/wishes/{wishId}/claim", null), 201);
    }

    [Test]
    public async Task AClaimIsNotExpiredBeforeItsDueTime()
    {
        var (_, claimId, dueAt) = await ClaimOverHttpAsync();
        Clock.AdjustTime(dueAt.AddMinutes(-1));

        var result = await Sweeper.RunOnceAsync();

        Assert.That(result.Expired, Is.Zero);
        Assert.That(await StatusOfAsync(claimId), Is.EqualTo(ClaimStatus.Active));
        Assert.That(Notifier.Calls.Where(c => c.Kind == "expired"), Is.Empty);
    }

    [Test]
    public async Task RemindersGoOutThreeDaysAndOneDayBeforeTheDueDateEachOnce()
    {
        var (_, claimId, dueAt) = await ClaimOverHttpAsync();

        Clock.AdjustTime(dueAt.AddDays(-3).AddMinutes(-1));
        await Sweeper.RunOnceAsync();
        Assert.That(Reminders(claimId), Is.Empty, "not yet three days before");

        Clock.AdjustTime(dueAt.AddDays(-3).AddMinutes(1));
        await Sweeper.RunOnceAsync();
        await Sweeper.RunOnceAsync();
        Assert.That(Reminders(claimId), Is.EqualTo(new[] { ClaimReminder.ThreeDays }));

        Clock.AdjustTime(dueAt.AddDays(-1).AddMinutes(1));
        await Sweeper.RunOnceAsync();
        Clock.AdjustTime(dueAt.AddMinutes(-1));
        await Sweeper.RunOnceAsync();
        Assert.That(Reminders(claimId), Is.EqualTo(new[] { ClaimReminder.ThreeDays, ClaimReminder.OneDay }));
    }

    [Test]
    public async Task AClaimFirstSweptInsideItsLastDayGetsOnlyTheOneDayReminder()
    {
        var (_, claimId, dueAt) = await ClaimOverHttpAsync();
        Clock.AdjustTime(dueAt.AddHours(-12));

        await Sweeper.RunOnceAsync();
        await Sweeper.RunOnceAsync();

        Assert.That(Reminders(claimId), Is.EqualTo(new[] { ClaimReminder.OneDay }));
    }

    [Test]
    public async Task AReleasedClaimGetsNoReminderAndDoesNotExpire()
    {
        var (wishId, claimId, dueAt) = await ClaimOverHttpAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            var owner = await scope.ServiceProvider.GetRequiredService<WishDbContext>().Claims.Where(c => c.Id == claimId).Select(c => c.VolunteerId).SingleAsync();
            await OkJsonAsync(await VolunteerClient(owner).PostAsJsonAsync($"/api/claims/{claimId}/release", new { reason = "临时出差" }));
        }
        Clock.AdjustTime(dueAt.AddDays(-2));
        await Sweeper.RunOnceAsync();
        Clock.AdjustTime(dueAt.AddDays(1));

        var result = await Sweeper.RunOnceAsync();

        Assert.That(result, Is.EqualTo(new SweepResult(0, 0)));
        Assert.That(Notifier.Calls.Where(c => c.WishId == wishId && c.Kind is "reminder" or "expired"), Is.Empty);
    }

    [Test]
    public async Task TwoSweepersRunningAtOnceSendEachReminderOnceAndExpireEachClaimOnce()
    {
        var claims = new List<(Guid Wish, Guid Claim, DateTimeOffset DueAt)>();
        for (var i = 0; i < 30; i++) claims.Add(await ClaimDirectlyAsync());
        var dueAt = claims[0].DueAt;
        Assert.That(claims.Select(c => c.DueAt).Distinct().Count(), Is.EqualTo(1), "all claims of the round fall due together");
        // Small batches make the two instances interleave inside one pass, where SKIP LOCKED has to keep them apart.
        var options = Options.Create(new ClaimLeaseOptions { BatchSize = 4 });
        var first = ActivatorUtilities.CreateInstance<ClaimLeaseSweeper>(Services, options);
        var second = ActivatorUtilities.CreateInstance<ClaimLeaseSweeper>(Services, options);

        foreach (var at in new[] { dueAt.AddDays(-2.5), dueAt.AddHours(-12), dueAt.AddMinutes(5) })
        {
            Clock.AdjustTime(at);
            for (var round = 0; round < 3; round++)
                await Task.WhenAll(Task.Run(() => first.RunOnceAsync()), Task.Run(() => second.RunOnceAsync()));
        }

        foreach (var (_, claimId, _) in claims)
        {
            Assert.That(Reminders(claimId), Is.EqualTo(new[] { ClaimReminder.ThreeDays, ClaimReminder.OneDay }), $"claim {claimId}");
            Assert.That(Notifier.Calls.Count(c => c.ClaimId == claimId && c.Kind == "expired"), Is.EqualTo(1), $"claim {claimId}");
        }
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var ids = claims.Select(c => c.Claim).ToList();
        Assert.That(await db.Claims.CountAsync(c => ids.Contains(c.Id) && c.Status == ClaimStatus.Expired), Is.EqualTo(30));
        Assert.That(await db.Claims.CountAsync(c => ids.Contains(c.Id) && c.Reminder3DaysSentAt != null && c.Reminder1DaySentAt != null), Is.EqualTo(30));
    }

    private IReadOnlyList<ClaimReminder> Reminders(Guid claimId) =>
        Notifier.Calls.Where(c => c.ClaimId == claimId && c.Kind == "reminder").Select(c => c.Reminder!.Value).ToList();

    private async Task<ClaimStatus> StatusOfAsync(Guid claimId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WishDbContext>().Claims.Where(c => c.Id == claimId).Select(c => c.Status).SingleAsync();
    }

    private async Task<(Guid Wish, Guid Claim, DateTimeOffset DueAt)> ClaimOverHttpAsync()
    {
        var wish = await PublishedWishAsync();
        var volunteer = await VolunteerClientAsync();
        var claim = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
        return (wish.Id, claim.GetProperty("id").GetGuid(), claim.GetProperty("dueAt").GetDateTimeOffset());
    }

    private async Task<(Guid Wish, Guid Claim, DateTimeOffset DueAt)> ClaimDirectlyAsync()
    {
        var wish = await PublishedWishAsync();
        var volunteerId = await VolunteerAsync();
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var stored = await db.Wishes.SingleAsync(w => w.Id == wish.Id);
        var claim = stored.Claim(await db.Volunteers.SingleAsync(v => v.Id == volunteerId), 0, WishRules.Default, Clock.GetUtcNow());
        db.Claims.Add(claim);
        await db.SaveChangesAsync();
        return (wish.Id, claim.Id, claim.DueAt);
    }
}
