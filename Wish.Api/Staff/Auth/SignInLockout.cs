using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Auth;

/// <summary>
/// Keeps <see cref="SignInAttempts"/> per user name and client address in Redis, so every instance counts the same guesses:
/// one hash per name (names that exist and names that do not alike), one field per address, the hash expiring with the lockout.
/// Neither the name nor the address is stored as such, only digests of them. While Redis is down each instance counts
/// on its own, which still locks, only per instance; the instance's own count is added to the shared one with the next failure
/// Redis takes (a single timed-out call must not let a guess go uncounted), and a lock either of them holds is kept.
/// </summary>
public sealed class SignInLockout(IConnectionMultiplexer redis, IOptions<StaffAuthOptions> options, TimeProvider clock, ILogger<SignInLockout> logger)
{
    private const int MaxRetries = 8;
    private readonly ConcurrentDictionary<(string Key, string Field), SignInAttempts> _local = new();

    public async Task<DateTimeOffset?> LockedUntilAsync(string userName, IPAddress? address)
    {
        var (key, field) = Keys(userName, address);
        var now = clock.GetUtcNow();
        var attempts = (await ReadAsync(key, field)).With(Local(key, field));
        return attempts.IsLocked(now) ? attempts.LockedUntil : null;
    }

    /// <summary>Counts one wrong password; answers when the pair is locked until, if this failure locked it.</summary>
    public async Task<DateTimeOffset?> FailedAsync(string userName, IPAddress? address)
    {
        var (key, field) = Keys(userName, address);
        var rules = options.Value;
        var now = clock.GetUtcNow();
        try
        {
            var db = redis.GetDatabase();
            for (var attempt = 0; attempt < MaxRetries; attempt++)
            {
                var stored = await db.HashGetAsync(key, field);
                var pending = Local(key, field);
                var next = Parse(stored).With(pending).Failed(now, rules.MaxFailedLogins, rules.Lockout);
                // Compare-and-set, so parallel guesses from one address are counted one after another.
                var transaction = db.CreateTransaction();
                transaction.AddCondition(stored.IsNull ? Condition.HashNotExists(key, field) : Condition.HashEqual(key, field, stored));
                _ = transaction.HashSetAsync(key, field, Format(next));
                _ = transaction.KeyExpireAsync(key, rules.Lockout + TimeSpan.FromMinutes(1));
                if (await transaction.ExecuteAsync())
                {
                    // Counted in Redis now; a failure this instance counted meanwhile stays for the next one.
                    if (pending != SignInAttempts.None) _local.TryRemove(KeyValuePair.Create((key, field), pending));
                    return next.IsLocked(now) ? next.LockedUntil : null;
                }
            }
            logger.LogWarning("Sign-in failure not counted after {Retries} contended attempts", MaxRetries);
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable, counting sign-in failures on this instance only: {Error}", e.Message);
            var next = _local.AddOrUpdate((key, field), _ => SignInAttempts.None.Failed(now, rules.MaxFailedLogins, rules.Lockout),
                (_, current) => current.Failed(now, rules.MaxFailedLogins, rules.Lockout));
            return next.IsLocked(now) ? next.LockedUntil : null;
        }
    }

    public Task SucceededAsync(string userName, IPAddress? address)
    {
        var (key, field) = Keys(userName, address);
        _local.TryRemove((key, field), out _);
        return Quietly(db => db.HashDeleteAsync(key, field));
    }

    /// <summary>Clears every address's count and lock for a name, as an admin's password reset does.</summary>
    public Task ClearAsync(string userName)
    {
        var key = NameKey(userName);
        foreach (var entry in _local.Keys.Where(k => k.Key == key)) _local.TryRemove(entry, out _);
        return Quietly(db => db.KeyDeleteAsync(key));
    }

    /// <summary>The latest lock any address holds on a name, for the accounts list.</summary>
    public async Task<DateTimeOffset?> LatestLockAsync(string userName)
    {
        var key = NameKey(userName);
        var now = clock.GetUtcNow();
        IEnumerable<SignInAttempts> all = _local.Where(p => p.Key.Key == key).Select(p => p.Value).ToList();
        try
        {
            all = all.Concat((await redis.GetDatabase().HashValuesAsync(key)).Select(Parse));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable, showing this instance's sign-in locks only: {Error}", e.Message);
        }
        return all.Where(a => a.IsLocked(now)).Select(a => a.LockedUntil).Max();
    }

    private async Task<SignInAttempts> ReadAsync(RedisKey key, string field)
    {
        try
        {
            return Parse(await redis.GetDatabase().HashGetAsync(key, field));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return SignInAttempts.None;
        }
    }

    private SignInAttempts Local(string key, string field) => _local.TryGetValue((key, field), out var local) ? local : SignInAttempts.None;

    private async Task Quietly(Func<IDatabase, Task> action)
    {
        try
        {
            await action(redis.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning("Redis unavailable, sign-in count not cleared: {Error}", e.Message);
        }
    }

    private static (string Key, string Field) Keys(string userName, IPAddress? address) =>
        (NameKey(userName), Digest("address:" + (address?.MapToIPv6().ToString() ?? "unknown")));

    // The hash tag keeps a name's hash in one slot of a Redis Cluster; the digest keeps user input out of key names.
    private static string NameKey(string userName) => "signin:{" + Digest("name:" + StaffUser.NormaliseUserName(userName)) + "}";

    private static string Digest(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 12));

    private static string Format(SignInAttempts attempts) => string.Create(CultureInfo.InvariantCulture,
        $"{attempts.Failures}|{attempts.LockedUntil?.ToUnixTimeMilliseconds()}");

    private static SignInAttempts Parse(RedisValue value)
    {
        if (value.IsNullOrEmpty) return SignInAttempts.None;
        var parts = value.ToString().Split('|');
        var failures = int.Parse(parts[0], CultureInfo.InvariantCulture);
        DateTimeOffset? lockedUntil = parts.Length > 1 && parts[1].Length > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(parts[1], CultureInfo.InvariantCulture))
            : null;
        return new SignInAttempts(failures, lockedUntil);
    }
}
