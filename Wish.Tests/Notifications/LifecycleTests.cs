using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Notifications;
using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Notifications;

public sealed class LifecycleTests : NotificationTestBase
{
    private async Task<SeededWish> WishOfFollowerAsync(string openId)
    {
        var wish = await new StaffWorld(Host.Services).SubmittedAsync();
        await WithDbAsync(async db =>
        {
            (await db.Beneficiaries.SingleAsync(b => b.Id == wish.BeneficiaryId)).LinkWeChat(openId, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        return wish;
    }

    [Test]
    public async Task VerifyingThroughTheStaffApiEnqueuesWishVerifiedAndItIsSent()
    {
        var wish = await WishOfFollowerAsync("o-beneficiary");
        using var verified = await Admin.PostAsJsonAsync($"/api/admin/wishes/{wish.Id}/verify", new { urgency = "normal" });
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        // A second verify is refused (409): its message was never committed either.
        using var again = await Admin.PostAsJsonAsync($"/api/admin/wishes/{wish.Id}/verify", new { urgency = "normal" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));

        var jobs = await WithDbAsync(db => db.NotificationJobs.ToListAsync());
        Assert.That(jobs.Select(j => (j.TemplateKey, j.Source)), Is.EqualTo(new[] { ((string?)"wish.verified", "lifecycle") }));
        await DrainAsync();

        var call = WeChat.CallsTo(FakeWeChatApi.TemplateSend).Single().Json();
        Assert.That(call.GetProperty("touser").GetString(), Is.EqualTo("o-beneficiary"));
        Assert.That(call.GetProperty("data").GetProperty("keyword1").GetProperty("value").GetString(), Is.EqualTo(wish.Code));
        Assert.That(call.GetProperty("data").GetProperty("keyword2").GetProperty("value").GetString(), Is.EqualTo("已审核通过"));
    }

    [Test]
    public async Task ABeneficiaryWithoutWeChatGetsNoMessage()
    {
        var wish = await new StaffWorld(Host.Services).SubmittedAsync();
        using var verified = await Admin.PostAsJsonAsync($"/api/admin/wishes/{wish.Id}/verify", new { urgency = "normal" });
        Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await WithDbAsync(db => db.NotificationJobs.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task RevokingAClaimTellsTheVolunteerThroughTheMiniProgram()
    {
        var claimed = await new StaffWorld(Host.Services).ClaimedAsync();
        using var revoked = await Admin.PostAsJsonAsync($"/api/admin/claims/{claimed.ClaimId}/revoke", new { reason = "志愿者联系不上" });
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await revoked.Content.ReadAsStringAsync());
        await DrainAsync();

        var call = WeChat.CallsTo(FakeWeChatApi.SubscribeSend).Single().Json();
        var volunteerOpenId = await WithDbAsync(db => db.Volunteers.Where(v => v.Id == claimed.VolunteerId).Select(v => v.OpenId).SingleAsync());
        Assert.That(call.GetProperty("touser").GetString(), Is.EqualTo(volunteerOpenId));
        Assert.That(call.GetProperty("template_id").GetString(), Is.EqualTo("TEMPLATE_CLAIM_REVOKED"));
        Assert.That(call.GetProperty("data").GetProperty("thing4").GetProperty("value").GetString(), Is.EqualTo("志愿者联系不上"));
    }

    [Test]
    public async Task TemplateSendJobFinishIsRecordedOnTheRecipientRow()
    {
        var id = await PushToAsync("o-1");
        await DrainAsync();
        var row = await WithDbAsync(db => db.NotificationRecipients.SingleAsync(r => r.JobId == id));

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var recorder = scope.ServiceProvider.GetRequiredService<ITemplateDeliveryRecorder>();
            Assert.That(recorder, Is.TypeOf<DurableTemplateDeliveryRecorder>());
            await recorder.RecordAsync("o-1", row.TemplateMsgId!.Value, "failed:user block", DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var page = await Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/admin/notifications/{id}/recipients");
        Assert.That(page.GetProperty("items")[0].GetProperty("deliveryStatus").GetString(), Is.EqualTo("failed:user block"));
    }
}
