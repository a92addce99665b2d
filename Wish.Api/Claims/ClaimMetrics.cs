using System.Diagnostics.Metrics;

namespace WeChatWish.Api.Claims;

/// <summary>
/// How claims were decided: turned away by Redis alone, decided by the database, or sent to the database because Redis
/// was unreachable. Exported as the <c>Wish.Api.Claims</c> meter; tests read them with MetricCollector to prove which path ran.
/// </summary>
public sealed class ClaimMetrics
{
    public const string MeterName = "Wish.Api.Claims";

    private readonly Counter<long> _fastRejections;
    private readonly Counter<long> _databaseAttempts;
    private readonly Counter<long> _redisFallbacks;

    public ClaimMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _fastRejections = meter.CreateCounter<long>("wish.claims.fast_rejections", description: "Claims refused by the Redis fast path without a database round trip");
        _databaseAttempts = meter.CreateCounter<long>("wish.claims.database_attempts", description: "Claims decided by a database transaction");
        _redisFallbacks = meter.CreateCounter<long>("wish.claims.redis_fallbacks", description: "Claims sent to the database because Redis was unreachable");
    }

    public void FastRejected() => _fastRejections.Add(1);

    public void DatabaseAttempted() => _databaseAttempts.Add(1);

    public void FellBack() => _redisFallbacks.Add(1);
}
