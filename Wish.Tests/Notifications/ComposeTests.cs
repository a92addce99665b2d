using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Notifications;

/// <summary>What the compose page asks before a push: the templates, how many a filter reaches, and the jobs so far.</summary>
public sealed class ComposeTests : NotificationTestBase
{
    [Test]
    public async Task TemplatesAreTheConfiguredKeysWithTheirLogicalFieldsAndTheCut()
    {
        var templates = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/notifications/templates");
        var verified = templates.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "wish.verified");
        var reminder = templates.EnumerateArray().Single(t => t.GetProperty("key").GetString() == "claim.reminder");

        Assert.That(templates.GetArrayLength(), Is.EqualTo(13));
        Assert.That(templates.EnumerateArray().Select(t => t.GetProperty("key").GetString()), Does.Contain("pairing.reminder"),
            "the overdue pairing visit reminder is a configured template");
        Assert.That(verified.GetProperty("channel").GetString(), Is.EqualTo("official_account"));
        Assert.That(verified.GetProperty("fields").EnumerateArray().Select(f => f.GetString()), Is.EquivalentTo(new[] { "code", "status", "time", "note" }));
        Assert.That(reminder.GetProperty("channel").GetString(), Is.EqualTo("mini_program"));
        Assert.That(verified.GetProperty("maxLength").GetInt32(), Is.EqualTo(20));
    }

    [Test]
    public async Task ThePreviewCountsWhatThePushThenCreates()
    {
        var now = DateTimeOffset.UtcNow;
        await WithDbAsync(async db =>
        {
            db.Followers.AddRange(Follower.Unsubscribed("f-gone", now), Follower.Subscribed("f-1", null, now), Follower.Subscribed("f-2", null, now));
            return await db.SaveChangesAsync();
        });
        var recipients = new { filter = new { group = "followers" } };

        using var preview = await Admin.PostAsJsonAsync("/api/admin/notifications/preview", new { recipients });
        var count = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32();
        var id = await PushAsync(new { templateKey = "round.published", data = new { status = "新一轮心愿已发布" }, recipients });

        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(count, Is.EqualTo(2));
        Assert.That(Int(await ProgressAsync(id), "total"), Is.EqualTo(count));
        using var openIds = await Admin.PostAsJsonAsync("/api/admin/notifications/preview", new { recipients = new { openIds = new[] { "a", "b", "a" } } });
        Assert.That((await openIds.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32(), Is.EqualTo(2), "duplicates count once");
    }

    [Test]
    public async Task APreviewWithoutRecipientsOrWithABadRoundSaysWhichField()
    {
        using var none = await Admin.PostAsJsonAsync("/api/admin/notifications/preview", new { });
        using var badRound = await Admin.PostAsJsonAsync("/api/admin/notifications/preview",
            new { recipients = new { filter = new { group = "beneficiaries", round = "2026-13" } } });
        var errors = (await badRound.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        Assert.That((none.StatusCode, badRound.StatusCode), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
        Assert.That(errors.TryGetProperty("recipients.filter.round", out _), Is.True, errors.ToString());
    }

    [Test]
    public async Task TheListShowsJobsNewestFirstWithTheirFigures()
    {
        var older = await PushToAsync("o-1", "o-2");
        await DrainAsync();
        var newer = await PushToAsync("o-3");

        var page = await Admin.GetFromJsonAsync<JsonElement>("/api/admin/notifications?page=1&pageSize=10");
        var items = page.GetProperty("items").EnumerateArray().ToList();

        Assert.That(items.Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { newer, older }));
        Assert.That((Int(items[1], "total"), Int(items[1], "sent"), Int(items[0], "pending")), Is.EqualTo((2, 2, 1)));
        Assert.That(Int(page, "total"), Is.EqualTo(2));
    }
}
