using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.WeChat;
using static WeChatWish.Tests.WeChat.WeChatTestSettings;

namespace WeChatWish.Tests.WeChat;

public sealed class RedisOutageTests : WeChatTestBase
{
    private RedisServer _redis = null!;

    [SetUp]
    public async Task StartOwnRedisAsync() => _redis = await RedisServer.StartAsync();

    [TearDown]
    public async Task StopOwnRedisAsync() => await _redis.DisposeAsync();

    [Test]
    public async Task WithRedisDownTokensAreFetchedDirectlyAndKeptInProcess()
    {
        var host = await StartHostAsync(_redis.ConnectionString);
        await _redis.StopAsync();

        var first = await host.Tokens.GetTokenAsync(OfficialAccountAppId);
        var second = await host.Tokens.GetTokenAsync(OfficialAccountAppId);

        Assert.That(first.IsSuccess, Is.True, first.ToString());
        Assert.That(second.Value?.Value, Is.EqualTo(first.Value!.Value));
        Assert.That(TokenCalls, Is.EqualTo(1));
        Assert.That(Logs.Lines, Has.Some.Contains("Redis is unreachable"));
    }

    [Test]
    public async Task WithRedisDownMessagesStillGoOutAndARejectedTokenIsStillReplaced()
    {
        var host = await StartHostAsync(_redis.ConnectionString);
        await host.Tokens.GetTokenAsync(OfficialAccountAppId);
        await _redis.StopAsync();
        Api.ExpireIssuedTokens();

        var result = await host.OfficialAccount.SendTemplateMessageAsync(
            new TemplateMessage("o_follower", "T", new Dictionary<string, string> { ["thing1"] = "x" }));

        Assert.That(result.IsSuccess, Is.True, result.ToString());
        Assert.That(TokenCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task WhenRedisReturnsHostsShareTokensAgain()
    {
        var first = await StartHostAsync(_redis.ConnectionString);
        var second = await StartHostAsync(_redis.ConnectionString);
        await _redis.StopAsync();
        await first.Tokens.GetTokenAsync(OfficialAccountAppId);

        await _redis.RestartAsync();
        await WaitUntilAsync(() => first.RedisConnected && second.RedisConnected);
        var fromFirst = await first.Tokens.GetTokenAsync(MiniProgramAppId);
        var fromSecond = await second.Tokens.GetTokenAsync(MiniProgramAppId);

        Assert.That(fromSecond.Value?.Value, Is.EqualTo(fromFirst.Value?.Value));
        Assert.That(Api.CallsTo(FakeWeChatApi.Token).Count(c => c.QueryValue("appid") == MiniProgramAppId), Is.EqualTo(1));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("Redis connections did not come back within 15 s");
            await Task.Delay(100);
        }
    }
}
