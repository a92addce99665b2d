using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Fakes;
using static WeChatWish.Tests.WeChat.WeChatTestSettings;
using WeChatWish.WeChat;

namespace WeChatWish.Tests.WeChat;

[TestFixture(RedisTopology.Single)]
[TestFixture(RedisTopology.Cluster)]
public sealed class AccessTokenSharingTests(RedisTopology topology) : WeChatTestBase(topology)
{
    [Test]
    public async Task TokenFetchedByOneHostIsServedToAnotherWithoutFetchingAgain()
    {
        var first = await StartHostAsync();
        var second = await StartHostAsync();

        var fromFirst = await first.Tokens.GetTokenAsync(OfficialAccountAppId);
        var fromSecond = await second.Tokens.GetTokenAsync(OfficialAccountAppId);

        Assert.That(fromFirst.IsSuccess, Is.True, fromFirst.ToString());
        Assert.That(fromSecond.Value?.Value, Is.EqualTo(fromFirst.Value!.Value));
        Assert.That(TokenCalls, Is.EqualTo(1));
        Assert.That(Api.CallsTo(FakeWeChatApi.Token)[0].QueryValue("appid"), Is.EqualTo(OfficialAccountAppId));
    }

    [Test]
    public async Task EachAppGetsItsOwnToken()
    {
        var host = await StartHostAsync();

        var officialAccount = await host.Tokens.GetTokenAsync(OfficialAccountAppId);
        var miniProgram = await host.Tokens.GetTokenAsync(MiniProgramAppId);

        Assert.That(miniProgram.Value?.Value, Is.Not.EqualTo(officialAccount.Value?.Value));
        Assert.That(Api.CallsTo(FakeWeChatApi.Token).Select(c => c.QueryValue("appid")),
            Is.EquivalentTo(new[] { OfficialAccountAppId, MiniProgramAppId }));
    }

    [Test]
    public async Task ThreeHostsWithFiftyCallersEachAtExpiryFetchExactlyOnce()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync(), await StartHostAsync() };
        var expired = await hosts[0].Tokens.GetTokenAsync(OfficialAccountAppId);
        Time.Advance(TimeSpan.FromSeconds(7200));
        // A slow WeChat keeps every caller waiting on the one refresh in flight.
        Api.Delay(FakeWeChatApi.Token, TimeSpan.FromMilliseconds(300));

        var results = await CallAllAtOnceAsync(hosts, callersPerHost: 50);

        Assert.That(TokenCalls, Is.EqualTo(2), "one fetch before expiry, exactly one after");
        Assert.That(results.All(r => r.IsSuccess), Is.True);
        Assert.That(results.Select(r => r.Value!.Value).Distinct().Single(), Is.Not.EqualTo(expired.Value!.Value));
    }

    [Test]
    public async Task ThreeHostsWithFiftyCallersEachOnAnEmptyRedisFetchExactlyOnce()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync(), await StartHostAsync() };
        Api.Delay(FakeWeChatApi.Token, TimeSpan.FromMilliseconds(300));

        var results = await CallAllAtOnceAsync(hosts, callersPerHost: 50);

        Assert.That(TokenCalls, Is.EqualTo(1));
        Assert.That(results.Select(r => r.Value?.Value).Distinct().Single(), Is.EqualTo(Api.IssuedTokens.Single()));
    }

    [Test]
    public async Task TokenIsRefreshedOnlyOnceInsideTheTenMinuteMargin()
    {
        var first = await StartHostAsync();
        var second = await StartHostAsync();
        var original = await first.Tokens.GetTokenAsync(OfficialAccountAppId);

        Time.Advance(TimeSpan.FromSeconds(7200 - 11 * 60));
        var beforeMargin = await first.Tokens.GetTokenAsync(OfficialAccountAppId);
        Assert.That(beforeMargin.Value?.Value, Is.EqualTo(original.Value!.Value));
        Assert.That(TokenCalls, Is.EqualTo(1));

        Time.Advance(TimeSpan.FromMinutes(2));
        var insideMargin = await first.Tokens.GetTokenAsync(OfficialAccountAppId);
        var onOtherHost = await second.Tokens.GetTokenAsync(OfficialAccountAppId);

        Assert.That(insideMargin.Value?.Value, Is.Not.EqualTo(original.Value.Value));
        Assert.That(onOtherHost.Value?.Value, Is.EqualTo(insideMargin.Value?.Value));
        Assert.That(TokenCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task FailedEarlyRefreshKeepsServingTheTokenThatStillWorks()
    {
        var host = await StartHostAsync();
        var original = await host.Tokens.GetTokenAsync(OfficialAccountAppId);
        Time.Advance(TimeSpan.FromSeconds(7200 - 5 * 60));
        Api.FailNext(FakeWeChatApi.Token, 45009, times: 5);

        var during = await host.Tokens.GetTokenAsync(OfficialAccountAppId);

        Assert.That(during.Value?.Value, Is.EqualTo(original.Value!.Value));
        Assert.That(TokenCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task TokenThatArrivesInsideTheMarginIsRefreshedHalfwayRatherThanOnEveryCall()
    {
        var host = await StartHostAsync();
        Api.TokenExpiresIn = 400;

        for (var i = 0; i < 10; i++) await host.Tokens.GetTokenAsync(OfficialAccountAppId);
        Assert.That(TokenCalls, Is.EqualTo(1));

        Time.Advance(TimeSpan.FromSeconds(201));
        await host.Tokens.GetTokenAsync(OfficialAccountAppId);
        Assert.That(TokenCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task StableTokenSettingUsesTheStableTokenEndpointWithoutForcedRefresh()
    {
        var host = await StartHostAsync(new Dictionary<string, string?> { ["WeChat:UseStableToken"] = "true" });

        var token = await host.Tokens.GetTokenAsync(MiniProgramAppId);

        Assert.That(token.IsSuccess, Is.True, token.ToString());
        Assert.That(TokenCalls, Is.Zero);
        var call = Api.CallsTo(FakeWeChatApi.StableToken).Single();
        var body = call.Json();
        Assert.That(body.GetProperty("grant_type").GetString(), Is.EqualTo("client_credential"));
        Assert.That(body.GetProperty("appid").GetString(), Is.EqualTo(MiniProgramAppId));
        Assert.That(body.GetProperty("secret").GetString(), Is.EqualTo(MiniProgramSecret));
        Assert.That(body.GetProperty("force_refresh").GetBoolean(), Is.False);
    }

    [Test]
    public void UnknownAppIdIsAProgrammingError()
    {
        Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            var host = await StartHostAsync();
            await host.Tokens.GetTokenAsync("wx_somebody_else");
        });
    }

    private static async Task<WeChatResult<AccessToken>[]> CallAllAtOnceAsync(
        WeChatTestHost[] hosts, int callersPerHost)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var callers = hosts.SelectMany(host => Enumerable.Range(0, callersPerHost).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await host.Tokens.GetTokenAsync(OfficialAccountAppId);
        }))).ToList();
        go.SetResult();
        return await Task.WhenAll(callers);
    }
}
