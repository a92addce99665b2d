using Microsoft.Extensions.Options;

namespace WeChatWish.Api.Claims;

/// <summary>The <c>Claims</c> section: how long the Redis fast path holds its per-wish lock and its "taken" marker.</summary>
public sealed class ClaimOptions
{
    public const string SectionName = "Claims";

    /// <summary>Longer than one claim transaction; if it lapses anyway, the database still refuses the second claim.</summary>
    public TimeSpan LockTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long losers are refused from Redis alone after a wish was taken. Every path in this service that returns a wish
    /// to Published clears the marker; the TTL bounds how long a path that does not (e.g. a staff revoke) keeps refusing.
    /// </summary>
    public TimeSpan TakenTtl { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long one instance remembers a taken marker it read from Redis, refusing later claimers without even a Redis
    /// round trip. A release on another instance reaches this one at most this late; zero turns the memory off.
    /// </summary>
    public TimeSpan LocalTakenTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long one instance remembers that another volunteer holds a wish's lock (a claim in progress), refusing the wish's
    /// other claimers meanwhile without a Redis round trip. If that claim then fails, the wish is free again in Redis at once,
    /// and on the other instances after at most this long; zero turns it off.
    /// </summary>
    public TimeSpan LocalLockTtl { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Threads of <see cref="ClaimDatabaseLane"/>: claim transactions running at once on this instance. With Redis up only the
    /// first claimer of each wish gets there; with Redis down every claim does, and the rest wait their turn.
    /// </summary>
    public int DatabaseThreads { get; set; } = 8;

    /// <summary>
    /// The Redis fast path. Off, every claim goes to the database, as systems without a fast path do: kept for
    /// <c>bench/claims.sh</c>, which measures the design against that one in the same run. Leave it on in production.
    /// </summary>
    public bool Gate { get; set; } = true;
}

/// <summary>The <c>ClaimLeases</c> section: the background job that expires claims and sends reminders.</summary>
public sealed class ClaimLeaseOptions
{
    public const string SectionName = "ClaimLeases";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Claims handled per transaction; a pass repeats batches until none are left.</summary>
    public int BatchSize { get; set; } = 100;
}

public sealed class ClaimOptionsValidator : IValidateOptions<ClaimOptions>
{
    public ValidateOptionsResult Validate(string? name, ClaimOptions options)
    {
        var failures = new List<string>();
        if (options.LockTtl <= TimeSpan.Zero) failures.Add("Claims:LockTtl must be positive");
        if (options.TakenTtl <= TimeSpan.Zero) failures.Add("Claims:TakenTtl must be positive");
        if (options.LocalTakenTtl < TimeSpan.Zero || options.LocalTakenTtl > options.TakenTtl)
            failures.Add("Claims:LocalTakenTtl must be between zero and Claims:TakenTtl");
        if (options.DatabaseThreads is < 1 or > 64) failures.Add("Claims:DatabaseThreads must be 1 to 64");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public sealed class ClaimLeaseOptionsValidator : IValidateOptions<ClaimLeaseOptions>
{
    public ValidateOptionsResult Validate(string? name, ClaimLeaseOptions options)
    {
        var failures = new List<string>();
        if (options.Interval <= TimeSpan.Zero) failures.Add("ClaimLeases:Interval must be positive");
        if (options.BatchSize < 1) failures.Add("ClaimLeases:BatchSize must be positive");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
