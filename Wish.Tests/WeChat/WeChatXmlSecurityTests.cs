using System.Text;
using NUnit.Framework.Constraints;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Tests.WeChat;

/// <summary>Hostile or broken bodies end in WeChatXmlException, never another exception and never an entity expansion.</summary>
public sealed class WeChatXmlSecurityTests
{
    private const string Xxe = """
        <?xml version="1.0"?>
        <!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime>
        <MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>
        """;

    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE xml [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <xml><Encrypt>&lol9;</Encrypt></xml>
        """;

    private const string ExternalDtd = """<!DOCTYPE xml SYSTEM "http://attacker.example/evil.dtd"><xml><Encrypt>a</Encrypt></xml>""";

    private static Constraint Refused(WeChatXmlError reason) =>
        Throws.TypeOf<WeChatXmlException>().With.Property(nameof(WeChatXmlException.Reason)).EqualTo(reason);

    [TestCase(Xxe)]
    [TestCase(BillionLaughs)]
    [TestCase(ExternalDtd)]
    public void DocumentTypeDeclarationsAreRefused(string xml)
    {
        // The reader's own message proves the DTD itself was refused, not something after it.
        Assert.That(() => WeChatMessageParser.Parse(xml), Refused(WeChatXmlError.Malformed).And.Message.Contains("DTD"));
        Assert.That(() => WeChatMessageParser.ParseEnvelope(xml), Refused(WeChatXmlError.Malformed));
    }

    [TestCase("")]
    [TestCase("success")]
    [TestCase("<xml><Encrypt>a</Encrypt>")]
    [TestCase("<xml><Encrypt>a</Encrypt></xml><xml/>")]
    [TestCase("<notxml><Encrypt>a</Encrypt></notxml>")]
    [TestCase("<xml><Encrypt>&unknown;</Encrypt></xml>")]
    [TestCase("<xml><Encrypt>\u0001</Encrypt></xml>")]
    public void MalformedXmlIsRefused(string xml)
    {
        Assert.That(() => WeChatMessageParser.ParseEnvelope(xml), Refused(WeChatXmlError.Malformed));
    }

    [TestCase("<xml><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>", WeChatXmlError.MissingField)]
    [TestCase("<xml><ToUserName>gh</ToUserName><FromUserName> </FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>", WeChatXmlError.MissingField)]
    [TestCase("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime></xml>", WeChatXmlError.MissingField)]
    [TestCase("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>", WeChatXmlError.InvalidField)]
    [TestCase("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>99999999999999999</CreateTime><MsgType>text</MsgType></xml>", WeChatXmlError.InvalidField)]
    [TestCase("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgId>1e3</MsgId></xml>", WeChatXmlError.InvalidField)]
    [TestCase("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>location</MsgType><Location_X>NaN</Location_X><Location_Y>1</Location_Y><Scale>1</Scale></xml>", WeChatXmlError.InvalidField)]
    [TestCase("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>", WeChatXmlError.MissingField)]
    public void PushWithoutUsableCommonFieldsIsRefused(string xml, WeChatXmlError reason)
    {
        Assert.That(() => WeChatMessageParser.Parse(xml), Refused(reason));
    }

    [Test]
    public void BodyOverSixtyFourKilobytesIsRefusedFromAStream()
    {
        var body = Encoding.UTF8.GetBytes("<xml><Encrypt>" + new string('A', WeChatXml.MaxBodyBytes) + "</Encrypt></xml>");

        Assert.That(async () => await WeChatMessageParser.ParseEnvelopeAsync(new MemoryStream(body)), Refused(WeChatXmlError.TooLarge));
        Assert.That(async () => await WeChatMessageParser.ParseAsync(new MemoryStream(body)), Refused(WeChatXmlError.TooLarge));
    }

    [Test]
    public async Task BodyOfExactlySixtyFourKilobytesIsAccepted()
    {
        const string open = "<xml><Encrypt>", close = "</Encrypt></xml>";
        var body = Encoding.UTF8.GetBytes(open + new string('A', WeChatXml.MaxBodyBytes - open.Length - close.Length) + close);
        Assert.That(body, Has.Length.EqualTo(WeChatXml.MaxBodyBytes));

        var envelope = await WeChatMessageParser.ParseEnvelopeAsync(new MemoryStream(body));

        Assert.That(envelope.Encrypt, Has.Length.EqualTo(WeChatXml.MaxBodyBytes - open.Length - close.Length));
    }

    [Test]
    public void StringOverTheLimitIsRefusedToo()
    {
        var xml = "<xml><Encrypt>" + new string('A', WeChatXml.MaxBodyBytes) + "</Encrypt></xml>";

        Assert.That(() => WeChatMessageParser.ParseEnvelope(xml), Throws.TypeOf<WeChatXmlException>());
    }

    [Test]
    public void EndlessStreamIsCutOffJustPastTheLimit()
    {
        var endless = new EndlessStream();

        Assert.That(async () => await WeChatXml.ReadBodyAsync(endless), Refused(WeChatXmlError.TooLarge));
        Assert.That(endless.BytesRead, Is.EqualTo(WeChatXml.MaxBodyBytes + 1));
    }

    [Test]
    public void BodyThatIsNotUtf8IsRefused()
    {
        var body = new byte[] { 0x3C, 0x78, 0x6D, 0x6C, 0x3E, 0xC3, 0x28, 0x3C, 0x2F, 0x78, 0x6D, 0x6C, 0x3E };

        Assert.That(async () => await WeChatMessageParser.ParseEnvelopeAsync(new MemoryStream(body)), Refused(WeChatXmlError.Malformed));
    }

    [Test]
    public async Task RandomBytesOnlyEverFailWithWeChatXmlException()
    {
        var random = new Random(RandomText.Seed);
        var untyped = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            var body = i % 2 == 0
                ? new byte[random.Next(0, 300)]
                : Encoding.UTF8.GetBytes("<xml><MsgType>" + RandomText.Unicode(random, 60) + "</MsgType>" + RandomText.Unicode(random, 60) + "</xml>");
            if (i % 2 == 0) random.NextBytes(body);
            try { await WeChatMessageParser.ParseAsync(new MemoryStream(body)); }
            catch (WeChatXmlException) { }
            catch (Exception e) { untyped.Add($"{i}: {e.GetType().Name}: {e.Message}"); }
        }

        Assert.That(untyped, Is.Empty);
    }

    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, 1000);
            buffer.AsSpan(offset, n).Fill((byte)'A');
            BytesRead += n;
            return n;
        }
    }
}
