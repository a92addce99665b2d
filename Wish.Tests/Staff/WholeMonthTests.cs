using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Wish.Domain;
using Wish.Tests.Infrastructure;

namespace Wish.Tests.Staff;

/// <summary>The programme's month over HTTP, as far as the other pieces exist: claims and fulfilment go through the domain.</summary>
public sealed class WholeMonthTests : ApiTest
{
    [Test]
    public async Task EntryReviewPublishFulfilFollowUpAndConfirmShowInStatisticsAndServiceRecord()
    {
        var world = new StaffWorld(Api.Services);
        using var admin = await SignInAsync("admin", TestWeChat.AdminPassword);
        (await admin.PostAsJsonAsync("/api/admin/staff", new { userName = "reviewer.wang", password = "Reviewer-Pass-1", role = "reviewer" })).EnsureSuccessStatusCode();
        using var reviewer = await SignInAsync("reviewer.wang", "Reviewer-Pass-1");

        // Hotline and a visit, plus a wish that came in over WeChat.
        var heater = await EnterAsync(reviewer, "王秀英", "13812345678", "想要一个电暖器", 120m);
        var walker = await EnterAsync(reviewer, "赵德明", "13812345679", "想要一个助行器", 260m, "visit");
        var wechat = await world.SubmittedAsync(submission: StaffWorld.Hotline(name: "李桂兰", content: "想要一台收音机", cost: 90m,
            channel: WishChannel.Wechat) with { OpenId = "o-li-guilan" });
        var round = heater.GetProperty("round").GetString()!;
        Assert.That(walker.GetProperty("flags").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "over_soft_cost_limit" }));

        // Review: verify the plain ones; a second wish from the same person within 12 months is flagged.
        await PostOkAsync(reviewer, $"/api/admin/wishes/{Id(heater)}/verify", new { urgency = "urgent", note = "独居老人，冬季取暖" });
        await PostOkAsync(reviewer, $"/api/admin/wishes/{wechat.Id}/verify", new { urgency = "normal", category = "dibao" });
        var blanket = await EnterAsync(reviewer, "王秀英", "13812345678", "还想要一床棉被", 80m);
        Assert.That(blanket.GetProperty("flags").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "second_in_12_months" }));
        Assert.That(blanket.GetProperty("beneficiary").GetProperty("id").GetGuid(), Is.EqualTo(heater.GetProperty("beneficiary").GetProperty("id").GetGuid()));

        var flaggedQueue = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/wishes?status=submitted&flagged=true&round={round}");
        Assert.That(flaggedQueue.GetProperty("total").GetInt32(), Is.EqualTo(2));
        using var noOverride = await reviewer.PostAsJsonAsync($"/api/admin/wishes/{Id(walker)}/verify", new { urgency = "normal" });
        Assert.That(noOverride.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That((await noOverride.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), Does.Contain("特批理由"));
        var overridden = await PostOkAsync(reviewer, $"/api/admin/wishes/{Id(walker)}/verify",
            new { urgency = "critical", overrideReason = "行动不便，经理事会同意" });
        Assert.That(overridden.GetProperty("overrideReason").GetString(), Is.EqualTo("行动不便，经理事会同意"));
        await PostOkAsync(reviewer, $"/api/admin/wishes/{Id(blanket)}/reject", new { reason = "今年已资助过" });

        // Publish the round.
        var before = await reviewer.GetFromJsonAsync<JsonElement>($"/api/admin/rounds/{round}");
        Assert.That(Count(before, "verified"), Is.EqualTo(3));
        Assert.That(before.GetProperty("estimatedCost").GetDecimal(), Is.EqualTo(470m));
        var published = await PostOkAsync(reviewer, $"/api/admin/rounds/{round}/publish", null);
        Assert.That(published.GetProperty("published").GetInt32(), Is.EqualTo(3));

        // Volunteers claim (domain): one fulfils, one is revoked by staff.
        var fulfilled = await world.AdvanceAsync(new SeededWish(Id(heater), "", Guid.Empty, round), WishStatus.Fulfilled, minutes: 150);
        var claimed = await world.AdvanceAsync(wechat, WishStatus.Claimed);
        var revoked = await PostOkAsync(reviewer, $"/api/admin/claims/{claimed.ClaimId}/revoke", new { reason = "志愿者出差，无法按时完成" });
        Assert.That(revoked.GetProperty("status").GetString(), Is.EqualTo("revoked"));

        // Follow-up: an unsatisfactory call confirms nothing; a satisfactory visit confirms the wish and the volunteer's hours.
        var call = await PostAsync(reviewer, $"/api/admin/wishes/{fulfilled.Id}/follow-ups", new { method = "phone", satisfaction = 2, notes = "电暖器还没装好" });
        Assert.That(call.GetProperty("wishStatus").GetString(), Is.EqualTo("fulfilled"));
        var visit = await PostAsync(reviewer, $"/api/admin/wishes/{fulfilled.Id}/follow-ups", new { method = "visit", satisfaction = 5, notes = "已安装使用" });
        Assert.That(visit.GetProperty("wishStatus").GetString(), Is.EqualTo("confirmed"));

        var entry = await world.WithDbAsync(db => db.ServiceRecordEntries.SingleAsync(e => e.VolunteerId == fulfilled.VolunteerId));
        Assert.That(entry.IsFinal, Is.True);
        Assert.That(entry.Witness, Is.EqualTo("reviewer.wang"));

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

        var actions = await world.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).Distinct().ToListAsync());
        Assert.That(actions, Is.SupersetOf(new[]
        {
            "staff.signed_in", "staff.created", "wish.submitted", "wish.verified", "wish.flag_overridden", "wish.rejected", "round.published",
            "wish.published", "claim.revoked", "wish.returned_to_published", "follow_up.recorded", "wish.confirmed", "beneficiary.viewed",
        }));
    }

    private async Task<HttpClient> SignInAsync(string username, string password)
    {
        using var response = await Client.PostAsJsonAsync("/api/admin/auth/login", new { username, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        return StaffWorld.Authorize(Api.CreateClient(), token);
    }

    private static async Task<JsonElement> EnterAsync(HttpClient client, string name, string phone, string content, decimal cost, string channel = "hotline")
    {
        using var response = await client.PostAsJsonAsync("/api/admin/wishes", new
        {
            channel, beneficiary = new { name, phone, address = "鼓楼区某街道1号" }, category = "elderly_alone", kind = "goods",
            districtCode = "gulou", content, estimatedCost = cost,
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object? body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Guid Id(JsonElement wish) => wish.GetProperty("id").GetGuid();

    private static int Count(JsonElement summary, string status) =>
        summary.GetProperty("byStatus").EnumerateArray().Single(s => s.GetProperty("status").GetString() == status).GetProperty("count").GetInt32();
}
