using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Callback;

[TestFixture(RedisTopology.Single)]
[TestFixture(RedisTopology.Cluster)]
public sealed class CallbackMessageTests(RedisTopology topology) : CallbackTestBase(topology)
{
    [Test]
    public async Task TextMessageIsAnsweredInTheModeItCameIn([Values] WeChatPush.Mode mode)
    {
        var request = WeChatPush.Request(WeChatPush.TextXml("o_user", "想要一个书包"), mode);
        var nonce = WeChatPush.NonceOf(request);

        var response = await WeChat.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.Contains("<Encrypt>", StringComparison.Ordinal), Is.EqualTo(mode != WeChatPush.Mode.Plaintext));
        var reply = XElement.Parse(WeChatPush.ReadReply(body, nonce));
        Assert.Multiple(() =>
        {
            Assert.That(reply.Element("ToUserName")!.Value, Is.EqualTo("o_user"));
            Assert.That(reply.Element("FromUserName")!.Value, Is.EqualTo("gh_wish"));
            Assert.That(reply.Element("MsgType")!.Value, Is.EqualTo("text"));
            Assert.That(reply.Element("Content")!.Value, Is.EqualTo("收到第1条：想要一个书包"));
        });
        Assert.That(Handler.Calls, Has.Count.EqualTo(1));
    }

    [TestCase("rot13")]
    [TestCase("AES256")]
    public async Task AnUnknownEncryptTypeIsRefusedNotTakenForPlaintext(string scheme)
    {
        var request = WeChatPush.Request(WeChatPush.TextXml("o_user", "想要一个书包"), WeChatPush.Mode.Plaintext);
        request.RequestUri = new Uri(request.RequestUri!.OriginalString + "&encrypt_type=" + scheme, UriKind.Relative);

        var response = await WeChat.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("unsupported encrypt_type"));
        Assert.That(Handler.Calls, Is.Empty, "nothing was acted on");
    }

    [Test]
    public async Task SameMessagePostedFourTimesConcurrentlyHasOneEffectAndOneReply()
    {
        var xml = WeChatPush.TextXml("o_user", "心愿 书包 80元");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            var request = WeChatPush.Request(xml, WeChatPush.Mode.Safe);
            var response = await WeChat.SendAsync(request);
            return WeChatPush.ReadReply(await response.Content.ReadAsStringAsync(), WeChatPush.NonceOf(request));
        }));

        Assert.That(Handler.Calls, Has.Count.EqualTo(1));
        var contents = responses.Select(r => XElement.Parse(r).Element("Content")!.Value).Distinct().ToList();
        Assert.That(contents, Is.EqualTo(new[] { "收到第1条：心愿 书包 80元" }));
    }

    [Test]
    public async Task SlowHandlerGetsSuccessInTimeAndTheRetryGetsItsReply()
    {
        Handler.Delay = ReplyTimeout * 2;
        var xml = WeChatPush.TextXml("o_user", "慢一点");

        var watch = Stopwatch.StartNew();
        var first = await WeChat.SendAsync(WeChatPush.Request(xml, WeChatPush.Mode.Plaintext));
        var firstElapsed = watch.Elapsed;
        await Task.Delay(ReplyTimeout * 2);
        var retry = await WeChat.SendAsync(WeChatPush.Request(xml, WeChatPush.Mode.Plaintext));

        Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo("success"));
        Assert.That(firstElapsed, Is.LessThan(Handler.Delay), "answered before the handler finished");
        Assert.That(XElement.Parse(await retry.Content.ReadAsStringAsync()).Element("Content")!.Value, Is.EqualTo("收到第1条：慢一点"));
        Assert.That(Handler.Calls, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task HandlerFailureAnswersSuccessNeverAServerError()
    {
        Handler.Throw = true;

        var response = await WeChat.SendAsync(WeChatPush.Request(WeChatPush.TextXml("o_user", "心愿"), WeChatPush.Mode.Safe));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("success"));
    }

    [Test]
    public async Task EventsAreDeduplicatedBySenderTimeAndEvent()
    {
        var subscribe = WeChatPush.EventXml("o_new", "subscribe", 1_790_000_100, "qrscene_district_gulou");
        var later = WeChatPush.EventXml("o_new", "subscribe", 1_790_000_200);

        await WeChat.SendAsync(WeChatPush.Request(subscribe, WeChatPush.Mode.Safe));
        await WeChat.SendAsync(WeChatPush.Request(subscribe, WeChatPush.Mode.Safe));
        await WeChat.SendAsync(WeChatPush.Request(later, WeChatPush.Mode.Safe));

        Assert.That(Handler.Calls.Select(c => c.CreateTime.ToUnixTimeSeconds()), Is.EqualTo(new long[] { 1_790_000_100, 1_790_000_200 }));
    }

    [Test]
    public async Task MessagesAreStillHandledWhileRedisIsDown()
    {
        var redis = Redis;
        await redis.StopAsync();
        try
        {
            var response = await WeChat.SendAsync(WeChatPush.Request(WeChatPush.TextXml("o_user", "还在吗"), WeChatPush.Mode.Safe));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Handler.Calls, Has.Count.EqualTo(1));
        }
        finally
        {
            await redis.RestartAsync();
        }
    }
}
