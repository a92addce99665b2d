using System.Diagnostics.Metrics;

namespace WeChatWish.Api.Claims;

/// <summary>
/// How claims were decided: turned away by Redis alone, decided by the database, or sent to the database because Redis
/// was unreachable. Exported as the <c>Wish.Api.Claims</c> meter; tests read the totals to prove which path ran.
/// </summary>
public sealed class ClaimMetrics
{
    public const string MeterName = "Wish.Api.Claims";

    private readonly Counter<long> _fastRejections;
    private readonly Counter<long> _databaseAttempts;
    private readonly Counter<long> _redisFallbacks;
    private long _fastRejectionTotal;
    private long _databaseAttemptTotal;
    private long _redisFallbackTotal;

    public ClaimMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _fastRejections = meter.CreateCounter<long>("wish.claims.fast_rejections", description: "Claims refused by the Redis fast path without a database round trip");
        _databaseAttempts = meter.CreateCounter<long>("wish.claims.database_attempts", description: "Claims decided by a database transaction");
        _redisFallbacks = meter.CreateCounter<long>("wish.claims.redis_fallbacks", description: "Claims sent to the database because Redis was unreachable");
    }

    public long FastRejections => Interlocked.Read(ref _fastRejectionTotal);

    public long DatabaseAttempts => Interlocked.Read(ref _databaseAttemptTotal);

    public long RedisFallbacks => Interlocked.Read(ref _redisFallbackTotal);

    public void FastRejected()
    {
        Interlocked.Increment(ref _fastRejectionTotal);
        _fastRejections.Add(1);
    }

    public void DatabaseAttempted()
    {
        Interlocked.Increment(ref _databaseAttemptTotal);
        _databaseAttempts.Add(1);
    }

    public void FellBack()
    {
        Interlocked.Increment(ref _redisFallbackTotal);
        _redisFallbacks.Add(1);
    }
}
