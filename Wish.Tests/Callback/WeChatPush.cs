using System.Security.Cryptography;
using System.Text;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.WeChat.Crypto;

namespace WeChatWish.Tests.Callback;

/// <summary>Builds signed pushes the way WeChat's servers send them, in the three modes.</summary>
public sealed class WeChatPush
{
    public enum Mode { Plaintext, Compatible, Safe }

    public static readonly WeChatMessageCrypto Crypto = new(TestWeChat.Token, TestWeChat.EncodingAesKey, TestWeChat.AppId);
    private static long _nextMsgId = 7_000_000_000_000_000_000;

    public static long NextMsgId() => Interlocked.Increment(ref _nextMsgId);

    public static string TextXml(string from, string content, long? msgId = null, long createTime = 1_790_000_000) =>
        $"<xml><ToUserName><![CDATA[gh_wish]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>" +
        $"<CreateTime>{createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>" +
        $"<MsgId>{msgId ?? NextMsgId()}</MsgId></xml>";

    public static string EventXml(string from, string eventName, long createTime, string? eventKey = null) =>
        $"<xml><ToUserName><![CDATA[gh_wish]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>" +
        $"<CreateTime>{createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{eventName}]]></Event>" +
        (eventKey is null ? "" : $"<EventKey><![CDATA[{eventKey}]]></EventKey>") + "</xml>";

    /// <summary>
    /// A POST to /wechat carrying <paramref name="xml"/>, signed with the test account's token and stamped with the time
    /// <paramref name="at"/> (now by default; a host on a fake clock needs that clock's now, or the push is refused as stale).
    /// </summary>
    public static HttpRequestMessage Request(string xml, Mode mode, string? token = null, WeChatMessageCrypto? crypto = null, string? encryptOverride = null,
        DateTimeOffset? at = null, string? timestampOverride = null)
    {
        token ??= TestWeChat.Token;
        var timestamp = timestampOverride ?? (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString();
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString();
        var signature = WeChatSignature.ComputeUrlSignature(token, timestamp, nonce);
        var url = $"/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid=o_test";
        string body = xml;
        if (mode != Mode.Plaintext)
        {
            var encrypt = encryptOverride ?? (crypto ?? Crypto).Encrypt(xml);
            var msgSignature = WeChatSignature.ComputeMessageSignature(token, timestamp, nonce, encrypt);
            url += $"&encrypt_type=aes&msg_signature={msgSignature}";
            var plainFields = mode == Mode.Compatible ? xml.Replace("<xml>", "").Replace("</xml>", "") : "<ToUserName><![CDATA[gh_wish]]></ToUserName>";
            body = $"<xml>{plainFields}<Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        }
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "text/xml") };
    }

    /// <summary>The plaintext of a reply: verifies and decrypts the safe-mode envelope when there is one.</summary>
    public static string ReadReply(string body, string nonceFromRequestUrl)
    {
        if (!body.Contains("<Encrypt>", StringComparison.Ordinal)) return body;
        var envelope = System.Xml.Linq.XElement.Parse(body);
        var encrypt = envelope.Element("Encrypt")!.Value;
        var msgSignature = envelope.Element("MsgSignature")!.Value;
        var timestamp = envelope.Element("TimeStamp")!.Value;
        var nonce = envelope.Element("Nonce")!.Value;
        Assert.That(nonce, Is.EqualTo(nonceFromRequestUrl), "the encrypted reply echoes the request's nonce");
        return Crypto.VerifyAndDecrypt(msgSignature, timestamp, nonce, encrypt);
    }

    public static string NonceOf(HttpRequestMessage request) =>
        System.Web.HttpUtility.ParseQueryString(request.RequestUri!.OriginalString.Split('?', 2)[1])["nonce"]!;
}
