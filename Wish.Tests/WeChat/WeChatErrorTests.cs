using WeChatWish.Tests.Fakes;
using WeChatWish.WeChat;

namespace WeChatWish.Tests.WeChat;

public sealed class WeChatErrorTests : WeChatTestBase
{
    private static TemplateMessage Message(string openId = "o_follower") =>
        new(openId, "TEMPLATE_CLAIMED", new Dictionary<string, string> { ["thing1"] = "电暖器" });

    [TestCase(43004, WeChatErrorKind.NotFollowing)]
    [TestCase(43101, WeChatErrorKind.NotSubscribed)]
    [TestCase(45009, WeChatErrorKind.QuotaExceeded)]
    [TestCase(40029, WeChatErrorKind.InvalidCode)]
    [TestCase(40163, WeChatErrorKind.CodeUsed)]
    [TestCase(45011, WeChatErrorKind.RateLimited)]
    [TestCase(40226, WeChatErrorKind.Blocked)]
    [TestCase(-1, WeChatErrorKind.Busy)]
    [TestCase(40001, WeChatErrorKind.InvalidToken)]
    [TestCase(40014, WeChatErrorKind.InvalidToken)]
    [TestCase(42001, WeChatErrorKind.InvalidToken)]
    [TestCase(47003, WeChatErrorKind.Other)]
    public async Task ErrCodeFromWeChatBecomesItsTypedKind(int errCode, WeChatErrorKind kind)
    {
        var host = await StartHostAsync();
        Api.FailNext(FakeWeChatApi.TemplateSend, errCode, times: 10);

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Message());

        Assert.That(result.Error?.Kind, Is.EqualTo(kind));
        Assert.That(result.Error?.ErrCode, Is.EqualTo(errCode));
        Assert.That(result.Error?.ErrMsg, Is.EqualTo($"fake error {errCode}"));
    }

    [TestCase(40029, WeChatErrorKind.InvalidCode)]
    [TestCase(40163, WeChatErrorKind.CodeUsed)]
    [TestCase(45011, WeChatErrorKind.RateLimited)]
    [TestCase(40226, WeChatErrorKind.Blocked)]
    public async Task SignInErrorForOneCodeBecomesItsTypedKind(int errCode, WeChatErrorKind kind)
    {
        var host = await StartHostAsync();
        Api.FailFor(FakeWeChatApi.CodeToSession, "bad-code", errCode);

        var failed = await host.MiniProgram.CodeToSessionAsync("bad-code");
        var fine = await host.MiniProgram.CodeToSessionAsync("good-code");

        Assert.That(failed.Error?.Kind, Is.EqualTo(kind));
        Assert.That(fine.Value?.OpenId, Is.EqualTo("o_good-code"));
    }

    [Test]
    public async Task BusyIsRetriedThenSucceeds()
    {
        var host = await StartHostAsync();
        Api.FailNext(FakeWeChatApi.TemplateSend, -1, times: 2);

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Message());

        Assert.That(result.IsSuccess, Is.True, result.ToString());
        Assert.That(Api.CallsTo(FakeWeChatApi.TemplateSend), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task BusyOnTheTokenEndpointIsRetriedThenSucceeds()
    {
        var host = await StartHostAsync();
        Api.FailNext(FakeWeChatApi.Token, -1);

        var token = await host.Tokens.GetTokenAsync(WeChatTestSettings.OfficialAccountAppId);

        Assert.That(token.IsSuccess, Is.True, token.ToString());
        Assert.That(TokenCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task ServerErrorIsRetriedThenSucceeds()
    {
        var host = await StartHostAsync();
        Api.FailHttpNext(FakeWeChatApi.TemplateSend, 502);

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Message());

        Assert.That(result.IsSuccess, Is.True, result.ToString());
        Assert.That(Api.CallsTo(FakeWeChatApi.TemplateSend), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task BusyOnEveryAttemptGivesUpAfterTheConfiguredAttempts()
    {
        var host = await StartHostAsync();
        Api.FailNext(FakeWeChatApi.TemplateSend, -1, times: 10);

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Message());

        Assert.That(result.Error?.Kind, Is.EqualTo(WeChatErrorKind.Busy));
        Assert.That(result.Error?.IsTransient, Is.True);
        Assert.That(Api.CallsTo(FakeWeChatApi.TemplateSend), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task TimeoutIsRetriedAndThenReportedAsUnavailable()
    {
        var host = await StartHostAsync(new Dictionary<string, string?>
        {
            ["WeChat:Http:RequestTimeout"] = "00:00:00.200",
            ["WeChat:Http:MaxAttempts"] = "2",
        });
        await host.Tokens.GetTokenAsync(WeChatTestSettings.OfficialAccountAppId);
        Api.Delay(FakeWeChatApi.TemplateSend, TimeSpan.FromSeconds(2));

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Message());

        Assert.That(result.Error?.Kind, Is.EqualTo(WeChatErrorKind.Unavailable));
        Assert.That(Api.CallsTo(FakeWeChatApi.TemplateSend), Has.Count.EqualTo(2));
    }

    [TestCase(43004)]
    [TestCase(45009)]
    public async Task PermanentErrorIsNotRetried(int errCode)
    {
        var host = await StartHostAsync();
        Api.FailNext(FakeWeChatApi.TemplateSend, errCode, times: 10);

        await host.OfficialAccount.SendTemplateMessageAsync(Message());

        Assert.That(Api.CallsTo(FakeWeChatApi.TemplateSend), Has.Count.EqualTo(1));
    }
}
