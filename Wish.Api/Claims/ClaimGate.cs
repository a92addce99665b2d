using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WeChatWish.Api.Claims;

public enum GateOutcome
{
    /// <summary>This request holds the wish's lock: go to the database, then <see cref="ClaimGate.MarkTakenAsync"/> or <see cref="ClaimGate.LeaveAsync"/>.</summary>
    Acquired,

    /// <summary>The caller already holds the lock or the claim (a double tap): go to the database, which answers with the existing claim.</summary>
    Mine,

    /// <summary>Someone else holds the lock or the claim: refuse without touching the database.</summary>
    Taken,

    /// <summary>Redis could not be asked: go to the database, which alone guarantees one claim per wish.</summary>
    Unavailable,
}

/// <summary>
/// The Redis fast path in front of claiming (DESIGN.md §4). Per wish, a short lock (SET NX PX) lets one claimer through to
/// the database at a time, and a "taken" marker set by the winner turns later claimers away; one script round trip decides.
/// Correctness never rests on this: every failure here sends the claim to the database path, which is the guarantee.
/// In front of Redis, each instance briefly remembers the taken markers it has read (<see cref="ClaimOptions.LocalTakenTtl"/>)
/// and, for less time, another volunteer's lock (<see cref="ClaimOptions.LocalLockTtl"/>: a claim under way), so a storm of
/// losers costs this process no network round trip at all, even before the winner's transaction ends.
/// </summary>
public sealed class ClaimGate(IConnectionMultiplexer redis, IOptions<ClaimOptions> options, ClaimMetrics metrics, ILogger<ClaimGate> logger)
    : IDisposable
{
    private static readonly LuaScript EnterScript = LuaScript.Prepare("""
        local taken = redis.call('GET', @taken)
        if taken then return 'T' .. taken end
        if redis.call('SET', @lockKey, @me, 'NX', 'PX', @lockMs) then return 'A' end
        return 'L' .. (redis.call('GET', @lockKey) or '')
        """);

    private static readonly LuaScript MarkTakenScript = LuaScript.Prepare("""
        redis.call('SET', @taken, @owner, 'PX', @takenMs)
        if redis.call('GET', @lockKey) == @me then redis.call('DEL', @lockKey) end
        return 1
        """);

    private static readonly LuaScript LeaveScript = LuaScript.Prepare("""
        if redis.call('GET', @lockKey) == @me then return redis.call('DEL', @lockKey) end
        return 0
        """);

    // A cache of its own: owner by wish id, nothing else, so no other feature's size limit or keys can interfere.
    private readonly MemoryCache _memory = new(new MemoryCacheOptions());
    private int _degraded;

    public async Task<GateOutcome> EnterAsync(Guid wishId, Guid volunteerId)
    {
        if (_memory.TryGetValue(wishId, out Guid known))
            return known == volunteerId ? GateOutcome.Mine : GateOutcome.Taken;

        var me = volunteerId.ToString("N");
        var (asked, answer) = await RunAsync(EnterScript, new
        {
            taken = TakenKey(wishId), lockKey = LockKey(wishId), me, lockMs = (long)options.Value.LockTtl.TotalMilliseconds,
        });
        if (!asked)
        {
            metrics.FellBack();
            return GateOutcome.Unavailable;
        }
        var text = (string)answer!;
        if (text == "A") return GateOutcome.Acquired;
        if (Guid.TryParseExact(text.AsSpan(1), "N", out var holder))
            Remember(wishId, holder, text[0] == 'T' ? options.Value.LocalTakenTtl : options.Value.LocalLockTtl);
        return text.AsSpan(1).SequenceEqual(me) ? GateOutcome.Mine : GateOutcome.Taken;
    }

    /// <summary>
    /// After the database said who holds the wish: later claimers are turned away, and this request's lock goes. Sent without
    /// waiting for Redis's answer, so the winner's response does not queue behind a storm for it; if it is lost, the lock
    /// lapses after <see cref="ClaimOptions.LockTtl"/> and later claimers learn from the database instead.
    /// </summary>
    public async Task MarkTakenAsync(Guid wishId, Guid owner, Guid volunteerId)
    {
        var (sent, _) = await RunAsync(MarkTakenScript, new
        {
            taken = TakenKey(wishId), lockKey = LockKey(wishId), owner = owner.ToString("N"), me = volunteerId.ToString("N"),
            takenMs = (long)options.Value.TakenTtl.TotalMilliseconds,
        }, CommandFlags.FireAndForget);
        if (sent) Remember(wishId, owner, options.Value.LocalTakenTtl);
    }

    /// <summary>The claim failed for a reason of its own (a rule, an error): let the next claimer try.</summary>
    public Task LeaveAsync(Guid wishId, Guid volunteerId)
    {
        _memory.Remove(wishId);
        return RunAsync(LeaveScript, new { lockKey = LockKey(wishId), me = volunteerId.ToString("N") });
    }

    /// <summary>The wish is claimable again (released, expired, revoked): forget that it was taken.</summary>
    public async Task ForgetAsync(Guid wishId)
    {
        _memory.Remove(wishId);
        if (!redis.IsConnected) return;
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(TakenKey(wishId));
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Could not clear the taken marker of wish {WishId}; it lapses within {Ttl}", wishId, options.Value.TakenTtl);
        }
    }

    private void Remember(Guid wishId, Guid owner, TimeSpan ttl)
    {
        if (ttl > TimeSpan.Zero) _memory.Set(wishId, owner, ttl);
    }

    public void Dispose() => _memory.Dispose();

    // Hash tags keep a wish's two keys in one slot, so the scripts also run on a Redis cluster.
    private static RedisKey LockKey(Guid wishId) => $"claim:{{{wishId:N}}}:lock";

    private static RedisKey TakenKey(Guid wishId) => $"claim:{{{wishId:N}}}:taken";

    /// <summary>Ok is false when Redis could not be asked; a fire-and-forget command has no result even when Ok.</summary>
    private async Task<(bool Ok, RedisResult? Result)> RunAsync(LuaScript script, object parameters, CommandFlags flags = CommandFlags.None)
    {
        // A known-dead connection costs nothing to detect; asking it would cost a timeout per claim.
        if (!redis.IsConnected)
        {
            Degraded(null);
            return (false, null);
        }
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(script, parameters, flags);
            Recovered();
            return (true, result);
        }
        catch (RedisException e)
        {
            Degraded(e);
            return (false, null);
        }
    }

    private void Degraded(Exception? error)
    {
        // Logged once per outage, not once per claim: a claim storm during an outage would flood the log.
        if (Interlocked.Exchange(ref _degraded, 1) == 0)
            logger.LogWarning(error, "Redis is unreachable: claims fall back to the database path (one active claim per wish is still enforced there)");
    }

    private void Recovered()
    {
        if (Interlocked.Exchange(ref _degraded, 0) == 1)
            logger.LogInformation("Redis is reachable again: claims are back on the Redis fast path");
    }
}
