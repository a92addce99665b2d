using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Infrastructure;
using static WeChatWish.Tests.Staff.MonthPeople;

namespace WeChatWish.Tests.Staff;

/// <summary>
/// The programme's month as HTTP only: hotline and visit entry, a WeChat conversation, review, publication, mini-program claims and
/// fulfilment, a staff revoke, follow-ups, then the statistics, the volunteer's service record and the audit log.
/// </summary>
public sealed class WholeMonthTests : ApiTestBase
{
    private FakeWeChatApi _wechat = null!;
    private WebApplicationFactory<Program> _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _wechat = await FakeWeChatApi.StartAsync(WishApiFactory.MiniProgramApp);
        _host = (await TestRun.ApiAsync()).WithWebHostBuilder(b =>
        {
            // Volunteers sign in through the fake jscode2session.
            b.UseSetting("WeChat:ApiBaseUrl", _wechat.BaseUrl.ToString());
            // Lifecycle messages stay rows here: delivering them is the notification tests' concern.
            b.UseSetting("Notifications:DispatcherEnabled", "false");
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _host.DisposeAsync();
        await _wechat.DisposeAsync();
    }

    [Test]
    public async Task EntryReviewPublishClaimFulfilFollowUpAndConfirmShowInStatisticsAndServiceRecord()
    {
        var people = new MonthPeople(_host);
        using var admin = await people.StaffAsync("admin", TestWeChat.AdminPassword);
        await PostAsync(admin, "/api/admin/staff", new { userName = "reviewer.wang", password = "Reviewer-Pass-1", role = "reviewer" }, HttpStatusCode.Created);
        using var reviewer = await people.StaffAsync("reviewer.wang", "Reviewer-Pass-1");

        // Hotline and a visit; then a wish left by talking to the official account.
        var heater = await EnterAsync(reviewer, "王秀英", "13812345678", "想要一个电暖器", 120m);
        var walker = await EnterAsync(reviewer, "赵德明", "13812345679", "想要一个助行器", 260m, "visit");
        var round = heater.GetProperty("round").GetString()!;
        Assert.That(walker.GetProperty("flags").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "over_soft_cost_limit" }));
        var code = await people.LeaveWishOverWeChatAsync("o-li-guilan", "孤寡老人", "李桂兰", "13812345680", "想要一台收音机", "90");

