using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WeChatWish.Api.Infrastructure;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Api.WeChat;

/// <summary>
/// Makes WeChat's retries have one effect across every instance: the first copy of a message takes a Redis key
/// (SET NX), later copies wait for the reply the first one stores and answer with the same content.
/// </summary>
public sealed class MessageDeduplicator(IConnectionMultiplexer redis, IOptions<WeChatCallbackOptions> options, ILogger<MessageDeduplicator> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The message's record: per app and MsgId (or, for events, sender + time + event), tagged with the sender.</summary>
    public MessageDedupTicket Ticket(WeChatMessage message)
    {
        var name = $"{message.ToUserName}:{message.DedupKey}";
        return new MessageDedupTicket("wechat:msg:" + RedisHashTag.For(message.FromUserName) + ":" + name, options.Value.DedupWindow, name);
    }

    /// <summary>Takes the ticket; Unavailable when Redis cannot be asked (the message is then handled without deduplication).</summary>
    public async Task<DedupOutcome> BeginAsync(MessageDedupTicket ticket)
    {
        // A known-dead connection costs nothing to detect; asking it would spend WeChat's patience on a timeout.
        if (!redis.IsConnected)
        {
            logger.LogWarning("Redis not connected; processing WeChat message {Key} without deduplication", ticket.Name);
            return DedupOutcome.Unavailable;
        }
        try
        {
            if (await redis.GetDatabase().StringSetAsync(ticket.Key, MessageDedupTicket.Pending, ticket.Window, When.NotExists))
            {
                ticket.Taken();
                return DedupOutcome.First;
            }
            ticket.Duplicate();
            return DedupOutcome.Duplicate;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Better to risk a duplicate than to drop what an elderly user just said.
            logger.LogWarning(e, "Redis unavailable; processing WeChat message {Key} without deduplication", ticket.Name);
            return DedupOutcome.Unavailable;
        }
    }

    public async Task CompleteAsync(MessageDedupTicket ticket, string replyBody)
    {
        try
        {
            // Fire and forget: the reply is already on its way to WeChat; only a retry would read this.
            await redis.GetDatabase().StringSetAsync(ticket.Key, MessageDedupTicket.StoredReply(replyBody), ticket.Window, flags: CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not store the reply to WeChat message {Key}", ticket.Name);
        }
    }

    /// <summary>Forgets a message whose handling failed, so WeChat's next retry gets another chance.</summary>
    public async Task AbandonAsync(MessageDedupTicket ticket)
    {
        try
        {
            await redis.GetDatabase().ScriptEvaluateAsync(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                [ticket.Key], [MessageDedupTicket.Pending]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Could not release WeChat message {Key}", ticket.Name);
        }
    }

    /// <summary>The reply the first copy produced, or null when it is not ready within <paramref name="timeout"/>.</summary>
    public async Task<string?> WaitForReplyAsync(MessageDedupTicket ticket, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var value = (string?)await redis.GetDatabase().StringGetAsync(ticket.Key);
                if (value is null) return null;
                if (value.StartsWith(MessageDedupTicket.ReplyPrefix, StringComparison.Ordinal)) return value[MessageDedupTicket.ReplyPrefix.Length..];
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
}

public enum DedupOutcome { First, Duplicate, Unavailable }
