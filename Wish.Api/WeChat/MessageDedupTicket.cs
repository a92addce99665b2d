using StackExchange.Redis;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Api.WeChat;

/// <summary>
/// One message's deduplication record in Redis (<see cref="MessageDeduplicator"/>), handed to an <see cref="IWeChatTicketHandler"/>
/// so that it takes the record in its own first round trip instead of the callback spending a round trip of its own on it.
/// The key carries the sender's openid as its hash tag, so it shares a Redis Cluster slot with that person's other keys.
/// </summary>
public sealed class MessageDedupTicket(RedisKey key, TimeSpan window, string name)
{
    /// <summary>The value a first copy stores until its reply is ready.</summary>
    public const string Pending = "pending";

    public RedisKey Key { get; } = key;

    public TimeSpan Window { get; } = window;

    /// <summary>For logs: the app, and the MsgId or event key.</summary>
    public string Name { get; } = name;

    /// <summary>This copy took the record: it stores the reply afterwards, or frees the record if handling fails.</summary>
    public bool IsTaken { get; private set; }

    /// <summary>Another copy of the message holds the record: this one answers with that copy's reply.</summary>
    public bool IsDuplicate { get; private set; }

    /// <summary>The handler stored the reply with its own last round trip; the callback need not store it again.</summary>
    public bool IsReplyStored { get; private set; }

    /// <summary>How a finished copy's reply is kept in the record, for the retries that wait on it.</summary>
    public static RedisValue StoredReply(string replyBody) => ReplyPrefix + replyBody;

    public const string ReplyPrefix = "r:";

    public void Taken() => IsTaken = true;

    public void ReplyStored() => IsReplyStored = true;

    public void Duplicate() => IsDuplicate = true;
}

/// <summary>
/// A handler whose first step for some messages is a Redis script anyway takes the message's <see cref="MessageDedupTicket"/> in
/// that script (SET key "pending" PX window NX, marking the ticket <see cref="MessageDedupTicket.Taken"/> or
/// <see cref="MessageDedupTicket.Duplicate"/>); for other messages the callback takes the ticket before calling the handler.
/// </summary>
public interface IWeChatTicketHandler
{
    bool TakesTicket(WeChatMessage message);

    Task<WeChatReply> HandleAsync(WeChatMessage message, MessageDedupTicket ticket, CancellationToken cancellationToken);
}
