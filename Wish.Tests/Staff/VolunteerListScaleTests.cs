using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Staff;

/// <summary>
/// What the volunteer list and the hours export read from the kept rows of migration VolunteerListIndexes: the list's totals are
/// the per-district counts, the search is a LIKE whose wildcards in q are literal, the export's year is the kept per-year minutes.
/// </summary>
public sealed class VolunteerListScaleTests : ApiTestBase
{
    private static readonly string[] Districts = ["gulou", "qixia"];

    private StaffWorld _world = null!;

    [SetUp]
    public void MakeWorld() => _world = new StaffWorld(Api.Services);

    [Test]
    public async Task ListTotalsFollowRegistrationsDistrictChangesAndDeletions()
    {
        using var admin = Api.CreateStaffClient(await _world.AdminAsync());
        var gulou = await MiniProgramSeed.VolunteersAsync(Api.Services, 3, "gulou");
        var qixia = await MiniProgramSeed.VolunteersAsync(Api.Services, 2, "qixia");
        await MiniProgramSeed.VolunteersAsync(Api.Services, 2, complete: false);
        await AssertTotalsAsync(admin, (5, 3, 2), "registrations; the ones without a name are not listed");

        // A sign-in registers a nameless volunteer; the profile put over the API names them in 鼓楼区, then moves them to 栖霞区.
        var nameless = await MiniProgramSeed.VolunteerAsync(Api.Services, complete: false);
        using var signedIn = Api.CreateVolunteerClient(nameless);
        await PutProfileAsync(signedIn, "gulou");
        await AssertTotalsAsync(admin, (6, 4, 2), "a profile filled in over the API");
        await PutProfileAsync(signedIn, "qixia");
        await AssertTotalsAsync(admin, (6, 3, 3), "a move to another district");

        await _world.WithDbAsync(db => db.Volunteers.Where(v => v.Id == qixia[0]).ExecuteDeleteAsync());
        await AssertTotalsAsync(admin, (5, 3, 2), "a deletion");
        await _world.WithDbAsync(db => db.Volunteers.Where(v => v.Id == gulou[0])
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.DistrictCode, (string?)null)));
        await AssertTotalsAsync(admin, (5, 2, 2), "a volunteer whose district is cleared still counts in the whole list");
    }

    [Test]
    public async Task PercentAndUnderscoreInASearchMatchThemselves()
    {
        using var admin = Api.CreateStaffClient(await _world.AdminAsync());
        var underscore = await MiniProgramSeed.VolunteerAsync(Api.Services, name: "李_雷");
        var percent = await MiniProgramSeed.VolunteerAsync(Api.Services, name: "李%雷");
        var plain = await MiniProgramSeed.VolunteerAsync(Api.Services, name: "李小雷");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await SearchAsync(admin, "_"), Is.EqualTo(new[] { underscore }));
            Assert.That(await SearchAsync(admin, "%"), Is.EqualTo(new[] { percent }));
            Assert.That(await SearchAsync(admin, "李_"), Is.EqualTo(new[] { underscore }));
            Assert.That(await SearchAsync(admin, @"\"), Is.Empty, "the escape character is literal too");
            Assert.That(await SearchAsync(admin, "小雷"), Is.EqualTo(new[] { plain }), "a name containing q, not only starting with it");
            Assert.That(await SearchAsync(admin, "雷"), Is.EquivalentTo(new[] { underscore, percent, plain }));
        });
    }

    [Test]
    public async Task TheHoursExportCountsFinalMinutesByChinaYearThroughCorrectionsAndDeletions()
    {
        var volunteer = await MiniProgramSeed.VolunteerAsync(Api.Services, name: "王年度");
        // 31 December 2025 16:30 UTC is already 1 January 2026 in China; 15:30 UTC is still 2025.
        var newYear = new DateTimeOffset(2025, 12, 31, 16, 30, 0, TimeSpan.Zero);
        var oldYear = new DateTimeOffset(2025, 12, 31, 15, 30, 0, TimeSpan.Zero);
        var moved = ServiceRecordEntry.Record(volunteer, newYear, "社区", "探访", 90, "主任");
        await _world.WithDbAsync(db =>
        {
            db.ServiceRecordEntries.AddRange(moved, ServiceRecordEntry.Record(volunteer, newYear, "社区", "探访", 60, "主任"),
                ServiceRecordEntry.Record(volunteer, oldYear, "社区", "探访", 30, "主任"),
                ServiceRecordEntry.Provisional(volunteer, newYear, "社区", "结对探访", 45));
            return db.SaveChangesAsync();
        });
        using var reviewer = Api.CreateStaffClient(await _world.StaffAsync(StaffRole.Reviewer));
        Assert.That(await HoursAsync(reviewer, volunteer, 2026), Is.EqualTo(("2.5", "3")), "the pending line does not count");
        Assert.That(await HoursAsync(reviewer, volunteer, 2025), Is.EqualTo(("0.5", "3")));

        await _world.WithDbAsync(db => db.ServiceRecordEntries.Where(e => e.Id == moved.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.At, oldYear).SetProperty(e => e.Minutes, 120)));
        Assert.That(await HoursAsync(reviewer, volunteer, 2026), Is.EqualTo(("1", "3.5")), "a line moved to the old year and corrected");
        Assert.That(await HoursAsync(reviewer, volunteer, 2025), Is.EqualTo(("2.5", "3.5")));

        await _world.WithDbAsync(db => db.ServiceRecordEntries.Where(e => e.Id == moved.Id).ExecuteDeleteAsync());
        Assert.That(await HoursAsync(reviewer, volunteer, 2025), Is.EqualTo(("0.5", "1.5")), "a removed line no longer counts");
        await _world.WithDbAsync(db => db.ServiceRecordEntries.Where(e => e.VolunteerId == volunteer && !e.IsFinal)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.IsFinal, true)));
        Assert.That(await HoursAsync(reviewer, volunteer, 2026), Is.EqualTo(("1.75", "2.25")), "a confirmed line counts in its year");
        await AssertYearMinutesMatchEntriesAsync();
    }

    private static Task<JsonElement> PutProfileAsync(HttpClient volunteer, string district) =>
        MonthPeople.SendAsync(volunteer, HttpMethod.Put, "/api/me", new
        {
            name = "韩梅梅", gender = "female", birthYear = 1988, politicalStatus = "masses", phone = StaffWorld.NextPhone(),
            specialties = new[] { "维修" }, serviceIntent = "周末可以上门", districtCode = district, organisation = "义工大队",
        }, HttpStatusCode.OK);

    private async Task AssertTotalsAsync(HttpClient admin, (int All, int Gulou, int Qixia) expected, string because)
    {
        var direct = await _world.WithDbAsync(async db => (
            await db.Volunteers.CountAsync(v => v.Name != null),
            await db.Volunteers.CountAsync(v => v.Name != null && v.DistrictCode == "gulou"),
            await db.Volunteers.CountAsync(v => v.Name != null && v.DistrictCode == "qixia")));
        var listed = (await TotalAsync(admin, null), await TotalAsync(admin, Districts[0]), await TotalAsync(admin, Districts[1]));
        Assert.That(listed, Is.EqualTo(direct), $"{because}: the kept counts equal a count of the rows");
        Assert.That(listed, Is.EqualTo(expected), because);
    }

    private static async Task<int> TotalAsync(HttpClient client, string? district)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/admin/volunteers" + (district is null ? "" : $"?districtCode={district}"));
        return page.GetProperty("total").GetInt32();
    }

    private static async Task<Guid[]> SearchAsync(HttpClient client, string q)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/admin/volunteers?q={Uri.EscapeDataString(q)}");
        var ids = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(ids.Length), $"q={q}: the total counts what the search finds");
        return ids;
    }

    private static async Task<(string Year, string Total)> HoursAsync(HttpClient client, Guid volunteer, int year)
    {
        using var response = await client.GetAsync($"/api/admin/exports/volunteer-hours.csv?year={year}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var row = CsvText.Parse(new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3)).Select(r => r.Fields)
            .Single(r => r[0] == volunteer.ToString());
        return (row[4], row[5]);
    }

    private async Task AssertYearMinutesMatchEntriesAsync()
    {
        var sums = await _world.WithDbAsync(db => db.Database.SqlQuery<YearSum>($"""
            SELECT "VolunteerId", date_part('year', "At" AT TIME ZONE 'Asia/Shanghai')::int AS "Year", sum("Minutes")::bigint AS "FinalMinutes"
            FROM "ServiceRecordEntries" WHERE "IsFinal" GROUP BY 1, 2
            """).ToListAsync());
        var kept = await _world.WithDbAsync(db => db.VolunteerYearMinutes.Where(m => m.FinalMinutes != 0)
            .Select(m => new YearSum(m.VolunteerId, m.Year, m.FinalMinutes)).ToListAsync());
        Assert.That(kept, Is.EquivalentTo(sums));
    }

    private sealed record YearSum(Guid VolunteerId, int Year, long FinalMinutes);
}
