using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Staff;

/// <summary>
/// The statistics page reads summaries kept by triggers (migration StatsSummaries); after every kind of write its figures equal
/// the ones counted from the rows themselves, for the whole city and for a district coordinator.
/// </summary>
public sealed class StatsSummaryTests : MiniProgramTestBase
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private StaffWorld _world = null!;
    private HttpClient _admin = null!, _gulou = null!, _qixia = null!;
    private int _year;

    [SetUp]
    public async Task SignInAsync()
    {
        _world = new StaffWorld(Services);
        _admin = Api.CreateStaffClient(await _world.AdminAsync());
        _gulou = Api.CreateStaffClient(await _world.CreateStaffAsync("gulou-coordinator", StaffRole.DistrictCoordinator, "gulou"));
        _qixia = Api.CreateStaffClient(await _world.CreateStaffAsync("qixia-coordinator", StaffRole.DistrictCoordinator, "qixia"));
        _year = Services.GetRequiredService<TimeProvider>().GetUtcNow().ToOffset(China).Year;
    }

    [TearDown]
    public void DisposeStaff()
    {
        _admin.Dispose();
        _gulou.Dispose();
        _qixia.Dispose();
    }

    [Test]
    public async Task FiguresEqualACountOfTheRowsAfterEveryKindOfWrite()
    {
        var gulouWish = await PublishedWishAsync(new WishSpec(District: "gulou"));
        var otherGulouWish = await PublishedWishAsync(new WishSpec(District: "gulou", Category: "disabled"));
        var qixiaWish = await PublishedWishAsync(new WishSpec(District: "qixia"));
        var withdrawn = await PublishedWishAsync(new WishSpec(District: "qixia", Category: "poor_student"));
        await _world.FulfilledAsync("qixia", minutes: 30);
        await AssertFiguresMatchRowsAsync("published wishes and a fulfilled one");

        var alice = await VolunteerAsync("gulou");
        var bob = await VolunteerAsync("qixia");
        var aliceClaim = await ClaimAsync(alice, gulouWish.Id);
        var bobClaim = await ClaimAsync(bob, otherGulouWish.Id);
        await AssertFiguresMatchRowsAsync("two claims in gulou, one by a qixia volunteer");
        Assert.That((await StatsAsync(_gulou)).GetProperty("activeVolunteers").GetInt32(), Is.EqualTo(2), "the test sees claims at all");

        await OkJsonAsync(await VolunteerClient(bob).PostAsJsonAsync($"/api/claims/{bobClaim}/release", new { reason = "时间冲突" }));
        await AssertFiguresMatchRowsAsync("a released claim");

        await OkJsonAsync(await VolunteerClient(alice).PostAsJsonAsync($"/api/claims/{aliceClaim}/fulfilment", new { note = "送到了", minutes = 45 }));
        await AssertFiguresMatchRowsAsync("a fulfilment and its pending line");

        await WithDbAsync(async db =>
        {
            var pending = await db.ServiceRecordEntries.SingleAsync(e => e.VolunteerId == alice && !e.IsFinal);
            pending.MakeFinal("回访员", DateTimeOffset.UtcNow);
            // 00:30 on 1 January in China is still the old year in UTC; 23:30 on 31 December is the year before.
            db.ServiceRecordEntries.Add(ServiceRecordEntry.Record(bob, new DateTimeOffset(_year, 1, 1, 0, 30, 0, China), "栖霞区敬老院", "陪伴老人", 50, null));
            db.ServiceRecordEntries.Add(ServiceRecordEntry.Record(bob, new DateTimeOffset(_year - 1, 12, 31, 23, 30, 0, China), "栖霞区敬老院", "陪伴老人", 70, null));
            db.ServiceRecordEntries.Add(ServiceRecordEntry.Record(alice, new DateTimeOffset(_year, 6, 1, 9, 0, 0, China), "鼓楼区社区", "清扫", 20, null));
            await db.SaveChangesAsync();
        });
        await AssertFiguresMatchRowsAsync("a confirmation and lines either side of new year in China time");

        await WithDbAsync(db => db.Volunteers.Where(v => v.Id == alice).ExecuteUpdateAsync(s => s.SetProperty(v => v.DistrictCode, "qixia")));
        await AssertFiguresMatchRowsAsync("a volunteer moved from gulou to qixia");
        await WithDbAsync(db => db.Volunteers.Where(v => v.Id == bob).ExecuteUpdateAsync(s => s.SetProperty(v => v.DistrictCode, (string?)null)));
        await AssertFiguresMatchRowsAsync("a volunteer without a district");

        await WithDbAsync(async db =>
        {
            await db.ServiceRecordEntries.Where(e => e.VolunteerId == alice && e.Minutes == 20).ExecuteUpdateAsync(s => s.SetProperty(e => e.Minutes, 35));
            await db.ServiceRecordEntries.Where(e => e.VolunteerId == bob && e.Minutes == 50).ExecuteDeleteAsync();
        });
        await AssertFiguresMatchRowsAsync("a corrected line and a removed one");

        await WithDbAsync(async db =>
        {
            var wish = await db.Wishes.SingleAsync(w => w.Id == qixiaWish.Id);
            wish.MoveToRound(new Round(_year + 1, 1), Actor.System("test"), DateTimeOffset.UtcNow);
            var other = await db.Wishes.SingleAsync(w => w.Id == withdrawn.Id);
            other.Withdraw("家属已解决", Actor.System("test"), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await db.Wishes.Where(w => w.Id == otherGulouWish.Id).ExecuteUpdateAsync(s => s
                .SetProperty(w => w.Category, WishCategory.Other).SetProperty(w => w.EstimatedCost, 300m));
        });
        await AssertFiguresMatchRowsAsync("a wish moved to next year, a withdrawal, a new category and cost");

        await WithDbAsync(async db =>
        {
            // A claimed wish's round changed behind the domain's back: its volunteer follows it to the other year.
            await db.Wishes.Where(w => w.Id == gulouWish.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Round, new Round(_year + 1, 2)));
            await db.Wishes.Where(w => w.Id == withdrawn.Id).ExecuteDeleteAsync();
        });
        await AssertFiguresMatchRowsAsync("a fulfilled wish moved to another year and a deleted wish");
    }

    private async Task<Guid> ClaimAsync(Guid volunteer, Guid wish) =>
        (await OkJsonAsync(await VolunteerClient(volunteer).PostAsync($"/api/wishes/{wish}/claim", null), 201)).GetProperty("id").GetGuid();

    private async Task AssertFiguresMatchRowsAsync(string after)
    {
        foreach (var year in new[] { _year - 1, _year, _year + 1 })
        foreach (var (client, district) in new[] { (_admin, (string?)null), (_gulou, "gulou"), (_qixia, "qixia") })
        {
            var expected = await WithDbAsync(db => CountRowsAsync(db, year, district));
            Assert.That(Figures(await StatsAsync(client, year)), Is.EqualTo(expected), $"after {after}: {year}, {district ?? "the city"}");
        }
    }

    private Task<JsonElement> StatsAsync(HttpClient client, int? year = null) =>
        client.GetFromJsonAsync<JsonElement>($"/api/admin/stats?year={year ?? _year}");

    private static string Figures(JsonElement stats) => string.Join("; ",
        $"total {stats.GetProperty("total").GetInt32()}",
        "status " + string.Join(",", stats.GetProperty("byStatus").EnumerateObject().Where(p => p.Value.GetInt32() != 0).Select(p => $"{p.Name}={p.Value}")),
        "district " + Breakdowns(stats.GetProperty("byDistrict")),
        "category " + Breakdowns(stats.GetProperty("byCategory")),
        "month " + Breakdowns(stats.GetProperty("byMonth")),
        $"fulfilled {stats.GetProperty("fulfilled").GetInt32()} costing {stats.GetProperty("fulfilledCost").GetDecimal():F2}",
        $"volunteers {stats.GetProperty("activeVolunteers").GetInt32()}",
        $"hours {stats.GetProperty("serviceHours").GetDecimal():F2} confirmed {stats.GetProperty("confirmedServiceHours").GetDecimal():F2}");

    private static string Breakdowns(JsonElement list) => string.Join(",", list.EnumerateArray()
        .Where(b => b.GetProperty("total").GetInt32() != 0)
        .Select(b => $"{b.GetProperty("key").GetString()}={b.GetProperty("total").GetInt32()}/{b.GetProperty("fulfilled").GetInt32()}")
        .Order(StringComparer.Ordinal));

    /// <summary>The page's figures counted from Wishes, Claims and ServiceRecordEntries, as the page counted them before the summaries.</summary>
    private static async Task<string> CountRowsAsync(WishDbContext db, int year, string? district)
    {
        var rounds = Enumerable.Range(1, 12).Select(m => new Round(year, m)).ToList();
        var wishes = db.Wishes.AsNoTracking().Where(w => rounds.Contains(w.Round) && (district == null || w.DistrictCode == district));
        var rows = await wishes.Select(w => new { w.Round, w.Status, w.DistrictCode, w.Category, w.EstimatedCost }).ToListAsync();
        bool Done(WishStatus s) => Wish.DoneStatuses.Contains(s);
        string Split<T>(IEnumerable<IGrouping<T, (string Key, bool Done)>> groups) =>
            string.Join(",", groups.Select(g => $"{g.First().Key}={g.Count()}/{g.Count(x => x.Done)}").Order(StringComparer.Ordinal));

        var wishIds = wishes.Select(w => w.Id);
        var volunteers = await db.Claims.Where(c => wishIds.Contains(c.WishId) && (c.Status == ClaimStatus.Active || c.Status == ClaimStatus.Fulfilled))
            .Select(c => c.VolunteerId).Distinct().CountAsync();
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, China).ToUniversalTime();
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, China).ToUniversalTime();
        var entries = await db.ServiceRecordEntries.Where(e => e.At >= from && e.At < to
                && (district == null || db.Volunteers.Any(v => v.Id == e.VolunteerId && v.DistrictCode == district)))
            .Select(e => new { e.Minutes, e.IsFinal }).ToListAsync();
        static decimal Hours(int minutes) => decimal.Round(minutes / 60m, 2);

        return string.Join("; ",
            $"total {rows.Count}",
            "status " + string.Join(",", Wish.StoredStatuses.Select(s => (Name: ApiEnum.Name(s), Count: rows.Count(r => r.Status == s)))
                .Where(s => s.Count != 0).Select(s => $"{s.Name}={s.Count}")),
            "district " + Split(rows.Select(r => (Key: r.DistrictCode, Done: Done(r.Status))).GroupBy(r => r.Key)),
            "category " + Split(rows.Select(r => (Key: Categories.Of(r.Category).Code, Done: Done(r.Status))).GroupBy(r => r.Key)),
            "month " + Split(rows.Select(r => (Key: r.Round.ToString(), Done: Done(r.Status))).GroupBy(r => r.Key)),
            $"fulfilled {rows.Count(r => Done(r.Status))} costing {rows.Where(r => Done(r.Status)).Sum(r => r.EstimatedCost):F2}",
            $"volunteers {volunteers}",
            $"hours {Hours(entries.Sum(e => e.Minutes)):F2} confirmed {Hours(entries.Where(e => e.IsFinal).Sum(e => e.Minutes)):F2}");
    }

    private async Task<T> WithDbAsync<T>(Func<WishDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<WishDbContext>());
    }

    private async Task WithDbAsync(Func<WishDbContext, Task> action) => await WithDbAsync(async db => { await action(db); return 0; });
}
