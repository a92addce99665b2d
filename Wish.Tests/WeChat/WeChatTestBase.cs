using Microsoft.Extensions.Time.Testing;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Fakes;

namespace WeChatWish.Tests.WeChat;

/// <summary>Starts each test with an empty Redis (one server, or the run's cluster) and a fake WeChat that has issued nothing.</summary>
public abstract class WeChatTestBase(RedisTopology topology = RedisTopology.Single)
{
    private readonly List<WeChatTestHost> _hosts = [];

    protected static FakeWeChatApi Api => WeChatFixture.Api;

    protected FakeTimeProvider Time { get; private set; } = null!;

    protected CapturedLogs Logs { get; private set; } = null!;

    protected ITestRedis Redis { get; private set; } = null!;

    [SetUp]
    public async Task ResetAsync()
    {
        Api.Reset();
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Logs = new CapturedLogs();
        Redis = topology == RedisTopology.Cluster ? await TestRun.ClusterAsync() : WeChatFixture.Redis;
        await TestRedis.FlushAsync(Redis);
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
        StartHostAsync(Redis.ConnectionString, overrides);

    protected async Task<WeChatTestHost> StartHostAsync(string redisConnectionString, IDictionary<string, string?>? overrides = null)
    {
        var host = await WeChatTestHost.StartAsync(redisConnectionString, Api.BaseUrl, Time, Logs, overrides);
        _hosts.Add(host);
        return host;
    }

    protected static int TokenCalls => Api.CallsTo(FakeWeChatApi.Token).Count;
}
