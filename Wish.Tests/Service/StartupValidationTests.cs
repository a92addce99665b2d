using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Service;

public sealed class StartupValidationTests
{
    [TestCase("ConnectionStrings:Postgres", "", "ConnectionStrings:Postgres is missing")]
    [TestCase("ConnectionStrings:Postgres", "Host=;Database=", "ConnectionStrings:Postgres has no Host")]
    [TestCase("ConnectionStrings:Postgres", "Hots=127.0.0.1", "ConnectionStrings:Postgres is malformed")]
    [TestCase("ConnectionStrings:Redis", "", "ConnectionStrings:Redis is missing")]
    [TestCase("Jwt:SigningKey", "too-short", "Jwt:SigningKey must be at least 32 characters")]
    [TestCase("WishRules:HardCostLimit", "100", "WishRules is inconsistent")]
    [TestCase("WeChat:OfficialAccount:EncodingAESKey", "short", "WeChat:OfficialAccount:EncodingAESKey")]
    [TestCase("Intake:DraftKeep", "00:10:00", "Intake:DraftKeep must be at least Intake:ConversationIdle")]
    [TestCase("Intake:MessagesPerMinute", "0", "Intake:MessagesPerMinute must be at least 1")]
    [TestCase("WeChatCallback:DedupWindow", "00:01:00", "WeChatCallback:DedupWindow must be at least twice WeChatCallback:MaxTimestampSkew")]
    [TestCase("StaffAuth:MaxFailedLogins", "0", "StaffAuth:MaxFailedLogins must be between 1 and 100")]
    [TestCase("Programme:YearlyBudget", "0", "Programme:YearlyBudget must be between 1 and 1,000,000,000")]
    [TestCase("StaffJobs:PollInterval", "00:00:00", "StaffJobs:PollInterval must be positive")]
    [TestCase("Claims:DatabaseThreads", "0", "Claims:DatabaseThreads must be 1 to 64")]
    [TestCase("ClaimLeases:BatchSize", "0", "ClaimLeases:BatchSize must be positive")]
    public async Task MissingOrMalformedSettingStopsStartupNamingIt(string key, string value, string expected)
    {
        var redis = await TestRun.RedisAsync();
        var settings = new Dictionary<string, string?> { [key] = value, ["Database:InitializeOnStartup"] = "false" };

        // WebApplicationFactory sometimes reports a failed start as "disposed IServiceProvider" (its deferred host
        // races the entry point's shutdown); the start failed either way, so look again for the message.
        var message = "";
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await using var factory = new WishApiFactory(redis.ConnectionString, settings);
            message = Flatten(Assert.Catch(() => factory.CreateClient()));
            if (!message.Contains("disposed object", StringComparison.Ordinal)) break;
        }

        Assert.That(message, Does.Contain(expected));
    }

    private static string Flatten(Exception? error)
    {
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate) messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
        }
        return string.Join(" | ", messages);
    }
}
