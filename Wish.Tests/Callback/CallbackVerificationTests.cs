using System.Net;
using System.Text;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.WeChat.Crypto;

namespace WeChatWish.Tests.Callback;

public sealed class CallbackVerificationTests : CallbackTestBase
{
    private static string Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();

    [Test]
    public async Task UrlVerificationAnswersEchostrAsPlainText()
    {
        var timestamp = Now;
        var signature = WeChatSignature.ComputeUrlSignature(TestWeChat.Token, timestamp, "42");

        var response = await WeChat.GetAsync($"/wechat?signature={signature}&timestamp={timestamp}&nonce=42&echostr=hello123");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("hello123"));
    }

    [Test]
    public async Task UrlVerificationWithWrongSignatureIsRefused()
    {
        var timestamp = Now;
        var signature = WeChatSignature.ComputeUrlSignature("other-token", timestamp, "42");

        var response = await WeChat.GetAsync($"/wechat?signature={signature}&timestamp={timestamp}&nonce=42&echostr=hello123");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("hello123"));
    }

    [Test]
    public async Task UrlVerificationWithAStaleTimestampIsRefused()
    {
        var timestamp = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString();
        var signature = WeChatSignature.ComputeUrlSignature(TestWeChat.Token, timestamp, "42");

        var response = await WeChat.GetAsync($"/wechat?signature={signature}&timestamp={timestamp}&nonce=42&echostr=hello123");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("stale timestamp"));
    }

    /// <summary>
    /// A captured push, correctly signed, replayed after the deduplication window has forgotten its id: refused by its age.
    /// Timestamps within five minutes either side (clock drift between WeChat and this server) are still taken.
    /// </summary>
    [TestCase(-6 * 60, HttpStatusCode.Unauthorized)]
    [TestCase(+6 * 60, HttpStatusCode.Unauthorized)]
    [TestCase(-4 * 60, HttpStatusCode.OK)]
    [TestCase(+4 * 60, HttpStatusCode.OK)]
    public async Task PushesAreTakenOnlyWithinFiveMinutesOfTheServersClock(int offsetSeconds, HttpStatusCode expected)
    {
        var request = WeChatPush.Request(WeChatPush.TextXml("o_user", "心愿"), WeChatPush.Mode.Safe, at: DateTimeOffset.UtcNow.AddSeconds(offsetSeconds));

        var response = await WeChat.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(Handler.Calls, Has.Count.EqualTo(expected == HttpStatusCode.OK ? 1 : 0));
        if (expected != HttpStatusCode.OK) Assert.That(await RedisKeyCountAsync(), Is.Zero, "a refused push writes nothing");
    }

    [TestCase("17900000OO")]
    [TestCase("99999999999999999999")]
    [TestCase("-1")]
    public async Task ASignedTimestampThatIsNotATimeIsRefusedNotAnError(string timestamp)
    {
        var request = WeChatPush.Request(WeChatPush.TextXml("o_user", "心愿"), WeChatPush.Mode.Safe, timestampOverride: timestamp);

        var response = await WeChat.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Handler.Calls, Is.Empty);
    }

    [Test]
    public async Task PushSignedWithAnotherTokenIsRefusedWithoutProcessing(
        [Values] WeChatPush.Mode mode)
    {
        var response = await WeChat.SendAsync(WeChatPush.Request(WeChatPush.TextXml("o_user", "心愿"), mode, token: "forged"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Handler.Calls, Is.Empty);
        Assert.That(await RedisKeyCountAsync(), Is.Zero);
    }

    [Test]
    public async Task SafeModePushWithForgedMsgSignatureIsRefused()
    {
        var request = WeChatPush.Request(WeChatPush.TextXml("o_user", "心愿"), WeChatPush.Mode.Safe);
        var url = request.RequestUri!.OriginalString;
        request.RequestUri = new Uri(url[..url.IndexOf("&msg_signature=", StringComparison.Ordinal)] + "&msg_signature=" + new string('0', 40), UriKind.Relative);

        var response = await WeChat.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Handler.Calls, Is.Empty);
    }

    [Test]
    public async Task TamperedCiphertextIsRefused()
    {
        var encrypt = WeChatPush.Crypto.Encrypt(WeChatPush.TextXml("o_user", "心愿"));
        var bytes = Convert.FromBase64String(encrypt);
        bytes[^5] ^= 0x5A;
        var tampered = Convert.ToBase64String(bytes);

        var response = await WeChat.SendAsync(WeChatPush.Request("<xml/>", WeChatPush.Mode.Safe, encryptOverride: tampered));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Handler.Calls, Is.Empty);
        Assert.That(await RedisKeyCountAsync(), Is.Zero);
    }

    [Test]
    public async Task MessageEncryptedForAnotherAppIsRefused()
    {
        var otherApp = new WeChatMessageCrypto(TestWeChat.Token, TestWeChat.EncodingAesKey, "wx0000000000000000");

        var response = await WeChat.SendAsync(WeChatPush.Request(WeChatPush.TextXml("o_user", "心愿"), WeChatPush.Mode.Safe, crypto: otherApp));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Handler.Calls, Is.Empty);
    }

    [TestCase("<!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>a</ToUserName><FromUserName>b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>")]
    [TestCase("<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><xml><Content>&lol3;</Content></xml>")]
    [TestCase("<xml><ToUserName>unterminated")]
    [TestCase("not xml at all")]
    public async Task HostileOrMalformedBodyIsRefusedWithoutProcessing(string body)
    {
        foreach (var mode in new[] { WeChatPush.Mode.Plaintext, WeChatPush.Mode.Safe })
        {
            var response = await WeChat.SendAsync(WeChatPush.Request(body, mode));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), mode.ToString());
        }
        Assert.That(Handler.Calls, Is.Empty);
        Assert.That(await RedisKeyCountAsync(), Is.Zero);
    }

    [Test]
    public async Task OneMegabyteBodyIsRefused()
    {
        var huge = WeChatPush.TextXml("o_user", new string('愿', 350_000));
        Assert.That(Encoding.UTF8.GetByteCount(huge), Is.GreaterThan(1_000_000));

        var response = await WeChat.SendAsync(WeChatPush.Request(huge, WeChatPush.Mode.Plaintext));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Handler.Calls, Is.Empty);
    }
}
