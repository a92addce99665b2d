using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff.Rounds;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>Round summaries, publication by role and district, concurrent scheduled runs, and the end-of-round roll-over.</summary>
public sealed class RoundTests : ApiTestBase
{
    private StaffWorld _world = null!;

    [SetUp]
    public void MakeWorld() => _world = new StaffWorld(Api.Services);

    private async Task<HttpClient> ClientAsync(StaffRole role, string? district = null) => Api.CreateStaffClient(await _world.StaffAsync(role, district));

    private static int Count(JsonElement summary, string status) =>
        summary.GetProperty("byStatus").EnumerateArray().Single(s => s.GetProperty("status").GetString() == status).GetProperty("count").GetInt32();

    [Test]
    public async Task CoordinatorsSeeAndPublishOnlyTheirDistrictWhileReviewersPublishTheRest()
    {
        var gulou = await _world.VerifiedAsync("gulou");
        var qixia = await _world.VerifiedAsync("qixia");
        await _world.SubmittedAsync("qixia");
        using var coordinator = await ClientAsync(StaffRole.DistrictCoordinator, "gulou");
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        var own = await coordinator.GetFromJsonAsync<JsonElement>($"/api/admin/rounds/{gulou.Round}");
        var all = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/rounds/{gulou.Round}");
        Assert.That(own.GetProperty("total").GetInt32(), Is.EqualTo(1));
        Assert.That(all.GetProperty("total").GetInt32(), Is.EqualTo(3));
        Assert.That(all.GetProperty("estimatedCost").GetDecimal(), Is.EqualTo(360m));

        var byCoordinator = await (await coordinator.PostAsync($"/api/admin/rounds/{gulou.Round}/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(byCoordinator.GetProperty("codes").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { gulou.Code }));
        var byReviewer = await (await reviewer.PostAsync($"/api/admin/rounds/{gulou.Round}/publish", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(byReviewer.GetProperty("codes").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { qixia.Code }));

        var after = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/rounds/{gulou.Round}");
        Assert.That(Count(after, "published"), Is.EqualTo(2));
        Assert.That(Count(after, "submitted"), Is.EqualTo(1));
        using var badRound = await reviewer.GetAsync("/api/admin/rounds/2026-12");
        Assert.That(badRound.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task ADuePublicationRunsExactlyOnceWhenInstancesRaceForIt()
    {
        var wishes = new[] { await _world.VerifiedAsync(), await _world.VerifiedAsync(), await _world.VerifiedAsync("qixia") };
        using var reviewer = await ClientAsync(StaffRole.Reviewer);
        var at = DateTimeOffset.UtcNow.AddHours(3);
        using var scheduled = await reviewer.PostAsJsonAsync($"/api/admin/rounds/{wishes[0].Round}/publish", new { at });
        Assert.That(scheduled.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await _world.WithDbAsync(db => db.Wishes.CountAsync(w => w.Status == WishStatus.Published)), Is.Zero);

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = Api.Services.CreateAsyncScope();
            return await RoundJobs.RunDuePublicationAsync(scope.ServiceProvider, at.AddSeconds(1), CancellationToken.None);
        }));

        Assert.That(runs.Count(ran => ran), Is.EqualTo(1));
        var schedule = await _world.WithDbAsync(db => db.ScheduledPublications.SingleAsync());
        Assert.That(schedule.Status, Is.EqualTo(ScheduledPublicationStatus.Done));
        Assert.That(schedule.Published, Is.EqualTo(3));
        Assert.That(await _world.WithDbAsync(db => db.WishStatusChanges.CountAsync(h => h.Action == WishAction.Published)), Is.EqualTo(3));
    }

    [Test]
    public async Task UnclaimedWishesRollIntoTheNextRoundOnceAndTheSummariesReportIt()
    {
        var submitted = await _world.SubmittedAsync();
        var published = await _world.AdvanceAsync(await _world.SubmittedAsync(), WishStatus.Published);
        var claimed = await _world.ClaimedAsync();
        var round = Round.Parse(submitted.Round);
        var afterTheRound = WishRules.Default.Schedule(round).FulfilmentEndsAt.AddHours(1);

        int moved, movedAgain;
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var rollover = scope.ServiceProvider.GetRequiredService<RoundRollover>();
            moved = await rollover.RunAsync(afterTheRound, CancellationToken.None);
            movedAgain = await rollover.RunAsync(afterTheRound.AddMinutes(1), CancellationToken.None);
        }

        Assert.That(moved, Is.EqualTo(2));
        Assert.That(movedAgain, Is.Zero);
        using var reviewer = await ClientAsync(StaffRole.Reviewer);
        var old = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/rounds/{round}");
        var next = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/rounds/{round.Next()}");
        var rolledOut = old.GetProperty("rolledOut").EnumerateArray().Single();
        Assert.That(rolledOut.GetProperty("round").GetString(), Is.EqualTo(round.Next().ToString()));
        Assert.That(rolledOut.GetProperty("codes").EnumerateArray().Select(c => c.GetString()), Is.EquivalentTo(new[] { submitted.Code, published.Code }));
        Assert.That(Count(old, "claimed"), Is.EqualTo(1), "a claimed wish stays with its round");
        Assert.That(Count(next, "published"), Is.EqualTo(1));
        Assert.That(Count(next, "submitted"), Is.EqualTo(1));
        Assert.That(next.GetProperty("rolledIn").EnumerateArray().Single().GetProperty("codes").GetArrayLength(), Is.EqualTo(2));
        Assert.That(claimed.Code, Does.StartWith("W" + round));
    }

    [Test]
    public async Task ARollOverLargerThanOneBatchMovesEveryUnclaimedWishInBatches()
    {
        var wishes = new[] { await _world.SubmittedAsync(), await _world.AdvanceAsync(await _world.SubmittedAsync(), WishStatus.Published),
            await _world.AdvanceAsync(await _world.SubmittedAsync(), WishStatus.Verified) };
        var claimed = await _world.ClaimedAsync();
        var round = Round.Parse(wishes[0].Round);
        var afterTheRound = WishRules.Default.Schedule(round).FulfilmentEndsAt.AddHours(1);

        int moved;
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var rollover = new RoundRollover(services.GetRequiredService<WishDbContext>(), services.GetRequiredService<WishRules>(),
                services.GetRequiredService<ILogger<RoundRollover>>()) { BatchSize = 2 };
            moved = await rollover.RunAsync(afterTheRound, CancellationToken.None);
        }

        Assert.That(moved, Is.EqualTo(3), "two batches: 2 + 1");
        var ids = wishes.Select(w => w.Id).ToList();
        var rounds = await _world.WithDbAsync(db => db.Wishes.Where(w => ids.Contains(w.Id)).Select(w => w.Round).ToListAsync());
        Assert.That(rounds, Is.All.EqualTo(round.Next()));
        Assert.That(await _world.WithDbAsync(db => db.Wishes.Where(w => w.Id == claimed.Id).Select(w => w.Round).SingleAsync()),
            Is.EqualTo(round), "a claimed wish stays with its round");
    }
}
