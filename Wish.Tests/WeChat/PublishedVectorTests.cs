using System.Text;
using System.Xml.Linq;
using WeChatWish.WeChat.Crypto;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Tests.WeChat;

/// <summary>Pins the protocol to the published vectors in wechat-vectors.json (sources inside the file).</summary>
public sealed class PublishedVectorTests
{
    private static IEnumerable<TestCaseData> UrlSignatureVectors() =>
        WeChatVectors.With("expected_signature").Concat(WeChatVectors.With("signature"));

    private static IEnumerable<TestCaseData> DecryptVectors() => WeChatVectors.With("encrypt", "msg_signature", "expected_plaintext", "random16");

    private static IEnumerable<TestCaseData> EncryptVectors() => WeChatVectors.With("plaintext", "random16", "expected_encrypt");

    private static IEnumerable<TestCaseData> ReplyVectors() => WeChatVectors.With("reply_plaintext", "reply_encrypt", "reply_msg_signature");

    [Test]
    public void EveryVectorInTheFileIsCoveredByAtLeastOneTest()
    {
        var covered = UrlSignatureVectors().Concat(DecryptVectors()).Concat(EncryptVectors()).Concat(ReplyVectors())
            .Select(c => ((WeChatVector)c.Arguments[0]!).Id).ToHashSet();

        Assert.That(WeChatVectors.All.Select(v => v.Id), Is.EquivalentTo(covered));
        Assert.That(WeChatVectors.All.Select(v => v.Source), Has.None.Empty);
    }

    [TestCaseSource(nameof(UrlSignatureVectors))]
    public void UrlSignatureMatchesThePublishedValue(WeChatVector v)
    {
        var expected = v.Has("expected_signature") ? v.Get("expected_signature") : v.Get("signature");

        Assert.That(WeChatSignature.ComputeUrlSignature(v.Get("token"), v.Get("timestamp"), v.Get("nonce")), Is.EqualTo(expected));
        Assert.That(WeChatSignature.VerifyUrlSignature(v.Get("token"), v.Get("timestamp"), v.Get("nonce"), expected), Is.True);
        Assert.That(WeChatSignature.VerifyUrlSignature(v.Get("token"), v.Get("timestamp"), v.Get("nonce"), expected.ToUpperInvariant()), Is.True);
        Assert.That(WeChatSignature.VerifyUrlSignature(v.Get("token"), v.Get("timestamp") + "1", v.Get("nonce"), expected), Is.False);
    }

    [TestCaseSource(nameof(DecryptVectors))]
    public void PublishedMessageVerifiesAndDecryptsToThePublishedPlaintext(WeChatVector v)
    {
        var crypto = new WeChatMessageCrypto(v.Get("token"), v.Get("encodingAESKey"), v.Get("appid"));

        var plaintext = crypto.VerifyAndDecrypt(v.Get("msg_signature"), v.Get("timestamp"), v.Get("nonce"), v.Get("encrypt"));

        Assert.That(plaintext, Is.EqualTo(v.Get("expected_plaintext")));
        if (v.Has("msg_len")) Assert.That(Encoding.UTF8.GetByteCount(plaintext), Is.EqualTo(int.Parse(v.Get("msg_len"))));
        Assert.That(WeChatSignature.ComputeMessageSignature(v.Get("token"), v.Get("timestamp"), v.Get("nonce"), v.Get("encrypt")),
            Is.EqualTo(v.Get("msg_signature")));
    }

    [TestCaseSource(nameof(DecryptVectors))]
    public void EncryptingThePublishedPlaintextWithItsRandomPrefixReproducesTheCiphertext(WeChatVector v)
    {
        var crypto = new WeChatMessageCrypto(v.Get("token"), v.Get("encodingAESKey"), v.Get("appid"));

        Assert.That(crypto.Encrypt(v.Get("expected_plaintext"), v.Ascii("random16")), Is.EqualTo(v.Get("encrypt")));
    }

    [TestCaseSource(nameof(DecryptVectors))]
    public void DecryptedPublishedMessageParsesWithItsCommonFields(WeChatVector v)
    {
        var expected = XElement.Parse(v.Get("expected_plaintext"));

        var message = WeChatMessageParser.Parse(v.Get("expected_plaintext"));

        Assert.That(message.FromUserName, Is.EqualTo((string?)expected.Element("FromUserName")));
        Assert.That(message.MsgType, Is.EqualTo((string?)expected.Element("MsgType")));
        Assert.That(message.CreateTime.ToUnixTimeSeconds(), Is.EqualTo((long?)expected.Element("CreateTime")));
        Assert.That(message.MsgId, Is.EqualTo((long?)expected.Element("MsgId")));
    }

    [TestCaseSource(nameof(EncryptVectors))]
    public void EncryptingWithAFixedRandomPrefixReproducesThePublishedCiphertext(WeChatVector v)
    {
        var crypto = new WeChatMessageCrypto(v.Get("token"), v.Get("encodingAESKey"), v.Get("appid"));

        var encrypt = crypto.Encrypt(v.Get("plaintext"), v.Ascii("random16"));

        Assert.That(encrypt, Is.EqualTo(v.Get("expected_encrypt")));
        Assert.That(crypto.Decrypt(encrypt), Is.EqualTo(v.Get("plaintext")));
        Assert.That(WeChatSignature.ComputeMessageSignature(v.Get("token"), "1409304348", "xxxxxx", encrypt),
            Is.EqualTo(v.Get("derived_msg_signature_ts1409304348_nonce_xxxxxx")));
    }

    [TestCaseSource(nameof(ReplyVectors))]
    public void EncryptedReplyEnvelopeCarriesThePublishedCiphertextAndSignature(WeChatVector v)
    {
        var crypto = new WeChatMessageCrypto(v.Get("token"), v.Get("encodingAESKey"), v.Get("appid"));

        var xml = crypto.BuildEncryptedReplyXml(v.Get("reply_plaintext"), v.Get("reply_nonce"),
            long.Parse(v.Get("reply_timestamp")), v.Ascii("reply_random16"));

        var envelope = XElement.Parse(xml);
        Assert.That((string?)envelope.Element("Encrypt"), Is.EqualTo(v.Get("reply_encrypt")));
        Assert.That((string?)envelope.Element("MsgSignature"), Is.EqualTo(v.Get("reply_msg_signature")));
        Assert.That((string?)envelope.Element("TimeStamp"), Is.EqualTo(v.Get("reply_timestamp")));
        Assert.That((string?)envelope.Element("Nonce"), Is.EqualTo(v.Get("reply_nonce")));
        Assert.That(crypto.VerifyAndDecrypt(v.Get("reply_msg_signature"), v.Get("reply_timestamp"), v.Get("reply_nonce"), v.Get("reply_encrypt")),
            Is.EqualTo(v.Get("reply_plaintext")));
    }
}
