using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using StackExchange.Redis;
using WeChatWish.Api.Data;

namespace WeChatWish.Api.Infrastructure;

public static class HealthExtensions
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<WishDbContext>("postgres", tags: ["ready"])
            .AddRedis(sp => sp.GetRequiredService<IConnectionMultiplexer>(), "redis", tags: ["ready"], timeout: CheckTimeout);
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        // Live: the process answers. Ready: PostgreSQL and Redis answer too.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
