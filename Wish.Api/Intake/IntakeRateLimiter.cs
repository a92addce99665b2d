using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wish.Api.Intake;

public enum RateVerdict { Allowed, JustOverLimit, OverLimit }

/// <summary>
/// Messages per openid per clock minute, counted in Redis so every instance shares the count. A fixed window lets a burst
/// straddling a minute boundary through twice; that is fine for stopping a stuck phone or a script.
/// </summary>
public sealed class IntakeRateLimiter(IConnectionMultiplexer redis, IOptions<IntakeOptions> options, TimeProvider clock)
{
    private const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    public async Task<RateVerdict> CountAsync(string openId)
    {
        var minute = clock.GetUtcNow().ToUnixTimeSeconds() / 60;
        RedisKey key = $"intake:rate:{openId}:{minute}";
        // One round trip: count and, on the minute's first message, set the key to expire.
        var count = (long)await redis.GetDatabase().ScriptEvaluateAsync(CountScript, [key], [120]);
        var limit = options.Value.MessagesPerMinute;
        return count <= limit ? RateVerdict.Allowed : count == limit + 1 ? RateVerdict.JustOverLimit : RateVerdict.OverLimit;
    }
}
