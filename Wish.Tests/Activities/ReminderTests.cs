using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Activities;
using System.Net.Http.Json;

namespace WeChatWish.Tests.Activities;

/// <summary>The day-before reminder and the star-level message, through the durable notification rows.</summary>
public sealed class ReminderTests : ActivityTestBase
{
    [Test]
    public async Task ConfirmedVolunteersAreRemindedOnceTheDayBeforeWithEveryInstanceRunningThePass()
    {
        using var admin = await AdminClientAsync();
        var tomorrow = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(20), 2, 1)]));
        var nextWeek = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddDays(7), 2, 5)]));
        foreach (var shift in new[] { tomorrow, tomorrow, nextWeek })
            await OkJsonAsync(await (await VolunteerClientAsync()).PostAsync($"/api/activities/shifts/{shift}/signup", null), 201);
        await using var second = Host.WithWebHostBuilder(_ => { });
        var sweepers = new[] { Services.GetRequiredService<ShiftReminderSweeper>(), second.Services.GetRequiredService<ShiftReminderSweeper>() };

        var reminded = await Task.WhenAll(sweepers.SelectMany(s => Enumerable.Range(0, 3).Select(_ => Task.Run(() => s.RunOnceAsync(CancellationToken.None)))));

        Assert.That(reminded.Sum(), Is.EqualTo(1), "the one confirmed place starting within a day; not the waiting one, not next week's");
        var rows = await WithDbAsync(db => db.NotificationRecipients.CountAsync(r => db.NotificationJobs.Any(j => j.Id == r.JobId && j.TemplateKey == "activity.reminder")));
        Assert.That(rows, Is.EqualTo(1));
    }

    [Test]
    public async Task ReachingAStarLevelThroughAttendanceIsAnnounced()
    {
        using var admin = await AdminClientAsync();
        var volunteer = await VolunteerAsync();
        // 99 hours and a half on record: a two-hour shift takes the volunteer past 100 hours, the first star.
        await WithDbAsync(async db =>
        {
            for (var i = 0; i < 5; i++)
                db.ServiceRecordEntries.Add(WeChatWish.Domain.ServiceRecordEntry.Record(volunteer, Clock.GetUtcNow().AddDays(-10 - i), "社区", "往期服务", i < 4 ? 1200 : 1170, "admin"));
            return await db.SaveChangesAsync();
        });
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(1), 2, 5)]));
        await OkJsonAsync(await VolunteerClient(volunteer).PostAsync($"/api/activities/shifts/{shiftId}/signup", null), 201);
        Clock.Advance(TimeSpan.FromHours(3));

        await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/activities/shifts/{shiftId}/attendance",
            new { entries = new[] { new { volunteerId = volunteer, minutes = 60, note = "核实时长" } } }));

        var book = await OkJsonAsync(await VolunteerClient(volunteer).GetAsync("/api/me/passbook"));
        Assert.That(book.GetProperty("starLevel").GetInt32(), Is.EqualTo(1));
        var told = await WithDbAsync(db => db.NotificationJobs.CountAsync(j => j.TemplateKey == "volunteer.star_level"));
        Assert.That(told, Is.EqualTo(1));
    }
}
