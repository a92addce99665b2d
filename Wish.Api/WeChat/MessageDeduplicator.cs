using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wish.Api.WeChat;

public enum DedupOutcome { First, Duplicate, Unavailable }

/// <summary>
/// Makes WeChat's retries have one effect across every instance: the first copy of a message takes a Redis key
/// (SET NX), later copies wait for the reply the first one stores and answer with the same content.
/// </summary>
public sealed class MessageDeduplicator(IConnectionMultiplexer redis, IOptions<WeChatCallbackOptions> options, ILogger<MessageDeduplicator> logger)
{
    private const string Pending = "pending";
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task<DedupOutcome> BeginAsync(string key)
    {
        try
        {
            var first = await redis.GetDatabase().StringSetAsync(Key(key), Pending, options.Value.DedupWindow, When.NotExists);
            return first ? DedupOutcome.First : DedupOutcome.Duplicate;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Better to risk a duplicate than to drop what an elderly user just said.
            logger.LogWarning(e, "Redis unavailable; processing WeChat message {Key} without deduplication", key);
            return DedupOutcome.Unavailable;
        }
    }

    public async Task CompleteAsync(string key, string replyBody)
    {
        try
        {
            // Fire and forget: the reply is already on its way to WeChat; only a retry would read this.
            await redis.GetDatabase().StringSetAsync(Key(key), "r:" + replyBody, options.Value.DedupWindow, flags: CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not store the reply to WeChat message {Key}", key);
        }
    }

    /// <summary>Forgets a message whose handling failed, so WeChat's next retry gets another chance.</summary>
    public async Task AbandonAsync(string key)
    {
        try
        {
            var db = redis.GetDatabase();
            await db.ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                [Key(key)], [Pending]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not release WeChat message {Key}", key);
        }
    }

    /// <summary>The reply the first copy produced, or null when it is not ready within <paramref name="timeout"/>.</summary>
    public async Task<string?> WaitForReplyAsync(string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var value = (string?)await redis.GetDatabase().StringGetAsync(Key(key));
                if (value is null) return null;
                if (value.StartsWith("r:", StringComparison.Ordinal)) return value[2..];
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return null;
            }
            if (DateTime.UtcNow + PollInterval > deadline) return null;
            await Task.Delay(PollInterval, cancellationToken);
        }
        return null;
    }

    private static RedisKey Key(string key) => "wechat:msg:" + key;
}
