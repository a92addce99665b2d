using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using WeChatWish.WeChat;

namespace WeChatWish.Tests.WeChat;

/// <summary>
/// One simulated instance of the service: its own Redis connection, HttpClients and token store,
/// wired by AddWeChatApi exactly as the host wires them.
/// </summary>
public sealed class WeChatTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IConnectionMultiplexer _redis;

    private WeChatTestHost(ServiceProvider services, IConnectionMultiplexer redis)
    {
        _services = services;
        _redis = redis;
    }

    public bool RedisConnected => _redis.IsConnected;

    public IAccessTokenStore Tokens => _services.GetRequiredService<IAccessTokenStore>();

    public OfficialAccountClient OfficialAccount => _services.GetRequiredService<OfficialAccountClient>();

    public MiniProgramClient MiniProgram => _services.GetRequiredService<MiniProgramClient>();

    public static async Task<WeChatTestHost> StartAsync(
        string redisConnectionString, Uri apiBaseUrl, TimeProvider time, ILoggerProvider logs,
        IDictionary<string, string?>? overrides = null)
    {
        var settings = WeChatTestSettings.For(apiBaseUrl);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnectionString);
        var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<IConnectionMultiplexer>(redis)
            .AddSingleton(time)
            .AddWeChatApi(configuration);
        return new WeChatTestHost(services.BuildServiceProvider(validateScopes: true), redis);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
