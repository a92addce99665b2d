using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.WeChat;
using WeChatWish.WeChat.Crypto;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Tests.WeChat;

public sealed class WeChatMessageCryptoTests
{
    private const string Token = "WishToken";
    private const string AppId = "wx0123456789abcdef";
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

    [Test]
    public void RandomUnicodeBodiesRoundTripUnderManyRandomKeys()
    {
        var random = new Random(RandomText.Seed);
        for (var i = 0; i < 300; i++)
        {
            var crypto = new WeChatMessageCrypto(RandomText.Token(random), RandomText.EncodingAesKey(random), "wx" + RandomText.Token(random, 16, 16));
            var body = RandomText.Unicode(random, 400);

            Assert.That(crypto.Decrypt(crypto.Encrypt(body)), Is.EqualTo(body), $"iteration {i}");
        }
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("\n")]
    [TestCase("😀")]
    [TestCase("微心愿")]
    public void EmptyishAndShortBodiesRoundTrip(string body)
    {
        var crypto = new WeChatMessageCrypto(Token, Key, AppId);

        Assert.That(crypto.Decrypt(crypto.Encrypt(body)), Is.EqualTo(body));
    }

    [Test]
    public void FrameFillingWholeBlocksGetsAFullThirtyTwoBytePadBlock()
    {
        var crypto = new WeChatMessageCrypto(Token, Key, AppId);
        var body = new string('x', 64 - 20 - AppId.Length);

        var ciphertext = Convert.FromBase64String(crypto.Encrypt(body));

        Assert.That(ciphertext, Has.Length.EqualTo(96));
        Assert.That(CryptoFrames.RawDecrypt(Key, ciphertext)[64..], Is.All.EqualTo((byte)32));
        Assert.That(crypto.Decrypt(Convert.ToBase64String(ciphertext)), Is.EqualTo(body));
    }

