using Wish.Api.Intake;
using Wish.Tests.Infrastructure;

namespace Wish.Tests.Intake;

public sealed class RedisDownTests : IntakeTestBase
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
