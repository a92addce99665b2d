using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Claims;

/// <summary>The background service runs the sweeper on its interval, on the injected clock.</summary>
public sealed class ClaimLeaseJobTests : FakeClockHostTestBase
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ClaimLeases:Enabled"] = "true",
        ["ClaimLeases:Interval"] = "00:10:00",
    };

    [Test]
    public async Task TheJobExpiresAnOverdueClaimOnItsNextTick()
    {
        var wish = await PublishedWishAsync();
        var volunteer = await VolunteerClientAsync();
        var claim = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
        var claimId = claim.GetProperty("id").GetGuid();

        // Advancing (rather than adjusting) the clock fires the job's timer, as time passing would.
        Clock.Advance(claim.GetProperty("dueAt").GetDateTimeOffset() - Clock.GetUtcNow() + TimeSpan.FromMinutes(10));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        ClaimStatus status;
        do
        {
            await Task.Delay(100);
            await using var scope = Services.CreateAsyncScope();
            status = await scope.ServiceProvider.GetRequiredService<WishDbContext>().Claims.Where(c => c.Id == claimId)
                .Select(c => c.Status).SingleAsync();
        } while (status == ClaimStatus.Active && DateTime.UtcNow < deadline);
        Assert.That(status, Is.EqualTo(ClaimStatus.Expired));
        Assert.That(Notifier.Calls.Count(c => c.Kind == "expired" && c.ClaimId == claimId), Is.EqualTo(1));
    }
}
