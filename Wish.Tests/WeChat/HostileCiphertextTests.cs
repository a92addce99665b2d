using System.Text;
using WeChatWish.WeChat.Crypto;

namespace WeChatWish.Tests.WeChat;

/// <summary>Everything an attacker or a broken peer can send must end in a typed WeChatCryptoException.</summary>
public sealed class HostileCiphertextTests
{
    private const string Token = "WishToken";
    private const string AppId = "wx0123456789abcdef";
    private const string Key = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static readonly byte[] Message = "<xml/>"u8.ToArray();
    private static readonly byte[] FixedPrefix = "0123456789abcdef"u8.ToArray();

    private readonly WeChatMessageCrypto _crypto = new(Token, Key, AppId);

    private static int Unpadded => 20 + Message.Length + AppId.Length;

    private static WeChatCryptoError? ReasonFor(Func<string> decrypt)
    {
        try { decrypt(); return null; }
        catch (WeChatCryptoException e) { return e.Reason; }
    }

    private WeChatCryptoError? DecryptFrame(byte[] frame) => ReasonFor(() => _crypto.Decrypt(CryptoFrames.RawEncrypt(Key, frame)));

    [Test]
    public void HandBuiltFrameWithCorrectPaddingDecrypts()
    {
        var frame = CryptoFrames.Frame((uint)Message.Length, Message, AppId, CryptoFrames.Pad(Unpadded));

        Assert.That(_crypto.Decrypt(CryptoFrames.RawEncrypt(Key, frame)), Is.EqualTo("<xml/>"));
    }

    [Test]
    public void PadByteOfZeroIsBadPadding()
    {
        var padding = CryptoFrames.Pad(Unpadded);
        padding[^1] = 0;

        Assert.That(DecryptFrame(CryptoFrames.Frame((uint)Message.Length, Message, AppId, padding)), Is.EqualTo(WeChatCryptoError.BadPadding));
    }

    [Test]
    public void PadByteAboveThirtyTwoIsBadPadding()
    {
        var padding = CryptoFrames.Pad(Unpadded);
        padding[^1] = 33;

        Assert.That(DecryptFrame(CryptoFrames.Frame((uint)Message.Length, Message, AppId, padding)), Is.EqualTo(WeChatCryptoError.BadPadding));
    }

    [Test]
    public void PadBytesThatDisagreeAreBadPadding()
    {
        var padding = CryptoFrames.Pad(Unpadded);
        Assert.That(padding, Has.Length.GreaterThan(1));
        padding[0] ^= 0x01;

        Assert.That(DecryptFrame(CryptoFrames.Frame((uint)Message.Length, Message, AppId, padding)), Is.EqualTo(WeChatCryptoError.BadPadding));
    }

    [Test]
    public void PadLongerThanTheWholeFrameIsBadPadding()
    {
        var frame = Enumerable.Repeat((byte)32, 16).ToArray();

        Assert.That(DecryptFrame(frame), Is.EqualTo(WeChatCryptoError.BadPadding));
    }

    [TestCase(uint.MaxValue)]
    [TestCase(0x8000_0000u)]
    [TestCase(6u + 18u + 1u)]
    public void LengthFieldBeyondTheBufferIsBadLength(uint declared)
    {
        Assert.That(DecryptFrame(CryptoFrames.Frame(declared, Message, AppId, CryptoFrames.Pad(Unpadded))), Is.EqualTo(WeChatCryptoError.BadLength));
    }

    [Test]
    public void FrameShorterThanItsHeaderIsBadLength()
    {
        Assert.That(DecryptFrame(Enumerable.Repeat((byte)32, 32).ToArray()), Is.EqualTo(WeChatCryptoError.BadLength));
        Assert.That(DecryptFrame([.. new byte[19], .. Enumerable.Repeat((byte)13, 13)]), Is.EqualTo(WeChatCryptoError.BadLength));
    }

    [Test]
    public void LengthFieldSwallowingTheAppIdIsAnAppIdMismatch()
    {
        var declared = (uint)(Message.Length + AppId.Length);

        Assert.That(DecryptFrame(CryptoFrames.Frame(declared, Message, AppId, CryptoFrames.Pad(Unpadded))), Is.EqualTo(WeChatCryptoError.AppIdMismatch));
    }

