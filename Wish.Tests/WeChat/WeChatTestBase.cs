using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using WeChatWish.Tests.Fakes;

namespace WeChatWish.Tests.WeChat;

/// <summary>Starts each test with an empty Redis and a fake WeChat that has issued nothing.</summary>
public abstract class WeChatTestBase
{
    private readonly List<WeChatTestHost> _hosts = [];

    protected static FakeWeChatApi Api => WeChatFixture.Api;

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected CapturedLogs Logs { get; private set; } = null!;

    [SetUp]
    public async Task ResetAsync()
    {
        Api.Reset();
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Logs = new CapturedLogs();
        await using var admin = await ConnectionMultiplexer.ConnectAsync(WeChatFixture.Redis.ConnectionString + ",allowAdmin=true");
        await admin.GetServers().Single().FlushDatabaseAsync();
    }

    [TearDown]
    public async Task DisposeHostsAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _hosts.Clear();
        Logs.Dispose();
    }

    /// <summary>A new simulated instance; every host of a test shares Redis, the fake API and the clock.</summary>
    protected Task<WeChatTestHost> StartHostAsync(IDictionary<string, string?>? overrides = null) =>
        StartHostAsync(WeChatFixture.Redis.ConnectionString, overrides);

    protected async Task<WeChatTestHost> StartHostAsync(string redisConnectionString, IDictionary<string, string?>? overrides = null)
    {
        var host = await WeChatTestHost.StartAsync(redisConnectionString, Api.BaseUrl, Time, Logs, overrides);
        _hosts.Add(host);
        return host;
    }

    protected static int TokenCalls => Api.CallsTo(FakeWeChatApi.Token).Count;
}
