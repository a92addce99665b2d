using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Staff.Exports;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Api.Staff.Entry;

namespace WeChatWish.Tests.Staff;

/// <summary>CSV exports open in Excel with the expected columns; full beneficiary data only for Admins, and every unmasked read is audited.</summary>
public sealed class ExportAndAuditTests : ApiTestBase
{
    private StaffWorld _world = null!;

    [SetUp]
    public void MakeWorld() => _world = new StaffWorld(Api.Services);

    private async Task<HttpClient> ClientAsync(StaffRole role, string? district = null) => Api.CreateStaffClient(await _world.StaffAsync(role, district));

    private static async Task<List<string[]>> CsvAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 BOM, so Excel reads the Chinese correctly");
        var text = new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3);
        return CsvText.Parse(text).Select(r => r.Fields).ToList();
    }

    [Test]
    public async Task AdminsExportFullBeneficiaryColumnsAndEachExportedPersonIsAudited()
    {
        var wish = await _world.FulfilledAsync();
        using var admin = await ClientAsync(StaffRole.Admin);

        var rows = await CsvAsync(admin, $"/api/admin/exports/wishes.csv?round={wish.Round}");

        Assert.That(rows[0], Is.EqualTo(ExportsApi.WishColumns));
        Assert.That(rows, Has.Count.EqualTo(2));
        var row = rows[1].Zip(rows[0]).ToDictionary(p => p.Second, p => p.First);
        Assert.That(row["编号"], Is.EqualTo(wish.Code));
        Assert.That(row["状态"], Is.EqualTo("已完成"));
        Assert.That(row["类别"], Is.EqualTo("孤寡老人"));
        Assert.That(row["受助人"], Is.EqualTo("王秀英"));
        Assert.That(row["电话"], Does.Match("^139[0-9]{8}$"));
        Assert.That(row["地址"], Is.EqualTo("某街道1号"));
        var exported = await _world.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "beneficiary.exported" && a.EntityId == wish.BeneficiaryId.ToString()));
        Assert.That(exported, Is.EqualTo(1));
    }

    [Test]
    public async Task ReviewersExportMaskedNamesAndPhonesWithoutAddresses()
    {
        var wish = await _world.SubmittedAsync();
        using var reviewer = await ClientAsync(StaffRole.Reviewer);

        var rows = await CsvAsync(reviewer, $"/api/admin/exports/wishes.csv?round={wish.Round}");

        var row = rows[1].Zip(rows[0]).ToDictionary(p => p.Second, p => p.First);
        Assert.That(row["受助人"], Is.EqualTo("王**"));
        Assert.That(row["电话"], Does.Match(@"^139\*{4}[0-9]{4}$"));
        Assert.That(row["地址"], Is.Empty);
        Assert.That(await _world.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "beneficiary.exported")), Is.Zero);
        Assert.That(await _world.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "export.wishes")), Is.EqualTo(1));
    }

    [Test]
    public async Task CoordinatorsExportOnlyTheirDistrict()
    {
        var gulou = await _world.SubmittedAsync("gulou");
        await _world.SubmittedAsync("qixia");
        using var coordinator = await ClientAsync(StaffRole.DistrictCoordinator, "gulou");

        var rows = await CsvAsync(coordinator, $"/api/admin/exports/wishes.csv?round={gulou.Round}");

        Assert.That(rows.Skip(1).Select(r => r[0]), Is.EqualTo(new[] { gulou.Code }));
    }

    [Test]
    public async Task VolunteerHoursCountOnlyConfirmedServiceWithStarLevels()
    {
        var confirmed = await _world.FulfilledAsync(minutes: 600);
        await _world.FulfilledAsync(minutes: 120);
        await _world.WithDbAsync(async db =>
        {
            // 100 hours of staff-recorded service lifts the first volunteer to one star.
            db.ServiceRecordEntries.AddRange(Enumerable.Range(0, 10).Select(_ =>
                ServiceRecordEntry.Record(confirmed.VolunteerId!.Value, DateTimeOffset.UtcNow, "社区活动中心", "社区义诊", 540, "社区主任")));
            return await db.SaveChangesAsync();
        });
        using var reviewer = await ClientAsync(StaffRole.Reviewer);
        (await reviewer.PostAsJsonAsync($"/api/admin/wishes/{confirmed.Id}/follow-ups", new { method = "phone", satisfaction = 4 })).EnsureSuccessStatusCode();

        var rows = await CsvAsync(reviewer, "/api/admin/exports/volunteer-hours.csv");

        Assert.That(rows[0], Is.EqualTo(ExportsApi.VolunteerColumns));
        var byId = rows.Skip(1).ToDictionary(r => r[0]);
        Assert.That(byId, Has.Count.EqualTo(2));
        var star = byId[confirmed.VolunteerId.ToString()!];
        Assert.That(star[5], Is.EqualTo("100"), "90 h recorded + 10 h confirmed wish");
        Assert.That(star[6], Is.EqualTo("600"));
        Assert.That(star[7], Is.EqualTo("★"));
        var other = byId.Values.Single(r => r[0] != confirmed.VolunteerId.ToString());
        Assert.That(other[5], Is.EqualTo("0"), "an unconfirmed wish's hours do not count yet");
    }

    [Test]
    public async Task StaffsWordsAboutAPersonStayWithTheWishAndOutOfTheAuditLog()
    {
        var world = _world;
        var flagged = await world.SubmittedAsync(submission: StaffWorld.Hotline(cost: 250m));
        using var reviewer = Api.CreateStaffClient(await world.StaffAsync(StaffRole.Reviewer));
        const string note = "已电话核实，王秀英本人13800001111，住中山路1号";

        (await reviewer.PostAsJsonAsync($"/api/admin/wishes/{flagged.Id}/verify",
            new { urgency = "normal", note, overrideReason = "王秀英13800001111独居，确有需要" })).EnsureSuccessStatusCode();

        var details = await world.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == flagged.Id.ToString())
            .Select(a => a.Action + " " + a.Details).ToListAsync());
        var kept = await world.WithDbAsync(db => db.Wishes.Where(w => w.Id == flagged.Id).Select(w => w.ReviewNote).SingleAsync());
        Assert.That(details, Has.Some.StartsWith("wish.verified"));
        Assert.That(details, Has.None.Contains("王秀英").And.None.Contains("13800001111").And.None.Contains("中山路"));
        Assert.That(kept, Is.EqualTo(note), "the note itself stays with the wish for staff");
    }

    [Test]
    public async Task EveryUnmaskedReadAndActionIsInTheAuditLogWhichOnlyAdminsRead()
    {
        var wish = await _world.SubmittedAsync();
        var reviewerUser = await _world.CreateStaffAsync("reviewer", StaffRole.Reviewer);
        using var reviewer = Api.CreateStaffClient(reviewerUser);
        using var admin = await ClientAsync(StaffRole.Admin);

        (await reviewer.GetAsync($"/api/admin/wishes/{wish.Id}")).EnsureSuccessStatusCode();
        (await reviewer.GetAsync("/api/admin/wishes")).EnsureSuccessStatusCode();
        (await reviewer.PostAsJsonAsync($"/api/admin/wishes/{wish.Id}/reject", new { reason = "不符合条件" })).EnsureSuccessStatusCode();

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/audit?actorId={reviewerUser.Id}&pageSize=50");
        var lines = page.GetProperty("items").EnumerateArray().Select(i => new
        {
            Action = i.GetProperty("action").GetString(), EntityId = i.GetProperty("entityId").GetString(),
            Name = i.GetProperty("actorName").GetString(), Details = i.GetProperty("details").GetString(),
        }).ToList();
        Assert.That(lines.Count(l => l.Action == "beneficiary.viewed" && l.EntityId == wish.BeneficiaryId.ToString()), Is.EqualTo(3),
            "the detail, the list and the action's answer each showed the full beneficiary");
        Assert.That(lines.Single(l => l.Action == "wish.rejected").EntityId, Is.EqualTo(wish.Id.ToString()));
        Assert.That(lines.Select(l => l.Name), Is.All.EqualTo("reviewer"));
        Assert.That(lines.Select(l => l.Details ?? ""), Has.None.Contains("王秀英"), "audit details carry ids and codes, not personal data");

        var filtered = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/audit?action=wish.&entityId={wish.Id}");
        Assert.That(filtered.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()),
            Is.EquivalentTo(new[] { "wish.submitted", "wish.rejected" }));
        Assert.That((await reviewer.GetAsync("/api/admin/audit")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
