using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Public;

public sealed class PublicListTests : MiniProgramTestBase
{
    [Test]
    public async Task TheClaimedListShowsThisRoundsClaimedAndFulfilledWishesWithNamesMasked()
    {
        var claimed = await PublishedWishAsync(new WishSpec(Content: "想要一个电暖器"));
        var fulfilled = await PublishedWishAsync(new WishSpec(Content: "想要一个书包"));
        var open = await PublishedWishAsync();
        var volunteer = await VolunteerClientAsync(name: "李红梅");
        await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{claimed.Id}/claim", null), 201);
        var claim = await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{fulfilled.Id}/claim", null), 201);
        await OkJsonAsync(await volunteer.PostAsJsonAsync($"/api/claims/{claim.GetProperty("id").GetGuid()}/fulfilment", new { note = "送到了", minutes = 30 }));
        var round = claimed.Code[1..7];

        var list = await OkJsonAsync(await Client.GetAsync($"/api/public/wishes/claimed?round={round}"));

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("code").GetString()), Is.EquivalentTo(new[] { claimed.Code, fulfilled.Code }));
        Assert.That(items.Select(i => i.GetProperty("status").GetString()), Is.EquivalentTo(new[] { "claimed", "fulfilled" }));
        Assert.That(items.All(i => i.GetProperty("volunteerDisplayName").GetString() == "李**"), Is.True);
        Assert.That(items.Select(i => i.GetProperty("code").GetString()), Does.Not.Contain(open.Code));
        Assert.That(list.ToString(), Does.Not.Contain("李红梅").And.Not.Contain(claimed.BeneficiaryName).And.Not.Contain(claimed.BeneficiaryPhone));
    }

    [Test]
    public async Task ABadRoundIsAValidationProblem()
    {
        var response = await Client.GetAsync("/api/public/wishes/claimed?round=2026-12");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await JsonAsync(response)).GetProperty("errors").TryGetProperty("round", out _), Is.True);
    }

    [Test]
    public async Task StatsCountTheYearsWishesByStatus()
    {
        var claimed = await PublishedWishAsync();
        await PublishedWishAsync();
        await PublishedWishAsync();
        var volunteer = await VolunteerClientAsync();
        await OkJsonAsync(await volunteer.PostAsync($"/api/wishes/{claimed.Id}/claim", null), 201);
        int year;
        await using (var scope = Services.CreateAsyncScope())
            year = (await scope.ServiceProvider.GetRequiredService<WishDbContext>().Wishes.Where(w => w.Id == claimed.Id).Select(w => w.Round).SingleAsync()).Year;

        var stats = await OkJsonAsync(await Client.GetAsync($"/api/public/stats?year={year}"));
        var other = await OkJsonAsync(await Client.GetAsync($"/api/public/stats?year={year + 1}"));

        Assert.That(stats.GetProperty("byStatus").GetProperty("published").GetInt32(), Is.EqualTo(2));
        Assert.That(stats.GetProperty("byStatus").GetProperty("claimed").GetInt32(), Is.EqualTo(1));
        Assert.That(stats.GetProperty("total").GetInt32(), Is.EqualTo(3));
        Assert.That(other.GetProperty("total").GetInt32(), Is.Zero);
    }
}
