using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Volunteers;

public sealed class ServiceRecordTests : MiniProgramTestBase
{
    [Test]
    public async Task FinalEntriesMakeTheTotalsPointsAndStarsAndProvisionalOnesShowAsNotFinal()
    {
        var volunteer = await VolunteerAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            // 100 hours of staff-recorded service reaches the first star; the fulfilment entry waits for confirmation.
            for (var day = 0; day < 5; day++)
                db.ServiceRecordEntries.Add(ServiceRecordEntry.Record(volunteer, now.AddDays(-10 + day), "鼓楼区敬老院", "陪伴老人", 20 * 60, "张老师"));
            await db.SaveChangesAsync();
        }
        var wish = await PublishedWishAsync();
        var client = VolunteerClient(volunteer);
        var claim = await OkJsonAsync(await client.PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
        await OkJsonAsync(await client.PostAsJsonAsync($"/api/claims/{claim.GetProperty("id").GetGuid()}/fulfilment", new { note = "送到了", minutes = 45 }));

        var record = await OkJsonAsync(await client.GetAsync("/api/me/service-record"));

        Assert.Multiple(() =>
        {
            Assert.That(record.GetProperty("totalMinutes").GetInt32(), Is.EqualTo(6000));
            Assert.That(record.GetProperty("totalHours").GetDecimal(), Is.EqualTo(100m));
            Assert.That(record.GetProperty("points").GetInt32(), Is.EqualTo(600));
            Assert.That(record.GetProperty("starLevel").GetInt32(), Is.EqualTo(1));
            Assert.That(record.GetProperty("pendingMinutes").GetInt32(), Is.EqualTo(45));
            var entries = record.GetProperty("entries").EnumerateArray().ToList();
            Assert.That(entries, Has.Count.EqualTo(6));
            Assert.That(entries[0].GetProperty("final").GetBoolean(), Is.False, "newest first: the fulfilment");
            Assert.That(entries.Skip(1).All(e => e.GetProperty("final").GetBoolean() && e.GetProperty("witness").GetString() == "张老师"), Is.True);
        });
    }

    [Test]
    public async Task AVolunteerSeesOnlyTheirOwnRecord()
    {
        var mine = await VolunteerAsync();
        var theirs = await VolunteerAsync();
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            db.ServiceRecordEntries.Add(ServiceRecordEntry.Record(theirs, DateTimeOffset.UtcNow, "玄武区", "义诊", 60, null));
            await db.SaveChangesAsync();
        }

        var record = await OkJsonAsync(await VolunteerClient(mine).GetAsync("/api/me/service-record"));

        Assert.That(record.GetProperty("entries").GetArrayLength(), Is.Zero);
        Assert.That(record.GetProperty("totalMinutes").GetInt32(), Is.Zero);
    }
}
