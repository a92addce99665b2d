using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Wish.Api.Intake;

/// <summary>
/// Conversation state in Redis, one key per openid, so any instance can take a person's next message. The key lives
/// <see cref="IntakeOptions.DraftKeep"/> past the last write (the draft's keep); the 30-minute pause is judged from the
/// stored timestamps and the injected clock. A per-openid lock makes one person's messages take turns across instances.
/// </summary>
public sealed class ConversationStore(IConnectionMultiplexer redis, IOptions<IntakeOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan LockLease = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(20);

    public async Task<Conversation?> LoadAsync(string openId)
    {
        var value = await redis.GetDatabase().StringGetAsync(StateKey(openId));
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<Conversation>((string)value!, Json);
    }

    public Task SaveAsync(string openId, Conversation conversation) =>
        redis.GetDatabase().StringSetAsync(StateKey(openId), JsonSerializer.Serialize(conversation, Json), options.Value.DraftKeep);

    public Task DeleteAsync(string openId) => redis.GetDatabase().KeyDeleteAsync(StateKey(openId));

    /// <summary>Waits (real time) for the person's previous message to finish; null when it does not within the wait.</summary>
    public async Task<TurnLock?> TakeTurnAsync(string openId, CancellationToken cancellationToken)
    {
        var db = redis.GetDatabase();
        var token = Guid.NewGuid().ToString("N");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (await db.StringSetAsync(LockKey(openId), token, LockLease, When.NotExists))
                return new TurnLock(db, LockKey(openId), token);
            if (waited.Elapsed + LockPoll > options.Value.TurnWait) return null;
            await Task.Delay(LockPoll, cancellationToken);
        }
    }

    private static RedisKey StateKey(string openId) => "intake:conv:" + openId;

    private static RedisKey LockKey(string openId) => "intake:turn:" + openId;

    public sealed class TurnLock(IDatabase db, RedisKey key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Compare-and-delete: a lease that ran out and was taken by the next message is not ours to free.
                await db.ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                    [key], [token]);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // The lease runs out by itself.
            }
        }
    }
}