    [TestCase("wx0123456789abcde")]
    [TestCase("wx0123456789abcdef0")]
    [TestCase("WX0123456789ABCDEF")]
    [TestCase("")]
    public void MessageForAnotherAppIdIsRefused(string otherAppId)
    {
        var unpadded = 20 + Message.Length + Encoding.UTF8.GetByteCount(otherAppId);
        var frame = CryptoFrames.Frame((uint)Message.Length, Message, otherAppId, CryptoFrames.Pad(unpadded));

        Assert.That(DecryptFrame(frame), Is.EqualTo(WeChatCryptoError.AppIdMismatch));
    }

    [Test]
    public void MessageBytesThatAreNotUtf8AreBadEncoding()
    {
        byte[] notUtf8 = [0xC3, 0x28, 0xFF];
        var frame = CryptoFrames.Frame((uint)notUtf8.Length, notUtf8, AppId, CryptoFrames.Pad(20 + notUtf8.Length + AppId.Length));

        Assert.That(DecryptFrame(frame), Is.EqualTo(WeChatCryptoError.BadEncoding));
    }

    [TestCase("not base64!", WeChatCryptoError.BadBase64)]
    [TestCase("QUJD", WeChatCryptoError.BadBlockLength)]
    [TestCase("", WeChatCryptoError.BadBlockLength)]
    public void UndecodableCiphertextIsRefused(string encrypt, WeChatCryptoError reason)
    {
        Assert.That(ReasonFor(() => _crypto.Decrypt(encrypt)), Is.EqualTo(reason));
    }

    [Test]
    public void TruncatedCiphertextIsRefused()
    {
        var encrypt = _crypto.Encrypt(new string('x', 100), FixedPrefix);
        var bytes = Convert.FromBase64String(encrypt);

        Assert.That(ReasonFor(() => _crypto.Decrypt(encrypt[..^3])), Is.EqualTo(WeChatCryptoError.BadBase64), "cut inside a Base64 quantum");
        Assert.That(ReasonFor(() => _crypto.Decrypt(encrypt[..^4])), Is.EqualTo(WeChatCryptoError.BadBlockLength), "cut a whole Base64 quantum");
        Assert.That(ReasonFor(() => _crypto.Decrypt(Convert.ToBase64String(bytes[..^3]))), Is.EqualTo(WeChatCryptoError.BadBlockLength), "cut inside a block");
        Assert.That(ReasonFor(() => _crypto.Decrypt(Convert.ToBase64String(bytes[..^16]))), Is.Not.Null, "last block dropped");
        Assert.That(ReasonFor(() => _crypto.Decrypt(Convert.ToBase64String(bytes[..^32]))), Is.Not.Null, "last two blocks dropped");
        Assert.That(ReasonFor(() => _crypto.Decrypt(Convert.ToBase64String(bytes[16..]))), Is.Not.Null, "first block dropped");
    }

    [Test]
    public void AnyTamperedCiphertextFailsTheSignatureAndNeverThrowsAnythingUntyped()
    {
        var random = new Random(RandomText.Seed);
        var untyped = new List<string>();
        for (var i = 0; i < 500; i++)
        {
            var encrypt = _crypto.Encrypt(RandomText.Unicode(random, 120));
            var signature = WeChatSignature.ComputeMessageSignature(Token, "1700000000", "nonce", encrypt);
            var bytes = Convert.FromBase64String(encrypt);
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            var tampered = Convert.ToBase64String(bytes);

            Assert.That(ReasonFor(() => _crypto.VerifyAndDecrypt(signature, "1700000000", "nonce", tampered)), Is.EqualTo(WeChatCryptoError.BadSignature));
            try { ReasonFor(() => _crypto.Decrypt(tampered)); }
            catch (Exception e) { untyped.Add($"{i}: {e.GetType().Name}"); }
        }

        Assert.That(untyped, Is.Empty);
    }

    [Test]
    public void RandomCiphertextAndRandomLengthFieldsOnlyEverFailWithATypedReason()
    {
        var random = new Random(RandomText.Seed);
        var untyped = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            var garbage = new byte[16 * random.Next(1, 12)];
            random.NextBytes(garbage);
            var body = new byte[random.Next(0, 40)];
            random.NextBytes(body);
            var frame = CryptoFrames.Frame((uint)random.NextInt64(0, uint.MaxValue + 1L), body, AppId, CryptoFrames.Pad(20 + body.Length + AppId.Length));
            foreach (var encrypt in new[] { Convert.ToBase64String(garbage), CryptoFrames.RawEncrypt(Key, frame) })
            {
                try { ReasonFor(() => _crypto.Decrypt(encrypt)); }
                catch (Exception e) { untyped.Add($"{i}: {e.GetType().Name}: {e.Message}"); }
            }
        }

        Assert.That(untyped, Is.Empty);
    }
}
