using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Activities;

/// <summary>The organiser's confirmation: final passbook lines with a witness, points by the rule, corrections audited and reversed, no-shows.</summary>
public sealed class AttendanceTests : ActivityTestBase
{
    [Test]
    public async Task ConfirmedMinutesBecomeFinalPassbookLinesAndPointsAndTheAbsentAreNoShows()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(1), 2, 5)]));
        var present = await VolunteerAsync();
        var absent = await VolunteerAsync();
        foreach (var v in new[] { present, absent })
            await OkJsonAsync(await VolunteerClient(v).PostAsync($"/api/activities/shifts/{shiftId}/signup", null), 201);
        Clock.Advance(TimeSpan.FromMinutes(55));
        await ScanAsync(admin, present, shiftId);
        Clock.Advance(TimeSpan.FromMinutes(120));
        await ScanAsync(admin, present, shiftId);

        var result = await OkJsonAsync(await admin.PostAsJsonAsync($"/api/admin/activities/shifts/{shiftId}/attendance",
            new { entries = new[] { new { volunteerId = present, rating = 5 } } }));

        Assert.That((result.GetProperty("attended").GetInt32(), result.GetProperty("noShows").GetInt32()), Is.EqualTo((1, 1)));
        var noShow = result.GetProperty("roster").GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("volunteerId").GetGuid() == absent);
        Assert.That(noShow.GetProperty("noShow").GetBoolean(), Is.True);

        var book = await OkJsonAsync(await VolunteerClient(present).GetAsync("/api/me/passbook"));
        Assert.That(book.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "balance", "totalMinutes", "starLevel", "entries", "ledger" }));
        var line = book.GetProperty("entries")[0];
        Assert.That(line.EnumerateObject().Select(p => p.Name),
            Is.EqualTo(new[] { "at", "place", "content", "minutes", "cumulativeMinutes", "witness", "final" }));
        Assert.Multiple(() =>
        {
            Assert.That(line.GetProperty("minutes").GetInt32(), Is.EqualTo(115), "the start (11:00, after the 10:55 check-in) to the check-out at 12:55");
            Assert.That(line.GetProperty("witness").GetString(), Is.EqualTo("admin"));
            Assert.That(line.GetProperty("final").GetBoolean(), Is.True);
            Assert.That(book.GetProperty("totalMinutes").GetInt32(), Is.EqualTo(115));
            Assert.That(book.GetProperty("balance").GetInt32(), Is.EqualTo(11), "one point per 10 minutes");
            Assert.That(book.GetProperty("ledger")[0].GetProperty("kind").GetString(), Is.EqualTo("earned"));
        });
        var absentBook = await OkJsonAsync(await VolunteerClient(absent).GetAsync("/api/me/passbook"));
        Assert.That(absentBook.GetProperty("entries").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task ACorrectionNeedsAReasonIsAuditedAndReversesThePointsItReplaces()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(1), 2, 5)]));
        var volunteer = await VolunteerAsync();
        await OkJsonAsync(await VolunteerClient(volunteer).PostAsync($"/api/activities/shifts/{shiftId}/signup", null), 201);
        Clock.Advance(TimeSpan.FromHours(3));
        var url = $"/api/admin/activities/shifts/{shiftId}/attendance";

        var noReason = await OkJsonAsync(await admin.PostAsJsonAsync(url, new { entries = new[] { new { volunteerId = volunteer, minutes = 120 } } }), 422);
        await OkJsonAsync(await admin.PostAsJsonAsync(url, new { entries = new[] { new { volunteerId = volunteer, minutes = 120, note = "手机没电，未能扫码" } } }));
        await OkJsonAsync(await admin.PostAsJsonAsync(url, new { entries = new[] { new { volunteerId = volunteer, minutes = 60, note = "提前离开，核实后更正" } } }));

        Assert.That(noReason.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityCorrectionNeedsReason));
        var book = await OkJsonAsync(await VolunteerClient(volunteer).GetAsync("/api/me/passbook"));
        Assert.That(book.GetProperty("entries").GetArrayLength(), Is.EqualTo(1), "one line per shift, showing the final minutes");
        Assert.That(book.GetProperty("totalMinutes").GetInt32(), Is.EqualTo(60));
        Assert.That(book.GetProperty("ledger").EnumerateArray().Select(r => (r.GetProperty("kind").GetString(), r.GetProperty("points").GetInt32())),
            Is.EquivalentTo(new[] { ("earned", 12), ("reversed", -12), ("earned", 6) }), "rows of one instant in any order");
        Assert.That(book.GetProperty("balance").GetInt32(), Is.EqualTo(6));
        var audited = await WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "attendance.corrected").Select(a => a.Details).ToListAsync());
        Assert.That(audited, Is.EqualTo(new[] { "0→120 min: 手机没电，未能扫码", "120→60 min: 提前离开，核实后更正" }));
    }

    [Test]
    public async Task AttendanceOfSomeoneWithoutAPlaceOrBeforeTheStartIsRefused()
    {
        using var admin = await AdminClientAsync();
        var shiftId = ShiftId(await PublishedActivityAsync(admin, [ShiftBody(Start.AddHours(1), 2, 5)]));
        var url = $"/api/admin/activities/shifts/{shiftId}/attendance";

        var early = await OkJsonAsync(await admin.PostAsJsonAsync(url, new { entries = Array.Empty<object>() }), 422);
        Clock.Advance(TimeSpan.FromHours(2));
        var stranger = await OkJsonAsync(await admin.PostAsJsonAsync(url, new { entries = new[] { new { volunteerId = await VolunteerAsync(), minutes = 30, note = "x" } } }), 422);
        var bad = await OkJsonAsync(await admin.PostAsJsonAsync(url, new { entries = new[] { new { volunteerId = Guid.NewGuid(), minutes = -5, rating = 9 } } }), 400);

        Assert.That(early.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityAttendanceNotOver));
        Assert.That(stranger.GetProperty("code").GetString(), Is.EqualTo(DomainErrorCodes.ActivityNotSignedUp));
        Assert.That(bad.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "entries[0].minutes", "entries[0].rating" }));
    }

    private async Task ScanAsync(HttpClient admin, Guid volunteer, Guid shiftId)
    {
        var token = (await OkJsonAsync(await admin.GetAsync($"/api/admin/activities/shifts/{shiftId}/checkin-code"))).GetProperty("token").GetString();
        await OkJsonAsync(await VolunteerClient(volunteer).PostAsJsonAsync("/api/activities/checkins", new { token }));
    }
}
