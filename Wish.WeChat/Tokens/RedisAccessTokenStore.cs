using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WeChatWish.WeChat;

/// <summary>
/// Shares one token per app through Redis: read; when absent or due, take a lock (SET NX PX, released by
/// compare-and-delete), re-read, and only then ask WeChat. Without Redis each instance fetches for itself.
/// </summary>
internal sealed class RedisAccessTokenStore(
    IConnectionMultiplexer redis, AccessTokenFetcher fetcher, IOptions<WeChatOptions> options,
    TimeProvider time, ILogger<RedisAccessTokenStore> logger) : IAccessTokenStore
{
    private const string ReleaseLockScript =
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private const string InvalidateScript =
        "local v = redis.call('GET', KEYS[1]) " +
        "if v and cjson.decode(v).token == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new();

    // The last token this instance saw; served only while Redis is unreachable.
    private readonly ConcurrentDictionary<string, StoredToken> _lastSeen = new();

    private WeChatTokenOptions Settings => options.Value.Tokens;

    private DateTimeOffset Now => time.GetUtcNow();

    public async Task<WeChatResult<AccessToken>> GetTokenAsync(string appId, CancellationToken ct = default)
    {
        var app = WeChatApp.Find(options.Value, appId);
        try
        {
            if (redis.IsConnected)
            {
                var current = await ReadAsync(redis.GetDatabase(), appId);
                if (current is not null && current.IsFresh(Now)) return current.ToAccessToken();
                return await RefreshSharedAsync(app, ct);
            }
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            logger.LogWarning("Redis failed while getting the access token of {AppId}: {Error}", appId, e.Message);
        }
        return await RefreshLocalAsync(app, ct);
    }

    public async Task InvalidateAsync(string appId, string failingToken, CancellationToken ct = default)
    {
        if (_lastSeen.TryGetValue(appId, out var seen) && seen.Token == failingToken)
            _lastSeen.TryRemove(KeyValuePair.Create(appId, seen));
        if (!redis.IsConnected) return;
        try
        {
            var dropped = (long)await redis.GetDatabase().ScriptEvaluateAsync(InvalidateScript, [TokenKey(appId)], [failingToken]);
            logger.LogInformation(dropped == 1
                ? "Dropped the rejected access token of {AppId}"
                : "The rejected access token of {AppId} was already replaced; kept the newer one", appId);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            logger.LogWarning("Redis failed while invalidating the access token of {AppId}: {Error}", appId, e.Message);
        }
    }

    private async Task<WeChatResult<AccessToken>> RefreshSharedAsync(WeChatApp app, CancellationToken ct)
    {
        var gate = Gate(app.AppId);
        await gate.WaitAsync(ct);
        try
        {
            var db = redis.GetDatabase();
            var waited = Stopwatch.StartNew();
            while (true)
            {
                var lockValue = Guid.NewGuid().ToString("N");
                if (await db.StringSetAsync(LockKey(app.AppId), lockValue, Settings.LockTimeout, When.NotExists))
                {
                    try { return await FetchUnderLockAsync(db, app, ct); }
                    finally { await ReleaseLockAsync(db, app.AppId, lockValue); }
                }

                // Another instance is refreshing; its new token, or one not yet expired, serves meanwhile.
                var current = await ReadAsync(db, app.AppId);
                if (current is not null && current.IsUsable(Now)) return current.ToAccessToken();
                // A crashed holder's lock lapses after LockTimeout; by twice that, something else is wrong.
                if (waited.Elapsed > Settings.LockTimeout * 2)
                    return WeChatError.Unavailable("timed out waiting for another instance to refresh the access token");
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 60)), ct);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<WeChatResult<AccessToken>> FetchUnderLockAsync(IDatabase db, WeChatApp app, CancellationToken ct)
    {
        // Re-read under the lock: the previous holder may have stored a fresh token just before releasing it.
        var current = await ReadAsync(db, app.AppId);
        if (current is not null && current.IsFresh(Now)) return current.ToAccessToken();

        var fetched = await FetchBeforeLockLapsesAsync(app, ct);
        if (!fetched.IsSuccess)
        {
            if (current is null || !current.IsUsable(Now)) return fetched;
            logger.LogWarning("Early refresh of the access token of {AppId} failed; the current one still serves", app.AppId);
            return current.ToAccessToken();
        }

        var stored = StoredToken.From(fetched.Value, Now, Settings.RefreshMargin);
        _lastSeen[app.AppId] = stored;
        var ttl = fetched.Value.ExpiresAt - Now;
        if (ttl > TimeSpan.Zero) await db.StringSetAsync(TokenKey(app.AppId), JsonSerializer.Serialize(stored), ttl);
        return fetched;
    }

    private async Task<WeChatResult<AccessToken>> FetchBeforeLockLapsesAsync(WeChatApp app, CancellationToken ct)
    {
        // Give up before the lock lapses, or a second instance could fetch alongside (cgi-bin/token would then
        // retire our token five minutes later).
        using var cutoff = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cutoff.CancelAfter(Settings.LockTimeout * 0.8);
        try
        {
            return await fetcher.FetchAsync(app, cutoff.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return WeChatError.Unavailable("fetching the access token took longer than the refresh lock allows");
        }
    }

    private async Task<WeChatResult<AccessToken>> RefreshLocalAsync(WeChatApp app, CancellationToken ct)
    {
        if (_lastSeen.TryGetValue(app.AppId, out var seen) && seen.IsFresh(Now)) return seen.ToAccessToken();
        var gate = Gate(app.AppId);
        await gate.WaitAsync(ct);
        try
        {
            if (_lastSeen.TryGetValue(app.AppId, out seen) && seen.IsFresh(Now)) return seen.ToAccessToken();
            logger.LogWarning("Redis is unreachable: fetching the access token of {AppId} directly, for this instance only", app.AppId);
            var fetched = await fetcher.FetchAsync(app, ct);
            if (!fetched.IsSuccess) return seen is not null && seen.IsUsable(Now) ? seen.ToAccessToken() : fetched;
            _lastSeen[app.AppId] = StoredToken.From(fetched.Value, Now, Settings.RefreshMargin);
            return fetched;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<StoredToken?> ReadAsync(IDatabase db, string appId)
    {
        var value = await db.StringGetAsync(TokenKey(appId));
        if (value.IsNullOrEmpty) return null;
        try
        {
            var stored = JsonSerializer.Deserialize<StoredToken>(value.ToString());
            if (stored is not null) _lastSeen[appId] = stored;
            return stored;
        }
        catch (JsonException)
        {
            logger.LogWarning("The stored access token of {AppId} is unreadable; fetching a new one", appId);
            return null;
        }
    }

    private async Task ReleaseLockAsync(IDatabase db, string appId, string lockValue)
    {
        try
        {
            await db.ScriptEvaluateAsync(ReleaseLockScript, [LockKey(appId)], [lockValue]);
        }
        catch (Exception e) when (e is RedisException or RedisTimeoutException)
        {
            logger.LogWarning("Could not release the token lock of {AppId}; it lapses by itself: {Error}", appId, e.Message);
        }
    }

    private SemaphoreSlim Gate(string appId) => _gates.GetOrAdd(appId, _ => new SemaphoreSlim(1, 1));

    private RedisKey TokenKey(string appId) => Settings.RedisKeyPrefix + appId;

    private RedisKey LockKey(string appId) => Settings.RedisKeyPrefix + appId + ":lock";
}
