using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Fakes;
using WeChatWish.WeChat;
using static WeChatWish.Tests.WeChat.WeChatTestSettings;

namespace WeChatWish.Tests.WeChat;

[TestFixture(RedisTopology.Single)]
[TestFixture(RedisTopology.Cluster)]
public sealed class AccessTokenInvalidationTests(RedisTopology topology) : WeChatTestBase(topology)
{
    private static TemplateMessage Message(string openId = "o_follower") =>
        new(openId, "TEMPLATE_VERIFIED", new Dictionary<string, string> { ["thing1"] = "书包" });

    [Test]
    public async Task InvalidatingTheCurrentTokenMakesEveryHostUseANewOne()
    {
        var first = await StartHostAsync();
        var second = await StartHostAsync();
        var failing = (await first.Tokens.GetTokenAsync(OfficialAccountAppId)).Value!.Value;

        await first.Tokens.InvalidateAsync(OfficialAccountAppId, failing);
        var next = await second.Tokens.GetTokenAsync(OfficialAccountAppId);

        Assert.That(next.Value?.Value, Is.Not.EqualTo(failing));
        Assert.That(TokenCalls, Is.EqualTo(2));
    }

    [Test]
    public async Task InvalidatingAnOlderTokenKeepsTheNewerOne()
    {
        var slow = await StartHostAsync();
        var quick = await StartHostAsync();
        var old = (await slow.Tokens.GetTokenAsync(OfficialAccountAppId)).Value!.Value;
        await quick.Tokens.InvalidateAsync(OfficialAccountAppId, old);
        var newer = (await quick.Tokens.GetTokenAsync(OfficialAccountAppId)).Value!.Value;

        // The slow host learns of the old token's failure only now.
        await slow.Tokens.InvalidateAsync(OfficialAccountAppId, old);
        var afterwards = await slow.Tokens.GetTokenAsync(OfficialAccountAppId);

        Assert.That(afterwards.Value?.Value, Is.EqualTo(newer));
        Assert.That(TokenCalls, Is.EqualTo(2));
    }

    [TestCase(40001)]
    [TestCase(42001)]
    [TestCase(40014)]
    public async Task RejectedTokenMidCallIsRefreshedOnceAndTheCallRetriedOnce(int errCode)
    {
        var host = await StartHostAsync();
        var other = await StartHostAsync();
        var stale = (await host.Tokens.GetTokenAsync(OfficialAccountAppId)).Value!.Value;
        Api.ExpireIssuedTokens(errCode);

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Message());

        Assert.That(result.IsSuccess, Is.True, result.ToString());
        var sends = Api.CallsTo(FakeWeChatApi.TemplateSend);
        Assert.That(sends, Has.Count.EqualTo(2));
        Assert.That(sends[0].QueryValue("access_token"), Is.EqualTo(stale));
        Assert.That(sends[1].QueryValue("access_token"), Is.Not.EqualTo(stale));
        Assert.That(TokenCalls, Is.EqualTo(2));
        Assert.That((await other.Tokens.GetTokenAsync(OfficialAccountAppId)).Value?.Value, Is.EqualTo(sends[1].QueryValue("access_token")));
        Assert.That(TokenCalls, Is.EqualTo(2), "the other host reads the refreshed token from Redis");
    }

    [Test]
    public async Task TokenRejectedTwiceIsReportedAfterOneRetryInsteadOfLooping()
    {
        var host = await StartHostAsync();
        Api.FailNext(FakeWeChatApi.TemplateSend, 40001, times: 10);

        var result = await host.OfficialAccount.SendTemplateMessageAsync(Message());

        Assert.That(result.Error?.Kind, Is.EqualTo(WeChatErrorKind.InvalidToken));
        Assert.That(Api.CallsTo(FakeWeChatApi.TemplateSend), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ExpiredTokenSeenByThreeHostsAtOnceIsRefreshedOnce()
    {
        var hosts = new[] { await StartHostAsync(), await StartHostAsync(), await StartHostAsync() };
        await hosts[0].Tokens.GetTokenAsync(OfficialAccountAppId);
        Api.ExpireIssuedTokens();
        Api.Delay(FakeWeChatApi.Token, TimeSpan.FromMilliseconds(200));

        var sends = hosts.SelectMany(h => Enumerable.Range(0, 5).Select(i => h.OfficialAccount.SendTemplateMessageAsync(Message($"o_{i}"))));
        var results = await Task.WhenAll(sends);

        Assert.That(results.All(r => r.IsSuccess), Is.True, string.Join(", ", results.Select(r => r.ToString())));
        Assert.That(TokenCalls, Is.EqualTo(2));
    }
}
