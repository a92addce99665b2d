using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wish.Api.Intake;

/// <summary>
/// Conversation state in Redis, one key per openid, so any instance can take a person's next message. The key lives
/// <see cref="IntakeOptions.DraftKeep"/> past the last write (the draft's keep); the 30-minute pause is judged from the
/// stored timestamps and the injected clock. A per-openid lock makes one person's messages take turns across instances.
/// Taking the turn reads the state, and finishing it writes the state and frees the lock, one round trip each: the
/// callback's 4-second budget is shared by many people at once.
/// </summary>
public sealed class ConversationStore(IConnectionMultiplexer redis, IOptions<IntakeOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan LockLease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(20);

    // KEYS: lock, state. ARGV: token, lease ms. Nil when another message holds the turn, else the state ('' when none).
    private const string TakeScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
          return redis.call('GET', KEYS[2]) or ''
        end
        return false
        """;

    // KEYS: lock, state. ARGV: token, 'set'|'del'|'keep', state, keep ms. The lock is freed only if still ours.
    private const string FinishScript = """
        if ARGV[2] == 'set' then redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
        elseif ARGV[2] == 'del' then redis.call('DEL', KEYS[2]) end
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
        return 1
        """;

    /// <summary>Waits (real time) for the person's previous message to finish; null when it does not within the wait.</summary>
    public async Task<Turn?> TakeTurnAsync(string openId, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var token = Guid.NewGuid().ToString("N");
        RedisKey[] keys = [LockKey(openId), StateKey(openId)];
        RedisValue[] args = [token, (long)LockLease.TotalMilliseconds];
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var taken = await db.ScriptEvaluateAsync(TakeScript, keys, args);
            if (!taken.IsNull)
            {
                var state = (string?)taken;
                var current = string.IsNullOrEmpty(state) ? null : JsonSerializer.Deserialize<Conversation>(state, Json);
                return new Turn(this, db, keys, token, current);
            }
            if (waited.Elapsed + LockPoll > options.Value.TurnWait) return null;
            await Task.Delay(LockPoll, cancellationToken);
        }
    }

    // Hash tags keep both keys of a person in one slot, so the scripts also run on Redis Cluster.
    private static RedisKey StateKey(string openId) => "intake:{" + openId + "}:conv";

    private static RedisKey LockKey(string openId) => "intake:{" + openId + "}:turn";

    /// <summary>One person's turn: the state as it was, and one call that stores the new state and ends the turn.</summary>
    public sealed class Turn(ConversationStore store, IDatabase db, RedisKey[] keys, string token, Conversation? current) : IAsyncDisposable
    {
        private bool _finished;

        public Conversation? Current { get; } = current;

        /// <summary>Stores <paramref name="next"/> (null: drop the state) and frees the lock.</summary>
        public async Task FinishAsync(Conversation? next)
        {
            _finished = true;
            var (action, value) = next is not null ? ("set", JsonSerializer.Serialize(next, Json))
                : Current is not null ? ("del", "") : ("keep", "");
            await db.ScriptEvaluateAsync(FinishScript, keys,
                [token, action, value, (long)store.Keep.TotalMilliseconds]);
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
