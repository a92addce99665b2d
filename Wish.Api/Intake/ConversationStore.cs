using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.WeChat;

namespace WeChatWish.Api.Intake;

/// <summary>
/// Conversation state in Redis, one key per openid, so any instance can take a person's next message. The key lives
/// <see cref="IntakeOptions.DraftKeep"/> past the last write (the draft's keep); the 30-minute pause is judged from the
/// stored timestamps and the injected clock. A per-openid lock makes one person's messages take turns across instances.
/// Taking the turn also takes the message's deduplication record, counts the message against the per-minute limit and reads
/// the state; finishing it writes the state and frees the lock. One round trip each, because a Redis round trip costs the
/// callback more than its crypto and XML together.
/// </summary>
public sealed class ConversationStore(IConnectionMultiplexer redis, IOptions<IntakeOptions> options, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan LockLease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(20);

    // Turn tokens only need to differ between holders: a random per-process prefix and a counter, not a Guid per message
    // (Guid.NewGuid read the kernel's random source on every message, 1.7 % of the callback's CPU in perf).
    private static readonly string TokenPrefix = Guid.NewGuid().ToString("N")[..16] + ":";
    private static long _tokens;

    // KEYS: lock, state[, this minute's counter[, dedup record]]. ARGV: token, lease ms[, limit[, dedup window ms]].
    // Returns {-1} for a copy of a message already being handled; else {count, state or nil}: over the limit the turn is not
    // taken, and within it a nil state means another message holds the turn ('' when it is taken and there is no state).
    // Without the counter (a retry while waiting for one's turn) nothing is counted. A fixed clock-minute window lets a
    // burst straddling a minute boundary through twice; that is fine for stopping a stuck phone or a script.
    private const string AdmitScript = """
        if KEYS[4] and not redis.call('SET', KEYS[4], 'pending', 'PX', ARGV[4], 'NX') then return {-1} end
        local count = 0
        if KEYS[3] then
          count = redis.call('INCR', KEYS[3])
          if count == 1 then redis.call('EXPIRE', KEYS[3], 120) end
          if count > tonumber(ARGV[3]) then return {count, false} end
        end
        if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
          return {count, redis.call('GET', KEYS[2]) or ''}
        end
        return {count, false}
        """;

    // KEYS: lock, state[, dedup record]. ARGV: token, 'set'|'del'|'keep', state, keep ms[, stored reply, dedup window ms].
    // The lock is freed only if still ours.
    private const string FinishScript = """
        if ARGV[2] == 'set' then redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
        elseif ARGV[2] == 'del' then redis.call('DEL', KEYS[2]) end
        if KEYS[3] then redis.call('SET', KEYS[3], ARGV[5], 'PX', ARGV[6]) end
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
        return 1
        """;

    /// <summary>
    /// Takes <paramref name="ticket"/> (when given), counts the message against the person's per-minute limit and, within it,
    /// waits (real time) for their previous message to finish. The turn is null for a duplicate, over the limit, or when the
    /// previous message does not finish within the wait.
    /// </summary>
    public async Task<TurnAttempt> TakeTurnAsync(string openId, MessageDedupTicket? ticket, CancellationToken cancellationToken)
    {
        // Without Redis there is no conversation state: say "try again" at once rather than after a command timeout.
        if (!redis.IsConnected) throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "Redis is not connected");
        var db = redis.GetDatabase();
        var token = TokenPrefix + Interlocked.Increment(ref _tokens).ToString(System.Globalization.CultureInfo.InvariantCulture);
        RedisKey[] turnKeys = [LockKey(openId), StateKey(openId)];
        var rateKey = RateKey(openId, clock.GetUtcNow().ToUnixTimeSeconds() / 60);
        var limit = options.Value.MessagesPerMinute;
        var lease = (long)LockLease.TotalMilliseconds;
        RedisKey[] keys = ticket is null ? [.. turnKeys, rateKey] : [.. turnKeys, rateKey, ticket.Key];
        RedisValue[] args = ticket is null ? [token, lease, limit] : [token, lease, limit, (long)ticket.Window.TotalMilliseconds];
        var admitted = (RedisResult[])(await db.ScriptEvaluateAsync(AdmitScript, keys, args))!;
        var count = (long)admitted[0];
        if (count < 0)
        {
            ticket!.Duplicate();
            return new TurnAttempt(RateVerdict.Allowed, null);
        }
        ticket?.Taken();
        if (count > limit) return new TurnAttempt(count == limit + 1 ? RateVerdict.JustOverLimit : RateVerdict.OverLimit, null);

        var taken = admitted[1];
        var waited = Stopwatch.StartNew();
        while (taken.IsNull)
        {
            // Only the first attempt counts: waiting for one's turn is not another message.
            if (waited.Elapsed + LockPoll > options.Value.TurnWait) return new TurnAttempt(RateVerdict.Allowed, null);
            await Task.Delay(LockPoll, cancellationToken);
            taken = ((RedisResult[])(await db.ScriptEvaluateAsync(AdmitScript, turnKeys, [token, lease]))!)[1];
        }
        var state = (string?)taken;
        var current = string.IsNullOrEmpty(state) ? null : JsonSerializer.Deserialize<Conversation>(state, Json);
        return new TurnAttempt(RateVerdict.Allowed, new Turn(this, db, turnKeys, token, current, ticket));
    }

    /// <summary>Drops a person's half-finished conversation (erasure): the draft holds their name, phone and address.</summary>
    public Task ForgetAsync(string openId) => redis.GetDatabase().KeyDeleteAsync(StateKey(openId));

    /// <summary>The rate verdict on a message and, when it may go on and its turn came in time, the turn.</summary>
    public sealed record TurnAttempt(RateVerdict Verdict, Turn? Turn);

    // Hash tags keep both keys of a person in one slot, so the scripts also run on Redis Cluster.
    // The deduplication record a turn may take is tagged the same way (MessageDeduplicator), so it shares their slot too.
    private static RedisKey StateKey(string openId) => "intake:" + RedisHashTag.For(openId) + ":conv";

    private static RedisKey LockKey(string openId) => "intake:" + RedisHashTag.For(openId) + ":turn";

    private static RedisKey RateKey(string openId, long minute) => "intake:" + RedisHashTag.For(openId) + ":rate:" + minute;

    /// <summary>One person's turn: the state as it was, and one call that stores the new state and ends the turn.</summary>
    public sealed class Turn(ConversationStore store, IDatabase db, RedisKey[] keys, string token, Conversation? current,
        MessageDedupTicket? ticket) : IAsyncDisposable
    {
        private bool _finished;

        public Conversation? Current { get; } = current;

        /// <summary>
        /// Stores <paramref name="next"/> (null: drop the state), frees the lock and, when this turn took the message's
        /// deduplication record, stores <paramref name="replyBody"/> there for WeChat's retries.
        /// </summary>
        public async Task FinishAsync(Conversation? next, string? replyBody = null)
        {
            _finished = true;
            var (action, value) = next is not null ? ("set", JsonSerializer.Serialize(next, Json))
                : Current is not null ? ("del", "") : ("keep", "");
            RedisValue[] args = [token, action, value, (long)store.Keep.TotalMilliseconds];
            var storesReply = replyBody is not null && ticket is { IsTaken: true };
            // Only freeing the lock (and storing a reply a retry may read) loses nothing that matters if it fails, so nobody
            // waits for that answer; a changed state is awaited, because a lost one would make the person answer again.
            var flags = action == "keep" ? CommandFlags.FireAndForget : CommandFlags.None;
            await db.ScriptEvaluateAsync(FinishScript, storesReply ? [.. keys, ticket!.Key] : keys,
                storesReply ? [.. args, MessageDedupTicket.StoredReply(replyBody!), (long)ticket!.Window.TotalMilliseconds] : args, flags);
            if (storesReply) ticket!.ReplyStored();
        }

        /// <summary>Frees a turn that ended without <see cref="FinishAsync"/> (an exception); the lease would free it anyway.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_finished) return;
            try
            {
                await db.ScriptEvaluateAsync(FinishScript, keys, [token, "keep", "", 0]);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // The lease runs out by itself.
            }
        }
    }

    private TimeSpan Keep => options.Value.DraftKeep;
}
