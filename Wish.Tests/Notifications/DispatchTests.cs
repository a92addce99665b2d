using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;
using WeChatWish.Tests.Fakes;

namespace WeChatWish.Tests.Notifications;

public sealed class DispatchTests : NotificationTestBase
{
    [Test]
    public async Task APushIsSentOnceToEachRecipientWithMappedAndCutFields()
    {
        var id = await PushAsync(new
        {
            templateKey = "wish.verified",
            data = new { code = "W2026110001", note = "一二三四五六七八九十一二三四五六七八九十超出的部分" },
            url = "https://example.org/w",
            recipients = new { openIds = new[] { "o-a", "o-b", "o-c", "o-a" } },
        });
        await DrainAsync();

        var progress = await ProgressAsync(id);
        Assert.That((Int(progress, "total"), Int(progress, "sent"), Int(progress, "pending")), Is.EqualTo((3, 3, 0)));
        Assert.That(CallsPerOpenId(), Is.EquivalentTo(new Dictionary<string, int> { ["o-a"] = 1, ["o-b"] = 1, ["o-c"] = 1 }));
        var body = WeChat.CallsTo(FakeWeChatApi.TemplateSend)[0].Json();
        Assert.That(body.GetProperty("template_id").GetString(), Is.EqualTo("TEMPLATE_WISH_VERIFIED"));
        Assert.That(body.GetProperty("data").GetProperty("keyword1").GetProperty("value").GetString(), Is.EqualTo("W2026110001"));
        Assert.That(body.GetProperty("data").GetProperty("remark").GetProperty("value").GetString(), Is.EqualTo("一二三四五六七八九十一二三四五六七八九十"));
        var rows = await WithDbAsync(db => db.NotificationRecipients.Where(r => r.JobId == id).ToListAsync());
        Assert.That(rows.All(r => r.TemplateMsgId is not null && r.SentAt is not null), Is.True);
    }

    [Test]
    public async Task NotFollowing43004IsSkippedWithTheReason()
    {
        WeChat.FailFor(FakeWeChatApi.TemplateSend, "o-gone", 43004);
        var id = await PushToAsync("o-gone", "o-here");
        await DrainAsync();

        var progress = await ProgressAsync(id);
        Assert.That((Int(progress, "sent"), Int(progress, "skipped")), Is.EqualTo((1, 1)));
        Assert.That(progress.GetProperty("skippedByReason").GetProperty("not_following").GetInt32(), Is.EqualTo(1));
        Assert.That(CallsPerOpenId()["o-gone"], Is.EqualTo(1), "43004 is not retried");
    }

    [Test]
    public async Task NotSubscribed43101IsSkippedOnTheMiniProgramChannel()
    {
        WeChat.FailFor(FakeWeChatApi.SubscribeSend, "v-no", 43101);
        var id = await PushAsync(new
        {
            templateId = "MP_TEMPLATE", channel = "mini_program", data = new { thing1 = "活动通知" }, miniProgramPage = "pages/index/index",
            recipients = new { openIds = new[] { "v-no", "v-yes" } },
        });
        await DrainAsync();

        var progress = await ProgressAsync(id);
        Assert.That((Int(progress, "sent"), Int(progress, "skipped")), Is.EqualTo((1, 1)));
        Assert.That(progress.GetProperty("skippedByReason").GetProperty("not_subscribed").GetInt32(), Is.EqualTo(1));
        Assert.That(WeChat.CallsTo(FakeWeChatApi.SubscribeSend), Has.Count.EqualTo(2));
        Assert.That(WeChat.CallsTo(FakeWeChatApi.TemplateSend), Is.Empty);
    }

    [Test]
    public async Task Quota45009PausesTheJobUntilTheNextChinaDayThenResumes()
    {
        WeChat.FailNext(FakeWeChatApi.TemplateSend, 45009);
        var id = await PushToAsync("o-1");
        await Dispatcher.RunOnceAsync();

        var progress = await ProgressAsync(id);
        var until = NotificationDispatcher.NextChinaMidnight(Clock.GetUtcNow());
        Assert.That(progress.GetProperty("pausedUntil").GetDateTimeOffset(), Is.EqualTo(until));
        Assert.That(until.ToOffset(TimeSpan.FromHours(8)).TimeOfDay, Is.EqualTo(TimeSpan.Zero));
        Assert.That(Int(progress, "pending"), Is.EqualTo(1));

        Clock.SetUtcNow(until.AddSeconds(-1));
        Assert.That(await Dispatcher.RunOnceAsync(), Is.Zero, "nothing is sent while the job is paused");
        Clock.SetUtcNow(until.AddSeconds(1));
        await DrainAsync();
        Assert.That(Int(await ProgressAsync(id), "sent"), Is.EqualTo(1));
        Assert.That(CallsPerOpenId()["o-1"], Is.EqualTo(2));
    }

    [Test]
    public async Task Busy_IsRetriedWithBackoffThenSent()
    {
        WeChat.FailNext(FakeWeChatApi.TemplateSend, -1, times: 2);
        var id = await PushToAsync("o-1");
        Assert.That(await Dispatcher.RunOnceAsync(), Is.EqualTo(1));
        Assert.That(await Dispatcher.RunOnceAsync(), Is.Zero, "the retry waits for its backoff");

        await DrainAsync();
        Assert.That(Int(await ProgressAsync(id), "sent"), Is.EqualTo(1));
        Assert.That(CallsPerOpenId()["o-1"], Is.EqualTo(3), "the dispatcher's calls are not multiplied by the client's own retries");
    }

