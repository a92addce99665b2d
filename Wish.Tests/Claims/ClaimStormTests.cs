using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WeChatWish.Api.Claims;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Volunteers;
using WeChatWish.Tests.WeChat;

namespace WeChatWish.Tests.Claims;

/// <summary>
/// Launch-day races over HTTP: one wish, many volunteers at the same moment, with Redis up, down and back; against one Redis
/// and against a Redis Cluster, where the gate's script must find both of a wish's keys in one slot.
/// </summary>
[TestFixture(RedisTopology.Single)]
[TestFixture(RedisTopology.Cluster)]
public sealed class ClaimStormTests(RedisTopology topology) : MiniProgramTestBase
{
    private const int Claimers = 200;

    private readonly CapturedLogs _logs = new();
    private WebApplicationFactory<Program>? _host;
    private ITestRedis _redis = null!;

    protected override WebApplicationFactory<Program> Host => _host!;

    private CounterTotal _fastRejections = null!;
    private CounterTotal _databaseAttempts = null!;
    private CounterTotal _redisFallbacks = null!;

    /// <summary>
    /// A host of its own with a small connection pool: with Redis down all 200 claims go to PostgreSQL at once, and the
    /// default pool of 100 would hold that many connections open afterwards on a server other test runs share.
    /// </summary>
    [OneTimeSetUp]
    public async Task StartHostAsync()
    {
        _redis = await TestRun.RedisAsync(topology);
        _host = (await TestRun.ApiAsync()).WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Redis", _redis.ConnectionString);
            b.UseSetting("ConnectionStrings:Postgres", TestEnvironment.PostgresConnectionString + ";Maximum Pool Size=20;Connection Idle Lifetime=10");
            b.ConfigureLogging(l => l.AddProvider(_logs));
        });
    }

    /// <summary>The base class empties the single Redis; a cluster is emptied here.</summary>
    [SetUp]
    public async Task EmptyRedisAsync()
    {
        if (topology == RedisTopology.Cluster) await TestRedis.FlushAsync(_redis);
        await WaitForRedisAsync();
        _fastRejections = new CounterTotal(Services, ClaimMetrics.MeterName, "wish.claims.fast_rejections");
        _databaseAttempts = new CounterTotal(Services, ClaimMetrics.MeterName, "wish.claims.database_attempts");
        _redisFallbacks = new CounterTotal(Services, ClaimMetrics.MeterName, "wish.claims.redis_fallbacks");
    }

    [TearDown]
    public void StopCollecting()
    {
        _fastRejections.Dispose();
        _databaseAttempts.Dispose();
        _redisFallbacks.Dispose();
    }

    [OneTimeTearDown]
    public async Task StopHostAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }

    [Test]
    public async Task TwoHundredVolunteersRacingForOneWishGiveExactlyOneClaim()
    {
        var wish = await PublishedWishAsync();
        var volunteers = await MiniProgramSeed.VolunteersAsync(Services, Claimers);
        var before = Snapshot();

        var statuses = await StormAsync(wish.Id, volunteers);

        AssertOneWinner(statuses);
        await AssertOneActiveClaimAsync(wish.Id);
        var used = Snapshot() - before;
        Assert.That(used.RedisFallbacks, Is.Zero);
        Assert.That(used.FastRejections, Is.GreaterThanOrEqualTo(Claimers - 10), "losers are turned away by Redis alone");
        Assert.That(used.DatabaseAttempts, Is.LessThanOrEqualTo(10), "only the lock holder (and the odd straggler) reaches the database");
    }

    [Test]
    public async Task WithTheGateTurnedOffEveryClaimGoesToTheDatabaseWhichStillGivesOneWinner()
    {
        // The database-only design bench/claims.sh measures the gate against.
        await using var gateOff = _host!.WithWebHostBuilder(b => b.UseSetting("Claims:Gate", "false"));
        var wish = await PublishedWishAsync();
        var volunteers = await MiniProgramSeed.VolunteersAsync(Services, 40);
        using var fastRejections = new CounterTotal(gateOff.Services, ClaimMetrics.MeterName, "wish.claims.fast_rejections");
        using var databaseAttempts = new CounterTotal(gateOff.Services, ClaimMetrics.MeterName, "wish.claims.database_attempts");

        var statuses = await Task.WhenAll(volunteers.Select(async v =>
        {
            using var client = gateOff.CreateVolunteerClient(v);
            using var response = await client.PostAsync($"/api/wishes/{wish.Id}/claim", null);
            return response.StatusCode;
        }));

        AssertOneWinner(statuses);
        await AssertOneActiveClaimAsync(wish.Id);
        Assert.That(fastRejections.Value, Is.Zero, "nothing is turned away by Redis");
        Assert.That(databaseAttempts.Value, Is.EqualTo(40), "every claim reached the database");
    }

    [Test]
    public async Task WithRedisStoppedClaimsGoToTheDatabaseAndStillNeverDouble()
    {
        var wish = await PublishedWishAsync();
        var volunteers = await MiniProgramSeed.VolunteersAsync(Services, Claimers);
        var redis = _redis;
        var logged = FallbackLogLines();
        await redis.StopAsync();
        try
        {
            var before = Snapshot();

            var statuses = await StormAsync(wish.Id, volunteers);

            AssertOneWinner(statuses);
            await AssertOneActiveClaimAsync(wish.Id);
            var used = Snapshot() - before;
            Assert.That(used.RedisFallbacks, Is.EqualTo(Claimers), "every claim noticed Redis was gone");
            Assert.That(used.DatabaseAttempts, Is.EqualTo(Claimers), "every claim was decided by the database");
            Assert.That(used.FastRejections, Is.Zero);
            Assert.That(FallbackLogLines(), Is.EqualTo(logged + 1), "the outage is logged once, not once per claim");
        }
        finally
        {
            await redis.RestartAsync();
            await WaitForRedisAsync();
        }
    }

    [Test]
    public async Task AfterRedisReturnsClaimsAreTurnedAwayByTheFastPathAgain()
    {
        var duringOutage = await PublishedWishAsync();
        var wish = await PublishedWishAsync();
        var volunteers = await MiniProgramSeed.VolunteersAsync(Services, Claimers);
        var redis = _redis;
        await redis.StopAsync();
        try
        {
            var before = Snapshot();
            AssertOneWinner(await StormAsync(duringOutage.Id, volunteers.Take(20).ToList(), Claimers: 20));
            Assert.That((Snapshot() - before).RedisFallbacks, Is.EqualTo(20), "the outage was noticed");
        }
        finally
        {
            await redis.RestartAsync();
        }
        await WaitForRedisAsync();
        var afterRestart = Snapshot();

        var statuses = await StormAsync(wish.Id, volunteers);

        AssertOneWinner(statuses);
        await AssertOneActiveClaimAsync(wish.Id);
        var used = Snapshot() - afterRestart;
        Assert.That(used.RedisFallbacks, Is.Zero, "no claim fell back once Redis was back");
        Assert.That(_logs.Lines, Has.Some.Contains("claims are back on the Redis fast path"));
        Assert.That(used.FastRejections, Is.GreaterThanOrEqualTo(Claimers - 10));
        Assert.That(used.DatabaseAttempts, Is.LessThanOrEqualTo(10));
    }

    [Test]
    public async Task LosersAfterTheWinnerAreRefusedFromMemoryWithoutARoundTripToRedis()
    {
        var wish = await PublishedWishAsync();
        var volunteers = (await MiniProgramSeed.VolunteersAsync(Services, 21)).Select(VolunteerClient).ToList();
        await OkJsonAsync(await volunteers[0].PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
        var scriptCalls = await RedisScriptCallsAsync();
        var before = Snapshot();

        foreach (var loser in volunteers.Skip(1))
            await OkJsonAsync(await loser.PostAsync($"/api/wishes/{wish.Id}/claim", null), 409);

        Assert.That(await RedisScriptCallsAsync(), Is.EqualTo(scriptCalls), "no claim script ran for the losers");
        Assert.That((Snapshot() - before).FastRejections, Is.EqualTo(20));
    }

    [Test]
    public async Task WhileAnotherClaimIsUnderWayLaterClaimersAreRefusedFromMemoryUntilItsLockGoes()
    {
        var wish = await PublishedWishAsync();
        var volunteers = (await MiniProgramSeed.VolunteersAsync(Services, 2)).Select(VolunteerClient).ToList();
        var redis = Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var lockKey = $"claim:{{{wish.Id:N}}}:lock";
        // A claimer on another instance holds the wish's lock: their claim transaction is under way.
        await redis.StringSetAsync(lockKey, Guid.NewGuid().ToString("N"), TimeSpan.FromSeconds(30));
        var scriptCalls = await RedisScriptCallsAsync();

        await OkJsonAsync(await volunteers[0].PostAsync($"/api/wishes/{wish.Id}/claim", null), 409);
        await OkJsonAsync(await volunteers[1].PostAsync($"/api/wishes/{wish.Id}/claim", null), 409);
        Assert.That(await RedisScriptCallsAsync() - scriptCalls, Is.EqualTo(1), "only the first claimer asked Redis");

        // That claim failed on a rule and its lock went: this instance lets claimers through again after Claims:LocalLockTtl.
        await redis.KeyDeleteAsync(lockKey);
        await Task.Delay(Services.GetRequiredService<IOptions<ClaimOptions>>().Value.LocalLockTtl + TimeSpan.FromMilliseconds(100));
        await OkJsonAsync(await volunteers[1].PostAsync($"/api/wishes/{wish.Id}/claim", null), 201);
    }

    /// <summary>Every volunteer's client is made first and the claims are released at once, so they really overlap.</summary>
    private async Task<IReadOnlyList<HttpStatusCode>> StormAsync(Guid wishId, IReadOnlyList<Guid> volunteers, int Claimers = Claimers)
    {
        Assert.That(volunteers, Has.Count.EqualTo(Claimers));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clients = volunteers.Select(VolunteerClient).ToList();
        var calls = clients.Select(async client =>
        {
            await start.Task;
            using var response = await client.PostAsync($"/api/wishes/{wishId}/claim", null);
            return response.StatusCode;
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(calls);
    }

    private static void AssertOneWinner(IReadOnlyList<HttpStatusCode> statuses)
    {
        var summary = string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{(int)g.Key}×{g.Count()}"));
        Assert.That(statuses.Count(s => s == HttpStatusCode.Created), Is.EqualTo(1), summary);
        Assert.That(statuses.Count(s => s == HttpStatusCode.Conflict), Is.EqualTo(statuses.Count - 1), summary);
    }

    private async Task AssertOneActiveClaimAsync(Guid wishId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        Assert.That(await db.Claims.CountAsync(c => c.WishId == wishId), Is.EqualTo(1), "exactly one claim row, not one per racer");
        Assert.That((await db.Wishes.SingleAsync(w => w.Id == wishId)).Status, Is.EqualTo(WishStatus.Claimed));
    }

    private Task<long> RedisScriptCallsAsync() => TestRedis.ScriptCallsAsync(_redis);

    private async Task WaitForRedisAsync()
    {
        var redis = Services.GetRequiredService<IConnectionMultiplexer>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!redis.IsConnected)
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("the host did not reconnect to Redis within 30 s");
            await Task.Delay(100);
        }
    }

    private int FallbackLogLines() => _logs.Lines.Count(l => l.Contains("claims fall back to the database path"));

    private Counts Snapshot() => new(_fastRejections.Value, _databaseAttempts.Value, _redisFallbacks.Value);

    private readonly record struct Counts(long FastRejections, long DatabaseAttempts, long RedisFallbacks)
    {
        public static Counts operator -(Counts a, Counts b) =>
            new(a.FastRejections - b.FastRejections, a.DatabaseAttempts - b.DatabaseAttempts, a.RedisFallbacks - b.RedisFallbacks);
    }
}