    [Test]
    public void EachEncryptionUsesAFreshRandomPrefix()
    {
        var crypto = new WeChatMessageCrypto(Token, Key, AppId);

        var first = crypto.Encrypt("<xml/>");
        var second = crypto.Encrypt("<xml/>");

        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void RandomPrefixOfTheWrongLengthIsRefused()
    {
        var crypto = new WeChatMessageCrypto(Token, Key, AppId);

        Assert.That(() => crypto.Encrypt("<xml/>", new byte[15]), Throws.ArgumentException);
    }

    [Test]
    public void PreviousKeyStillDecryptsAfterRotation()
    {
        var oldKey = RandomText.EncodingAesKey(new Random(1));
        var newKey = RandomText.EncodingAesKey(new Random(2));
        var beforeRotation = new WeChatMessageCrypto(Token, oldKey, AppId);
        var afterRotation = new WeChatMessageCrypto(Token, newKey, AppId, previousEncodingAesKey: oldKey);
        var newOnly = new WeChatMessageCrypto(Token, newKey, AppId);

        var inFlight = beforeRotation.Encrypt("<xml>sent before rotation</xml>");

        Assert.That(afterRotation.Decrypt(inFlight), Is.EqualTo("<xml>sent before rotation</xml>"));
        Assert.That(() => newOnly.Decrypt(inFlight), Throws.TypeOf<WeChatCryptoException>());
    }

    [Test]
    public void PreviousKeyIsNeverUsedToEncrypt()
    {
        var oldKey = RandomText.EncodingAesKey(new Random(1));
        var newKey = RandomText.EncodingAesKey(new Random(2));
        var afterRotation = new WeChatMessageCrypto(Token, newKey, AppId, previousEncodingAesKey: oldKey);

        var reply = afterRotation.Encrypt("<xml>reply</xml>");

        Assert.That(new WeChatMessageCrypto(Token, newKey, AppId).Decrypt(reply), Is.EqualTo("<xml>reply</xml>"));
        Assert.That(() => new WeChatMessageCrypto(Token, oldKey, AppId).Decrypt(reply), Throws.TypeOf<WeChatCryptoException>());
    }

    [Test]
    public void WhenBothKeysFailTheCurrentKeysReasonIsReported()
    {
        var stranger = new WeChatMessageCrypto(Token, RandomText.EncodingAesKey(new Random(3)), AppId);
        var rotated = new WeChatMessageCrypto(Token, Key, AppId, RandomText.EncodingAesKey(new Random(4)));
        var sameKeyOtherApp = new WeChatMessageCrypto(Token, Key, "wxother");

        Assert.That(() => rotated.Decrypt(sameKeyOtherApp.Encrypt("<xml/>")),
            Throws.TypeOf<WeChatCryptoException>().With.Property(nameof(WeChatCryptoException.Reason)).EqualTo(WeChatCryptoError.AppIdMismatch));
        Assert.That(() => rotated.Decrypt(stranger.Encrypt("<xml/>")), Throws.TypeOf<WeChatCryptoException>());
    }

    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", true)]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true)]
    [TestCase("a+b/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true)]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", false)]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH", false)]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF=", false)]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCD EF", false)]
    [TestCase("abcdefghijklmnopqrstuvwxyz0123456789ABCD-EF", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void EncodingAesKeyMustBeFortyThreeBase64Characters(string? key, bool valid)
    {
        Assert.That(WeChatMessageCrypto.IsValidEncodingAesKey(key), Is.EqualTo(valid));
    }

    [Test]
    public void ConstructorRefusesAnInvalidKeyOrMissingSettings()
    {
        Assert.That(() => new WeChatMessageCrypto(Token, "short", AppId), Throws.ArgumentException);
        Assert.That(() => new WeChatMessageCrypto(Token, Key, AppId, previousEncodingAesKey: "short"), Throws.ArgumentException);
        Assert.That(() => new WeChatMessageCrypto("", Key, AppId), Throws.ArgumentException);
        Assert.That(() => new WeChatMessageCrypto(Token, Key, ""), Throws.ArgumentException);
    }

    [Test]
    public void OptionsConstructorUsesTheOfficialAccountSettings()
    {
        var options = new OfficialAccountOptions { Token = Token, EncodingAESKey = Key, AppId = AppId, PreviousEncodingAESKey = "" };

        var crypto = new WeChatMessageCrypto(options);

        Assert.That(new WeChatMessageCrypto(Token, Key, AppId).Decrypt(crypto.Encrypt("<xml/>")), Is.EqualTo("<xml/>"));
    }

    [Test]
    public void EncryptedReplyEnvelopeIsSignedTimestampedAndEchoesTheNonce()
    {
        var crypto = new WeChatMessageCrypto(Token, Key, AppId);
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_715_943_330));
        var reply = WeChatReply.Text("oUser", "gh_account", "谢谢 😀", clock.GetUtcNow());

        var encrypted = crypto.EncryptReply(reply, "1590219412", clock);

        var xml = XElement.Parse(encrypted.Body);
        Assert.That(xml.Elements().Select(e => e.Name.LocalName), Is.EqualTo(new[] { "Encrypt", "MsgSignature", "TimeStamp", "Nonce" }));
        Assert.That((string?)xml.Element("TimeStamp"), Is.EqualTo("1715943330"));
        Assert.That((string?)xml.Element("Nonce"), Is.EqualTo("1590219412"));
        Assert.That(crypto.VerifyAndDecrypt((string?)xml.Element("MsgSignature"), "1715943330", "1590219412", (string?)xml.Element("Encrypt")),
            Is.EqualTo(reply.Body));
        Assert.That(encrypted.ContentType, Is.EqualTo(WeChatReply.XmlContentType));
    }

    [Test]
    public void SuccessIsNotEncrypted()
    {
        var crypto = new WeChatMessageCrypto(Token, Key, AppId);

        Assert.That(crypto.EncryptReply(WeChatReply.Success, "1", TimeProvider.System), Is.SameAs(WeChatReply.Success));
    }

    [Test]
    public void HostileNonceCannotBreakTheEnvelopeXml()
    {
        var crypto = new WeChatMessageCrypto(Token, Key, AppId);

        var xml = XElement.Parse(crypto.BuildEncryptedReplyXml("<xml/>", "1]]><x>\u0001", 1));

        var nonce = (string?)xml.Element("Nonce");
        Assert.That(nonce, Is.EqualTo("1]]><x>"));
        Assert.That(WeChatSignature.VerifyMessageSignature(Token, "1", nonce, (string?)xml.Element("Encrypt"), (string?)xml.Element("MsgSignature")), Is.True);
    }

    [Test]
    public void LoneSurrogateInAMessageToEncryptIsRefused()
    {
        var crypto = new WeChatMessageCrypto(Token, Key, AppId);

        Assert.That(() => crypto.Encrypt("bad \uD800 text"), Throws.ArgumentException.With.InnerException.TypeOf<System.Text.EncoderFallbackException>());
    }
}
