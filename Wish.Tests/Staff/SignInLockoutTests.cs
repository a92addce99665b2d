using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using WeChatWish.Api.Staff.Auth;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>The lockout's count when Redis misses a call: what the instance counted on its own is not forgotten.</summary>
public sealed class SignInLockoutTests
{
    private static readonly IPAddress Guesser = IPAddress.Parse("203.0.113.9");
    private RedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private FakeTimeProvider _clock = null!;
    private SignInLockout _lockout = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _redis = await RedisServer.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        _clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options.Create(new StaffAuthOptions { MaxFailedLogins = 5, Lockout = TimeSpan.FromMinutes(15) });
        _lockout = new SignInLockout(_connection, options, _clock, NullLogger<SignInLockout>.Instance);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Test]
    public async Task FailuresCountedWhileRedisWasDownJoinTheSharedCountWhenItIsBack()
    {
        await _redis.StopAsync();
        var whileDown = new[] { await _lockout.FailedAsync("gulou-lead", Guesser), await _lockout.FailedAsync("gulou-lead", Guesser) };
        await _redis.RestartAsync();
        await WaitForRedisAsync();

        var third = await _lockout.FailedAsync("gulou-lead", Guesser);
        var fourth = await _lockout.FailedAsync("gulou-lead", Guesser);
        var fifth = await _lockout.FailedAsync("gulou-lead", Guesser);

        Assert.That(whileDown, Is.All.Null);
        Assert.That(new[] { third, fourth }, Is.All.Null);
        Assert.That(fifth, Is.EqualTo(_clock.GetUtcNow() + TimeSpan.FromMinutes(15)), "two while down and three after make five");
        var server = _connection.GetServer(_connection.GetEndPoints()[0]);
        var keys = server.Keys(pattern: "signin:*").ToList();
        Assert.That(keys, Has.Count.EqualTo(1));
        var stored = await _connection.GetDatabase().HashValuesAsync(keys[0]);
        Assert.That(stored.Select(v => v.ToString()), Is.EqualTo(new[] { $"0|{fifth!.Value.ToUnixTimeMilliseconds()}" }),
            "the lock is in Redis, where every instance sees it");
    }

    [Test]
    public async Task ALockMadeWhileRedisWasDownStillHoldsWhenItIsBack()
    {
        await _redis.StopAsync();
        for (var i = 0; i < 5; i++) await _lockout.FailedAsync("gulou-lead", Guesser);
        await _redis.RestartAsync();
        await WaitForRedisAsync();

        var lockedUntil = await _lockout.LockedUntilAsync("gulou-lead", Guesser);
        var elsewhere = await _lockout.LockedUntilAsync("gulou-lead", IPAddress.Parse("198.51.100.4"));
        var latest = await _lockout.LatestLockAsync("gulou-lead");

        Assert.That(lockedUntil, Is.EqualTo(_clock.GetUtcNow() + TimeSpan.FromMinutes(15)));
        Assert.That(elsewhere, Is.Null, "the lock belongs to the address that earned it");
        Assert.That(latest, Is.EqualTo(lockedUntil));
    }

    private async Task WaitForRedisAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await _connection.GetDatabase().PingAsync();
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                await Task.Delay(100);
            }
        }
        Assert.Fail("Redis did not come back");
    }
}
