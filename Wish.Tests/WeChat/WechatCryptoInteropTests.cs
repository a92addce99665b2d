using System.Text.Json;
using System.Xml.Linq;
using WeChatWish.WeChat.Crypto;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Tests.WeChat;

/// <summary>Our crypto against npm wechat-crypto 0.0.2, an independent implementation of the same protocol.</summary>
public sealed class WechatCryptoInteropTests
{
    private sealed record Case(string Token, string Key, string AppId, string Timestamp, string Nonce, string Body);

    private static List<Case> Cases(int seed, int count)
    {
        var random = new Random(seed);
        var cases = new List<Case>();
        for (var i = 0; i < count; i++)
        {
            var appId = "wx" + RandomText.Token(random, 16, 16).ToLowerInvariant();
            // Every fourth body fills whole 32-byte blocks, so a full pad block crosses the boundary too.
            var body = i % 4 == 3 ? new string('x', 64 - 20 - appId.Length) : RandomText.Unicode(random, 300);
            cases.Add(new Case(RandomText.Token(random), RandomText.EncodingAesKey(random), appId,
                RandomText.Digits(random, 10), RandomText.Token(random, 6, 12), body));
        }
        return cases;
    }

    [Test]
    public async Task MessagesEncryptedByWechatCryptoVerifyAndDecryptWithOurs()
    {
        var cases = Cases(RandomText.Seed, 200);

        var answers = await WechatCryptoOracle.RunAsync(cases.Select(c => (object)new
        {
            op = "encrypt", token = c.Token, encodingAESKey = c.Key, appid = c.AppId, timestamp = c.Timestamp, nonce = c.Nonce, message = c.Body,
        }).ToList());

        for (var i = 0; i < cases.Count; i++)
        {
            var (c, answer) = (cases[i], answers[i]);
            var ours = new WeChatMessageCrypto(c.Token, c.Key, c.AppId);
            var decrypted = ours.VerifyAndDecrypt(Get(answer, "msg_signature"), c.Timestamp, c.Nonce, Get(answer, "encrypt"));
            Assert.That(decrypted, Is.EqualTo(c.Body), $"case {i}");
        }
    }

    [Test]
    public async Task RepliesWeEncryptDecryptAndVerifyWithWechatCrypto()
    {
        var cases = Cases(RandomText.Seed + 1, 200);
        var sent = cases.Select(EncryptReply).ToList();

        var answers = await WechatCryptoOracle.RunAsync(cases.Select((c, i) => (object)new
        {
            op = "decrypt", token = c.Token, encodingAESKey = c.Key, appid = c.AppId,
            timestamp = (string)sent[i].Envelope.Element("TimeStamp")!, nonce = (string)sent[i].Envelope.Element("Nonce")!,
            encrypt = (string)sent[i].Envelope.Element("Encrypt")!,
        }).ToList());

        for (var i = 0; i < cases.Count; i++)
        {
            var (c, (plaintext, envelope), answer) = (cases[i], sent[i], answers[i]);
            Assert.That(Get(answer, "message"), Is.EqualTo(plaintext), $"case {i}");
            Assert.That(Get(answer, "appid"), Is.EqualTo(c.AppId), $"case {i}");
            Assert.That(Get(answer, "msg_signature"), Is.EqualTo((string?)envelope.Element("MsgSignature")), $"case {i}");
            Assert.That((string?)envelope.Element("Nonce"), Is.EqualTo(c.Nonce), $"case {i}");
        }
    }

    /// <summary>Half go through the reply builder the host uses, the rest encrypt the raw body as it is.</summary>
    private static (string Plaintext, XElement Envelope) EncryptReply(Case c, int index)
    {
        var ours = new WeChatMessageCrypto(c.Token, c.Key, c.AppId);
        var reply = WeChatReply.Text("oUser", "gh_account", c.Body, DateTimeOffset.UnixEpoch);
        return index % 2 == 0 && !reply.IsSuccess
            ? (reply.Body, XElement.Parse(ours.EncryptReply(reply, c.Nonce, TimeProvider.System).Body))
            : (c.Body, XElement.Parse(ours.BuildEncryptedReplyXml(c.Body, c.Nonce, long.Parse(c.Timestamp))));
    }

    private static string Get(JsonElement answer, string name) => answer.GetProperty(name).GetString()!;
}
