using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Volunteers;

/// <summary>The per-volunteer totals (migration XingtaiSummaries) follow every write to the passbook.</summary>
public sealed class MinuteTotalTests : MiniProgramTestBase
{
    [Test]
    public async Task TotalsFollowFinalLinesConfirmationsCorrectionsAndDeletions()
    {
        var volunteer = await VolunteerAsync();
        Guid recorded;
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            var entry = ServiceRecordEntry.Record(volunteer, DateTimeOffset.UtcNow.AddDays(-1), "鼓楼区敬老院", "陪伴老人", 60, "张老师");
            recorded = entry.Id;
            db.ServiceRecordEntries.Add(entry);
            await db.SaveChangesAsync();
        }
        Assert.That(await TotalsAsync(volunteer), Is.EqualTo((60L, 0L)), "a final line counts at once");

        var wish = await PublishedWishAsync();
        var client = VolunteerClient(volunteer);
        var claim = await OkJsonAsync(await client.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
        await OkJsonAsync(await client.PostAsJsonAsync($"/api/claims/{claim.GetProperty("id").GetGuid()}/fulfilment", new { note = "送到了", minutes = 45 }));
        Assert.That(await TotalsAsync(volunteer), Is.EqualTo((60L, 45L)), "a fulfilment's line is pending");

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            var pending = await db.ServiceRecordEntries.SingleAsync(e => e.VolunteerId == volunteer && !e.IsFinal);
            pending.MakeFinal("回访员", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        Assert.That(await TotalsAsync(volunteer), Is.EqualTo((105L, 0L)), "the confirmation moves the minutes to final");

        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            // A correction changes the minutes of a final line; a reversal removes it.
            await db.ServiceRecordEntries.Where(e => e.Id == recorded).ExecuteUpdateAsync(s => s.SetProperty(e => e.Minutes, 90));
            Assert.That(await TotalsAsync(volunteer), Is.EqualTo((135L, 0L)), "a corrected line counts its new minutes");
            await db.ServiceRecordEntries.Where(e => e.Id == recorded).ExecuteDeleteAsync();
        }
        Assert.That(await TotalsAsync(volunteer), Is.EqualTo((45L, 0L)), "a removed line no longer counts");
        await AssertTotalsMatchEntriesAsync();
    }

    private async Task AssertTotalsMatchEntriesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var sums = await db.ServiceRecordEntries.GroupBy(e => e.VolunteerId)
            .Select(g => new { g.Key, Final = g.Where(e => e.IsFinal).Sum(e => (long)e.Minutes), Pending = g.Where(e => !e.IsFinal).Sum(e => (long)e.Minutes) })
            .ToListAsync();
        var totals = await db.VolunteerMinuteTotals.ToDictionaryAsync(t => t.VolunteerId);
        foreach (var sum in sums)
            Assert.That((totals[sum.Key].FinalMinutes, totals[sum.Key].PendingMinutes), Is.EqualTo((sum.Final, sum.Pending)), $"volunteer {sum.Key}");
    }

    private async Task<(long Final, long Pending)> TotalsAsync(Guid volunteer)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var total = await db.VolunteerMinuteTotals.AsNoTracking().SingleOrDefaultAsync(t => t.VolunteerId == volunteer);
        return total is null ? (0, 0) : (total.FinalMinutes, total.PendingMinutes);
    }
}
