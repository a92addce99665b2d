using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using WeChatWish.Api.WeChat;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Callback;

/// <summary>The real host with a recording handler behind /wechat and a short reply timeout, on one Redis or a cluster.</summary>
public abstract class CallbackTestBase(RedisTopology topology = RedisTopology.Single) : ApiTestBase
{
    protected static readonly TimeSpan ReplyTimeout = TimeSpan.FromMilliseconds(800);
    protected RecordingHandler Handler { get; } = new();
    private WebApplicationFactory<Program>? _host;

    protected HttpClient WeChat { get; private set; } = null!;

    /// <summary>The Redis the host talks to.</summary>
    protected ITestRedis Redis { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        var api = await TestRun.ApiAsync();
        Redis = await TestRun.RedisAsync(topology);
        _host = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Redis", Redis.ConnectionString);
            b.UseSetting("WeChatCallback:ReplyTimeout", ReplyTimeout.ToString());
            b.ConfigureTestServices(s => s.AddSingleton<IWeChatMessageHandler>(Handler));
        });
    }

    [SetUp]
    public async Task NewClientAsync()
    {
        Handler.Reset();
        // The base class empties the single Redis; a cluster is emptied here.
        if (topology == RedisTopology.Cluster) await TestRedis.FlushAsync(Redis);
        WeChat = _host!.CreateClient();
        // After a Redis-down test the host reconnects by itself; until it has, the callback skips deduplication on purpose.
        var redis = _host.Services.GetRequiredService<IConnectionMultiplexer>();
        for (var waited = 0; !redis.IsConnected && waited < 10_000; waited += 50) await Task.Delay(50);
        Assert.That(redis.IsConnected, Is.True, "the host's Redis connection came back");
    }

    [TearDown]
    public void DisposeWeChatClient() => WeChat?.Dispose();

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    protected Task<long> RedisKeyCountAsync() => TestRedis.KeyCountAsync(Redis);
}
