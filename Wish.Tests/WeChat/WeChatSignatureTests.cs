using System.Security.Cryptography;
using System.Text;
using WeChatWish.WeChat.Crypto;

namespace WeChatWish.Tests.WeChat;

public sealed class WeChatSignatureTests
{
    private static string Sha1Hex(string text) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(text)));

    [Test]
    public void PartsAreSortedOrdinallySoUppercaseComesBeforeLowercase()
    {
        // Ordinal: "B" (0x42) < "a" (0x61); a culture-sensitive sort would give "aBc".
        Assert.That(WeChatSignature.ComputeUrlSignature("a", "B", "c"), Is.EqualTo(Sha1Hex("Bac")));
        Assert.That(WeChatSignature.ComputeMessageSignature("token", "1409304348", "Zz", "abc"), Is.EqualTo(Sha1Hex("1409304348Zzabctoken")));
    }

    [Test]
    public void SignatureIsFortyLowercaseHexCharacters()
    {
        var signature = WeChatSignature.ComputeMessageSignature("Token", "1", "2", "ENCRYPTED+/=");

        Assert.That(signature, Does.Match("^[0-9a-f]{40}$"));
    }

    [Test]
    public void VerificationAcceptsTheSignatureInEitherCase()
    {
        var signature = WeChatSignature.ComputeUrlSignature("tok", "1700000000", "42");

        Assert.That(WeChatSignature.VerifyUrlSignature("tok", "1700000000", "42", signature), Is.True);
        Assert.That(WeChatSignature.VerifyUrlSignature("tok", "1700000000", "42", signature.ToUpperInvariant()), Is.True);
    }

    [TestCase(null, "1", "2", "sig")]
    [TestCase("", "1", "2", "sig")]
    [TestCase("tok", null, "2", "sig")]
    [TestCase("tok", "", "2", "sig")]
    [TestCase("tok", "1", null, "sig")]
    [TestCase("tok", "1", "", "sig")]
    [TestCase("tok", "1", "2", null)]
    [TestCase("tok", "1", "2", "")]
    public void MissingUrlSignatureInputsAreRejectedWithoutThrowing(string? token, string? timestamp, string? nonce, string? signature)
    {
        var real = WeChatSignature.ComputeUrlSignature("tok", "1", "2");

        Assert.That(WeChatSignature.VerifyUrlSignature(token, timestamp, nonce, signature == "sig" ? real : signature), Is.False);
    }

    [Test]
    public void MissingMessageSignatureInputsAreRejectedWithoutThrowing()
    {
        var real = WeChatSignature.ComputeMessageSignature("tok", "1", "2", "enc");

        Assert.That(WeChatSignature.VerifyMessageSignature("tok", "1", "2", "enc", real), Is.True);
        Assert.That(WeChatSignature.VerifyMessageSignature(null, "1", "2", "enc", real), Is.False);
        Assert.That(WeChatSignature.VerifyMessageSignature("tok", "1", "2", null, real), Is.False);
        Assert.That(WeChatSignature.VerifyMessageSignature("tok", "1", "2", "", real), Is.False);
        Assert.That(WeChatSignature.VerifyMessageSignature("tok", "1", "2", "enc", null), Is.False);
        Assert.That(WeChatSignature.VerifyMessageSignature("tok", "1", "2", "enc", ""), Is.False);
    }

    [Test]
    public void MalformedSignaturesAreRejectedWithoutThrowing()
    {
        var real = WeChatSignature.ComputeUrlSignature("tok", "1", "2");

        Assert.That(WeChatSignature.VerifyUrlSignature("tok", "1", "2", real[..^1]), Is.False, "too short");
        Assert.That(WeChatSignature.VerifyUrlSignature("tok", "1", "2", real + "0"), Is.False, "too long");
        Assert.That(WeChatSignature.VerifyUrlSignature("tok", "1", "2", "zz" + real[2..]), Is.False, "not hex");
        Assert.That(WeChatSignature.VerifyUrlSignature("tok", "1", "2", " " + real[1..]), Is.False, "whitespace");
        Assert.That(WeChatSignature.VerifyUrlSignature("tok", "1", "2", "\uD800" + real[1..]), Is.False, "lone surrogate");
    }

    [Test]
    public void ChangingAnyInputChangesTheSignature()
    {
        var real = WeChatSignature.ComputeMessageSignature("tok", "1", "2", "enc");

        Assert.That(WeChatSignature.VerifyMessageSignature("toK", "1", "2", "enc", real), Is.False);
        Assert.That(WeChatSignature.VerifyMessageSignature("tok", "1", "3", "enc", real), Is.False);
        Assert.That(WeChatSignature.VerifyMessageSignature("tok", "1", "2", "enC", real), Is.False);
        Assert.That(WeChatSignature.VerifyMessageSignature("tok", "1", "2", "enc", real[..^1] + (real[^1] == '0' ? '1' : '0')), Is.False);
    }
}
