using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.LoveBank;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Activities;

/// <summary>Rewards for points: stock never oversold, balances never negative, whatever arrives at once; refunds on cancel and expiry.</summary>
public sealed class RedemptionTests : ActivityTestBase
{
    private async Task<Guid> RewardAsync(HttpClient admin, int cost = 10, int? stock = 5, int? limit = null) =>
        (await OkJsonAsync(await admin.PostAsJsonAsync("/api/admin/rewards",
            new { name = "图书馆免费借阅卡", partner = "市图书馆", pointsCost = cost, stock, perVolunteerLimit = limit }), 201)).GetProperty("id").GetGuid();

    private async Task GiveAsync(HttpClient admin, Guid volunteer, int points) =>
        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/volunteers/{volunteer}/points", new { points, reason = "开户赠送" }), 201);

    private static async Task<HttpStatusCode[]> AllAtOnceAsync(IEnumerable<HttpClient> clients, string url)
    {
        using var gate = new ManualResetEventSlim();
        var calls = clients.Select(c => Task.Run(async () =>
        {
            gate.Wait();
            using var response = await c.PostAsync(url, null);
            return response.StatusCode;
        })).ToList();
        gate.Set();
        return await Task.WhenAll(calls);
    }

    [Test]
    public async Task AHundredAtOnceForAStockOfFiveGiveExactlyFive()
    {
        using var admin = await AdminClientAsync();
        var reward = await RewardAsync(admin, stock: 5);
        var volunteers = await WeChatWish.Tests.Volunteers.MiniProgramSeed.VolunteersAsync(Services, 100);
        foreach (var v in volunteers) await GiveAsync(admin, v, 10);

        var statuses = await AllAtOnceAsync(volunteers.Select(VolunteerClient), $"/api/rewards/{reward}/redeem");

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(5));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(95), "the rest are told it is gone");
        var (remaining, reserved, spent) = await WithDbAsync(async db => (
            (await db.Rewards.SingleAsync(r => r.Id == reward)).Remaining,
            await db.Redemptions.CountAsync(r => r.RewardId == reward),
            await db.LedgerEntries.CountAsync(e => e.Kind == LedgerKind.Redeemed)));
        Assert.That((remaining, reserved, spent), Is.EqualTo(((int?)0, 5, 5)), "no points taken from those who got nothing");
    }

    [Test]
    public async Task TenAtOnceFromAVolunteerWithPointsForOneGiveOne()
    {
        using var admin = await AdminClientAsync();
        var reward = await RewardAsync(admin, cost: 30, stock: null);
        var volunteer = await VolunteerAsync();
        await GiveAsync(admin, volunteer, 45);

        var statuses = await AllAtOnceAsync(Enumerable.Range(0, 10).Select(_ => VolunteerClient(volunteer)), $"/api/rewards/{reward}/redeem");

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1));
        Assert.That(statuses.Count(s => s == HttpStatusCode.UnprocessableEntity), Is.EqualTo(9));
        var book = await OkJsonAsync(await VolunteerClient(volunteer).GetAsync("/api/me/passbook"));
        Assert.That(book.GetProperty("balance").GetInt32(), Is.EqualTo(15));
        Assert.That(book.GetProperty("ledger").EnumerateArray().Sum(r => r.GetProperty("points").GetInt32()), Is.EqualTo(15), "the balance is the ledger's sum");
    }

    [Test]
    public async Task ThePerVolunteerLimitHoldsUnderConcurrencyToo()
    {
        using var admin = await AdminClientAsync();
        var reward = await RewardAsync(admin, cost: 1, stock: null, limit: 2);
        var volunteer = await VolunteerAsync();
        await GiveAsync(admin, volunteer, 100);

        var statuses = await AllAtOnceAsync(Enumerable.Range(0, 8).Select(_ => VolunteerClient(volunteer)), $"/api/rewards/{reward}/redeem");

        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(2));
    }

    [Test]
    public async Task ARedemptionIsCollectedOnceOrCancelledWithARefund()
    {
        using var admin = await AdminClientAsync();
        var reward = await RewardAsync(admin, cost: 10, stock: 2);
        var volunteer = await VolunteerAsync();
        await GiveAsync(admin, volunteer, 20);
        var client = VolunteerClient(volunteer);
        var first = await OkJsonAsync(await client.PostAsync($"/api/rewards/{reward}/redeem", null), 201);
        var second = await OkJsonAsync(await client.PostAsync($"/api/rewards/{reward}/redeem", null), 201);

        Assert.That(first.GetProperty("status").GetString(), Is.EqualTo("reserved"));
        Assert.That(first.GetProperty("code").GetString(), Has.Length.EqualTo(8));
        await OkJsonAsync(await admin.PostAsync($"/api/admin/redemptions/{first.GetProperty("id")}/collect", null));
        var again = await admin.PostAsync($"/api/admin/redemptions/{first.GetProperty("id")}/collect", null);
        var cancelled = await OkJsonAsync(await admin.PostAsync($"/api/admin/redemptions/{second.GetProperty("id")}/cancel", null));

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
        var book = await OkJsonAsync(await client.GetAsync("/api/me/passbook"));
        Assert.That(book.GetProperty("balance").GetInt32(), Is.EqualTo(10));
        Assert.That(book.GetProperty("ledger").EnumerateArray().Select(r => r.GetProperty("kind").GetString()),
            Is.EquivalentTo(new[] { "adjusted", "redeemed", "redeemed", "refunded" }));
        var mine = await OkJsonAsync(await client.GetAsync("/api/me/redemptions"));
        Assert.That(mine.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()), Is.EquivalentTo(new[] { "collected", "cancelled" }));
        var byCode = await OkJsonAsync(await admin.GetAsync($"/api/admin/redemptions?code={first.GetProperty("code").GetString()!.ToLowerInvariant()}"));
        Assert.That(byCode.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()), Is.EqualTo(new[] { first.GetProperty("id").GetGuid() }));
        var catalogue = await OkJsonAsync(await client.GetAsync("/api/rewards"));
        Assert.That(catalogue.GetProperty("items")[0].GetProperty("remaining").GetInt32(), Is.EqualTo(1), "the cancelled one is back in stock");
    }

    [Test]
    public async Task ExpiredReservationsAreReleasedOnceWithEveryInstanceRunningTheJob()
    {
        using var admin = await AdminClientAsync();
        var reward = await RewardAsync(admin, cost: 10, stock: 3);
        var volunteers = await WeChatWish.Tests.Volunteers.MiniProgramSeed.VolunteersAsync(Services, 3);
        foreach (var v in volunteers)
        {
            await GiveAsync(admin, v, 10);
            await OkJsonAsync(await VolunteerClient(v).PostAsync($"/api/rewards/{reward}/redeem", null), 201);
        }
        Clock.Advance(TimeSpan.FromDays(8));
        await using var second = Host.WithWebHostBuilder(_ => { });

        var passes = await Task.WhenAll(new[] { Services, second.Services }.SelectMany(s => Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await using var scope = s.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Redemptions>().ExpireDueAsync(10, CancellationToken.None);
        }))));

        Assert.That(passes.Sum(), Is.EqualTo(3));
        var (remaining, refunds, balances) = await WithDbAsync(async db => (
            (await db.Rewards.SingleAsync(r => r.Id == reward)).Remaining,
            await db.LedgerEntries.CountAsync(e => e.Kind == LedgerKind.Refunded),
            await db.LoveBankAccounts.SumAsync(a => a.Balance)));
        Assert.That((remaining, refunds, balances), Is.EqualTo(((int?)3, 3, 30)));
    }

    [Test]
    public async Task StaffCannotTakeABalanceBelowZero()
    {
        using var admin = await AdminClientAsync();
        var volunteer = await VolunteerAsync();
        await GiveAsync(admin, volunteer, 5);

        var problem = await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/volunteers/{volunteer}/points", new { points = -6, reason = "更正" }), 422);
        var noReason = await admin.PostAsJsonAsync($"/api/admin/volunteers/{volunteer}/points", new { points = 3 });

        Assert.That(problem.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.PointsNotEnough));
        Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