    [Test]
    public async Task Busy_UntilTheLimitIsFailedWithTheReason()
    {
        WeChat.FailFor(FakeWeChatApi.TemplateSend, "o-1", -1);
        var id = await PushToAsync("o-1", "o-2");
        await DrainAsync();

        var progress = await ProgressAsync(id);
        Assert.That((Int(progress, "sent"), Int(progress, "failed")), Is.EqualTo((1, 1)));
        Assert.That(progress.GetProperty("failedByReason").GetProperty("busy").GetInt32(), Is.EqualTo(1));
        Assert.That(CallsPerOpenId()["o-1"], Is.EqualTo(3), "MaxAttempts = 3");
    }

    [Test]
    [Retry(3)] // real-time sends and leases: a heavily loaded 2-core machine can push one run past its timings
    public async Task SlowAnswersPastTheTimeoutAreRetriedAndSlowOnesWithinItSucceed()
    {
        WeChat.Delay(FakeWeChatApi.TemplateSend, TimeSpan.FromMilliseconds(1500));
        var id = await PushToAsync("o-1", "o-2");
        await Dispatcher.RunOnceAsync();
        var row = await WithDbAsync(db => db.NotificationRecipients.FirstAsync(r => r.JobId == id));
        Assert.That((row.Status, row.Reason), Is.EqualTo((RecipientStatus.Pending, "unavailable")));

        WeChat.Delay(FakeWeChatApi.TemplateSend, TimeSpan.FromMilliseconds(300));
        await DrainAsync();
        Assert.That(Int(await ProgressAsync(id), "sent"), Is.EqualTo(2));
    }

    [Test]
    public async Task ATokenInvalidatedMidJobIsRefreshedAndNobodyIsLost()
    {
        var id = await PushToAsync("o-1", "o-2");
        await DrainAsync();
        WeChat.ExpireIssuedTokens();
        var second = await PushToAsync("o-3", "o-4");
        await DrainAsync();

        Assert.That(Int(await ProgressAsync(id), "sent") + Int(await ProgressAsync(second), "sent"), Is.EqualTo(4));
        Assert.That(WeChat.CallsTo(FakeWeChatApi.Token), Has.Count.EqualTo(2), "one token, one refresh");
    }

    [Test]
    public async Task UnsubscribedFollowersAreSkippedWithoutACall()
    {
        var now = DateTimeOffset.UtcNow;
        await WithDbAsync(async db =>
        {
            db.Followers.AddRange(Follower.Unsubscribed("o-gone", now), Follower.Subscribed("o-here", null, now), Follower.Subscribed("o-later", null, now));
            return await db.SaveChangesAsync();
        });
        var id = await PushToAsync("o-gone", "o-here", "o-later");
        // o-later unfollows after the push was accepted: the dispatcher still skips them without a call.
        await WithDbAsync(async db =>
        {
            (await db.Followers.SingleAsync(f => f.OpenId == "o-later")).Unsubscribe(now.AddSeconds(1));
            return await db.SaveChangesAsync();
        });
        await DrainAsync();

        var progress = await ProgressAsync(id);
        Assert.That((Int(progress, "sent"), Int(progress, "skipped")), Is.EqualTo((1, 2)));
        Assert.That(progress.GetProperty("skippedByReason").GetProperty("unsubscribed").GetInt32(), Is.EqualTo(2));
        Assert.That(CallsPerOpenId().Keys, Is.EquivalentTo(new[] { "o-here" }));
    }

    [Test]
    public async Task AllFollowersFilterReachesOnlyCurrentFollowers()
    {
        var now = DateTimeOffset.UtcNow;
        await WithDbAsync(async db =>
        {
            db.Followers.AddRange(Follower.Unsubscribed("f-gone", now), Follower.Subscribed("f-1", null, now), Follower.Subscribed("f-2", "poster", now));
            return await db.SaveChangesAsync();
        });
        var id = await PushAsync(new { templateKey = "round.published", data = new { status = "新一轮心愿已发布" }, recipients = new { filter = new { group = "followers" } } });
        await DrainAsync();

        Assert.That(Int(await ProgressAsync(id), "sent"), Is.EqualTo(2));
        Assert.That(CallsPerOpenId().Keys, Is.EquivalentTo(new[] { "f-1", "f-2" }));
    }

    [Test]
    public async Task CancelStopsWhatHasNotBeenSent()
    {
        var id = await PushToAsync("o-1", "o-2", "o-3");
        using var response = await Admin.PostAsync($"/api/admin/notifications/{id}/cancel", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await DrainAsync();

        var progress = await ProgressAsync(id);
        Assert.That((Int(progress, "cancelled"), Int(progress, "sent")), Is.EqualTo((3, 0)));
        Assert.That(WeChat.CallsTo(FakeWeChatApi.TemplateSend), Is.Empty);
        var page = await Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/admin/notifications/{id}/recipients?pageSize=2");
        Assert.That((Int(page, "total"), page.GetProperty("items").GetArrayLength()), Is.EqualTo((3, 2)));
        Assert.That(page.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task BadPushesAreRejectedWithProblemDetails()
    {
        using var both = await Admin.PostAsJsonAsync("/api/admin/notifications",
            new { templateKey = "wish.verified", templateId = "X", data = new { a = "b" }, recipients = new { openIds = new[] { "o" } } });
        using var unknown = await Admin.PostAsJsonAsync("/api/admin/notifications",
            new { templateKey = "nope", data = new { a = "b" }, recipients = new { openIds = new[] { "o" } } });
        using var noRecipients = await Admin.PostAsJsonAsync("/api/admin/notifications", new { templateKey = "wish.verified", data = new { a = "b" } });
        using var missing = await Admin.GetAsync($"/api/admin/notifications/{Guid.NewGuid()}");
        Assert.That(new[] { both.StatusCode, unknown.StatusCode, noRecipients.StatusCode, missing.StatusCode },
            Is.EqualTo(new[] { HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound }));
    }
}
