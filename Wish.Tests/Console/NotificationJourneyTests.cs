using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WeChatWish.Domain;
using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WeChatWish.Tests.Console;

/// <summary>
/// A push from the console, sent for real: a host of this fixture's own whose dispatcher runs and whose WeChat is the fake,
/// at five messages a second so the progress page has something to watch.
/// </summary>
public sealed class NotificationJourneyTests : ConsoleTestBase
{
    private FakeWeChatApi _weChat = null!;
    private ConsoleHost _host = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        PublishedConsole.EnsurePublished();
        _weChat = await FakeWeChatApi.StartAsync(WishApiFactory.OfficialAccountApp, WishApiFactory.MiniProgramApp);
        _host = new ConsoleHost((await TestRun.RedisAsync()).ConnectionString, new Dictionary<string, string?>
        {
            ["WeChat:ApiBaseUrl"] = _weChat.BaseUrl.ToString(),
            ["Notifications:DispatcherEnabled"] = "true",
            ["Notifications:RatePerSecond"] = "5",
        });
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        await _host.DisposeAsync();
        await _weChat.DisposeAsync();
    }

    protected override Task<ConsoleHost> HostAsync() => Task.FromResult(_host);

    private Task<int> FollowersAsync(int following)
    {
        var now = DateTimeOffset.UtcNow;
        return World.WithDbAsync(db =>
        {
            db.Followers.Add(Follower.Unsubscribed("o-gone", now));
            for (var i = 0; i < following; i++) db.Followers.Add(Follower.Subscribed($"o-follower-{i}", null, now));
            return db.SaveChangesAsync();
        });
    }

    [Test]
    public async Task AnAdminSeesTheCountThenSendsAndWatchesEveryMessageGoOut()
    {
        _weChat.Reset();
        await FollowersAsync(8);
        await SignInAsAdminAsync();
        await GoAsync("notifications");

        await Page.GetByLabel("模板", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "新一轮心愿发布（round.published）" }).ClickAsync();
        const string status = "十二月心愿已经发布，欢迎志愿者认领，感谢您的关注与支持";
        await Page.GetByLabel("状态", new() { Exact = true }).FillAsync(status);
        // As WeChat will show it: the first 20 characters, and the rest visibly cut.
        await Expect(Page.GetByTestId("shown-status")).ToContainTextAsync(status[..20]);
        await Expect(Page.GetByTestId("cut-status")).ToHaveTextAsync(status[20..]);

        await Page.GetByLabel("接收人", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = "全部关注者" }).ClickAsync();
        await Expect(Page.GetByTestId("send")).ToBeDisabledAsync();
        await Page.GetByTestId("count-recipients").ClickAsync();
        await Expect(Page.GetByTestId("recipient-count")).ToHaveTextAsync("将发送给 8 人");
        await ScreenshotAsync("notifications");

        await Page.GetByTestId("send").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/console/notifications/[0-9a-f-]{36}$"));
        await Expect(Page.GetByTestId("total").Locator(".mud-typography-h4")).ToHaveTextAsync("8");
        await Expect(Page.GetByTestId("sent").Locator(".mud-typography-h4")).ToHaveTextAsync("8", new() { Timeout = 30_000 });
        await Expect(Page.GetByTestId("pending").Locator(".mud-typography-h4")).ToHaveTextAsync("0");
        await Expect(Page.GetByTestId("cancel-job")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("recipients").Locator("tbody tr").Filter(new() { HasText = "已发送" })).ToHaveCountAsync(8);
        await Expect(Page.GetByTestId("progress-bar")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Page.WaitForTimeoutAsync(600); // the bar's CSS transition, so the picture shows it full
        await ScreenshotAsync("notification-progress");

        var sent = _weChat.CallsTo(FakeWeChatApi.TemplateSend);
        Assert.That(sent, Has.Count.EqualTo(8));
        Assert.That(sent[0].Json().GetProperty("data").GetProperty("keyword2").GetProperty("value").GetString(), Is.EqualTo(status[..20]));

        await GoAsync("notifications");
        await Expect(Page.GetByTestId("jobs").Locator("tbody tr").First).ToContainTextAsync("已完成");
    }
}
