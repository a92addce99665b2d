using WeChatWish.Api.Intake;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Intake;

public sealed class OutageTests : IntakeTestBase
{
    [Test]
    public async Task WithRedisDownThePersonIsAskedToTryAgainAndNothingIsStored()
    {
        var redis = await TestRun.RedisAsync();
        await redis.StopAsync();
        try
        {
            Assert.That(await User("o_unlucky").SayAsync("心愿 想要一个书包 80元"), Is.EqualTo(IntakeTexts.Busy));
        }
        finally
        {
            await redis.RestartAsync();
        }
        var user = User("o_unlucky");
        Assert.That(await RetryUntilAnsweredAsync(() => user.SayAsync("心愿")), Does.Contain("您属于哪一类"), "back to normal once Redis is");
    }

    [Test]
    public async Task WithPostgreSqlUnreachableThePersonIsAskedToTryAgain()
    {
        var redis = await TestRun.RedisAsync();
        await using var host = new WishApiFactory(redis.ConnectionString, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Database=nowhere;Username=postgres;Password=postgres;Timeout=1",
            ["Database:InitializeOnStartup"] = "false",
        });
        using var client = host.CreateClient();

        Assert.That(await new WeChatUser(client, "o_no_database").SayAsync("心愿"), Is.EqualTo(IntakeTexts.Busy));
    }

    /// <summary>The host's Redis connection takes a moment to come back after the restart.</summary>
    private static async Task<string> RetryUntilAnsweredAsync(Func<Task<string>> send)
    {
        for (var i = 0; ; i++)
        {
            var reply = await send();
            if (reply != IntakeTexts.Busy || i == 50) return reply;
            await Task.Delay(200);
        }
    }
}