        var fromWeChat = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/wishes?channel=wechat&round={round}");
        var radio = fromWeChat.GetProperty("items").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(radio.GetProperty("code").GetString(), Is.EqualTo(code));
            Assert.That(radio.GetProperty("status").GetString(), Is.EqualTo("submitted"));
            Assert.That(radio.GetProperty("content").GetString(), Is.EqualTo("想要一台收音机"));
            Assert.That(radio.GetProperty("estimatedCost").GetDecimal(), Is.EqualTo(90m));
            Assert.That(radio.GetProperty("beneficiary").GetProperty("name").GetString(), Is.EqualTo("李桂兰"));
            Assert.That(radio.GetProperty("beneficiary").GetProperty("phone").GetString(), Is.EqualTo("13812345680"));
        });

        // Review: verify the plain ones; a second wish from the same person within 12 months is flagged.
        await PostAsync(reviewer, $"/api/admin/wishes/{Id(heater)}/verify", new { urgency = "urgent", note = "独居老人，冬季取暖" });
        await PostAsync(reviewer, $"/api/admin/wishes/{Id(radio)}/verify", new { urgency = "normal", category = "dibao" });
        var blanket = await EnterAsync(reviewer, "王秀英", "13812345678", "还想要一床棉被", 80m);
        Assert.That(blanket.GetProperty("flags").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "second_in_12_months" }));
        Assert.That(blanket.GetProperty("beneficiary").GetProperty("id").GetGuid(), Is.EqualTo(heater.GetProperty("beneficiary").GetProperty("id").GetGuid()));

        var flaggedQueue = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/wishes?status=submitted&flagged=true&round={round}");
        Assert.That(flaggedQueue.GetProperty("total").GetInt32(), Is.EqualTo(2));
        var noOverride = await PostAsync(reviewer, $"/api/admin/wishes/{Id(walker)}/verify", new { urgency = "normal" }, HttpStatusCode.UnprocessableEntity);
        Assert.That(noOverride.GetProperty("title").GetString(), Does.Contain("特批理由"));
        var overridden = await PostAsync(reviewer, $"/api/admin/wishes/{Id(walker)}/verify",
            new { urgency = "critical", overrideReason = "行动不便，经理事会同意" });
        Assert.That(overridden.GetProperty("overrideReason").GetString(), Is.EqualTo("行动不便，经理事会同意"));
        await PostAsync(reviewer, $"/api/admin/wishes/{Id(blanket)}/reject", new { reason = "今年已资助过" });

        // Publish the round.
        var before = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/rounds/{round}");
        Assert.That(Count(before, "verified"), Is.EqualTo(3));
        Assert.That(before.GetProperty("estimatedCost").GetDecimal(), Is.EqualTo(470m));
        var published = await PostAsync(reviewer, $"/api/admin/rounds/{round}/publish", null);
        Assert.That(published.GetProperty("published").GetInt32(), Is.EqualTo(3));

        // Volunteers sign in to the mini-program, register, browse and claim; one fulfils, the other's claim is revoked by staff.
        using var zhang = await people.VolunteerAsync("month-zhang", "张志愿", "13700000001");
        using var liu = await people.VolunteerAsync("month-liu", "刘志愿", "13700000002");
        var browse = await zhang.GetFromJsonAsync<JsonElement>("/api/wishes");
        Assert.That(browse.GetProperty("items").EnumerateArray().Select(Id), Is.EquivalentTo(new[] { Id(heater), Id(walker), Id(radio) }));
        var heaterClaim = await PostAsync(zhang, $"/api/wishes/{Id(heater)}/claim", null, HttpStatusCode.Created);
        Assert.That(heaterClaim.GetProperty("beneficiary").GetProperty("phone").GetString(), Is.EqualTo("13812345678"), "the claimant may call");
        var radioClaim = await PostAsync(liu, $"/api/wishes/{Id(radio)}/claim", null, HttpStatusCode.Created);
        await PostAsync(liu, $"/api/wishes/{Id(heater)}/claim", null, HttpStatusCode.Conflict);

        var done = await PostAsync(zhang, $"/api/claims/{Id(heaterClaim)}/fulfilment",
            new { note = "已送到老人家中并教会使用", photoUrls = new[] { "https://img.example.com/heater.jpg" }, minutes = 150 });
        Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("fulfilled"));
        var revoked = await PostAsync(reviewer, $"/api/admin/claims/{Id(radioClaim)}/revoke", new { reason = "志愿者出差，无法按时完成" });
        Assert.That(revoked.GetProperty("status").GetString(), Is.EqualTo("revoked"));

        // Follow-up: an unsatisfactory call confirms nothing; a satisfactory visit confirms the wish and the volunteer's hours.
        var followUps = $"/api/admin/wishes/{Id(heater)}/follow-ups";
        var call = await PostAsync(reviewer, followUps, new { method = "phone", satisfaction = 2, notes = "电暖器还没装好" }, HttpStatusCode.Created);
        Assert.That(call.GetProperty("wishStatus").GetString(), Is.EqualTo("fulfilled"));
        var visit = await PostAsync(reviewer, followUps, new { method = "visit", satisfaction = 5, notes = "已安装使用" }, HttpStatusCode.Created);
        Assert.That(visit.GetProperty("wishStatus").GetString(), Is.EqualTo("confirmed"));

        var record = await zhang.GetFromJsonAsync<JsonElement>("/api/me/service-record");
        var entry = record.GetProperty("entries").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(record.GetProperty("totalMinutes").GetInt32(), Is.EqualTo(150));
            Assert.That(record.GetProperty("pendingMinutes").GetInt32(), Is.EqualTo(0));
            Assert.That(entry.GetProperty("final").GetBoolean(), Is.True);
            Assert.That(entry.GetProperty("witness").GetString(), Is.EqualTo("reviewer.wang"));
            Assert.That(entry.GetProperty("place").GetString(), Is.EqualTo("鼓楼区"), "the district, never the beneficiary's address");
        });
        Assert.That((await liu.GetFromJsonAsync<JsonElement>("/api/me/service-record")).GetProperty("entries").GetArrayLength(), Is.Zero);

        var stats = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/stats?year={round[..4]}");
        Assert.Multiple(() =>
        {
            Assert.That(stats.GetProperty("total").GetInt32(), Is.EqualTo(4));
            Assert.That(stats.GetProperty("byStatus").GetProperty("confirmed").GetInt32(), Is.EqualTo(1));
            Assert.That(stats.GetProperty("byStatus").GetProperty("published").GetInt32(), Is.EqualTo(2));
            Assert.That(stats.GetProperty("byStatus").GetProperty("rejected").GetInt32(), Is.EqualTo(1));
            Assert.That(stats.GetProperty("fulfilled").GetInt32(), Is.EqualTo(1));
            Assert.That(stats.GetProperty("target").GetInt32(), Is.EqualTo(600));
            Assert.That(stats.GetProperty("fulfilledCost").GetDecimal(), Is.EqualTo(120m));
            Assert.That(stats.GetProperty("budget").GetDecimal(), Is.EqualTo(50_000m));
            Assert.That(stats.GetProperty("activeVolunteers").GetInt32(), Is.EqualTo(1), "the revoked volunteer is not active");
            Assert.That(stats.GetProperty("serviceHours").GetDecimal(), Is.EqualTo(2.5m));
            Assert.That(stats.GetProperty("confirmedServiceHours").GetDecimal(), Is.EqualTo(2.5m));
            var month = stats.GetProperty("byMonth").EnumerateArray().Single(m => m.GetProperty("key").GetString() == round);
            Assert.That(month.GetProperty("total").GetInt32(), Is.EqualTo(4));
            var dibao = stats.GetProperty("byCategory").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "dibao");
            Assert.That(dibao.GetProperty("total").GetInt32(), Is.EqualTo(1), "the reviewer re-classified the WeChat wish");
        });

        var actions = await new StaffWorld(_host.Services).WithDbAsync(db => db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync());
        Assert.That(actions, Is.SupersetOf(new[]
        {
            "staff.signed_in", "staff.created", "wish.submitted", "wish.verified", "wish.flag_overridden", "wish.rejected", "round.published",
            "wish.published", "wish.claimed", "wish.fulfilled", "claim.revoked", "wish.returned_to_published", "follow_up.recorded",
            "wish.confirmed", "beneficiary.viewed",
        }));
    }

    private static Guid Id(JsonElement item) => item.GetProperty("id").GetGuid();

    private static int Count(JsonElement summary, string status) =>
        summary.GetProperty("byStatus").EnumerateArray().Single(s => s.GetProperty("status").GetString() == status).GetProperty("count").GetInt32();
}
