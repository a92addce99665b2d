using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WeChatWish.Api.Infrastructure;

public static class RedisExtensions
{
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        // abortConnect=false: the service starts and keeps serving (claims fall back to PostgreSQL) while Redis is down,
        // and the multiplexer reconnects by itself when Redis returns.
        builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var configuration = ConfigurationOptions.Parse(sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Redis);
            configuration.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(configuration);
        });
        return builder;
    }
}
