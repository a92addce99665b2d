using WeChatWish.Tests.Fakes;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.WeChat;

/// <summary>One redis-server and one fake WeChat API for every test in this namespace.</summary>
[SetUpFixture]
public sealed class WeChatFixture
{
    public static RedisServer Redis { get; private set; } = null!;

    public static FakeWeChatApi Api { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Redis = await RedisServer.StartAsync();
        Api = await FakeWeChatApi.StartAsync(
            new FakeWeChatApp(WeChatTestSettings.OfficialAccountAppId, WeChatTestSettings.OfficialAccountSecret),
            new FakeWeChatApp(WeChatTestSettings.MiniProgramAppId, WeChatTestSettings.MiniProgramSecret));
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await Api.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
