using System.Xml.Linq;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Tests.WeChat;

public sealed class WeChatReplyTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static WeChatTextMessage Incoming() => (WeChatTextMessage)WeChatMessageParser.Parse("""
        <xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[oUser]]></FromUserName>
        <CreateTime>1699999999</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>1</MsgId></xml>
        """);

    // XElement.Parse checks characters and well-formedness independently of the code under test.
    private static string ContentOf(WeChatReply reply) => (string)XElement.Parse(reply.Body).Element("Content")!;

    [Test]
    public void TextReplyGoesBackToTheSenderFromTheAccount()
    {
        var reply = WeChatReply.Text(Incoming(), "心愿已认领 😀", Now);

        var parsed = (WeChatTextMessage)WeChatMessageParser.Parse(reply.Body);
        Assert.That((parsed.ToUserName, parsed.FromUserName, parsed.Content), Is.EqualTo(("oUser", "gh_account", "心愿已认领 😀")));
        Assert.That(parsed.CreateTime, Is.EqualTo(Now));
        Assert.That(parsed.MsgId, Is.Null);
        Assert.That((reply.IsSuccess, reply.ContentType), Is.EqualTo((false, WeChatReply.XmlContentType)));
    }

    [TestCase("]]>")]
    [TestCase("a]]>b]]>c")]
    [TestCase("]]]]>>")]
    [TestCase("<![CDATA[x]]>")]
    [TestCase("</Content></xml><xml>")]
    public void ContentThatClosesCDataStaysInsideTheContent(string content)
    {
        Assert.That(ContentOf(WeChatReply.Text("oUser", "gh_account", content, Now)), Is.EqualTo(content));
    }

    [Test]
    public void CharactersIllegalInXmlAreStripped()
    {
        var reply = WeChatReply.Text("oUser", "gh_account", "a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\uFFFEh\uFFFFi\uD800j\uDC00k\tl\nm", Now);

        Assert.That(ContentOf(reply), Is.EqualTo("abcdefghijk\tl\nm"));
    }

    [Test]
    public void CarriageReturnsBecomeTheNewlinesAnyParserWouldSee()
    {
        Assert.That(ContentOf(WeChatReply.Text("oUser", "gh_account", "a\r\nb\rc", Now)), Is.EqualTo("a\nb\nc"));
        Assert.That(WeChatXml.SanitizeText("a\r\nb\rc"), Is.EqualTo("a\nb\nc"));
    }

    [Test]
    public void RandomContentParsesBackAsItsSanitisedSelf()
    {
        var random = new Random(RandomText.Seed);
        for (var i = 0; i < 500; i++)
        {
            var content = RandomText.Unicode(random, 200);
            var reply = WeChatReply.Text("oUser", "gh_account", content, Now);
            var expected = WeChatXml.SanitizeText(content);

            if (string.IsNullOrWhiteSpace(expected)) Assert.That(reply, Is.SameAs(WeChatReply.Success), $"iteration {i}");
            else Assert.That(ContentOf(reply), Is.EqualTo(expected), $"iteration {i}");
        }
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\r\n\t")]
    [TestCase("\u0001\u0002")]
    [TestCase(" \uFFFF ")]
    [TestCase(null)]
    public void BlankTextReplyBecomesSuccess(string? content)
    {
        var reply = WeChatReply.Text("oUser", "gh_account", content!, Now);

        Assert.That(reply, Is.SameAs(WeChatReply.Success));
        Assert.That((reply.Body, reply.ContentType, reply.IsSuccess), Is.EqualTo(("success", WeChatReply.TextContentType, true)));
    }

    [Test]
    public void NewsReplyCarriesOneArticle()
    {
        var article = new WeChatArticle("新的心愿 ]]> 等你认领", "一双\u0001冬鞋", "https://wish.example/w/42?a=1&b=2", "https://wish.example/p.jpg");

        var xml = XElement.Parse(WeChatReply.News(Incoming(), article, Now).Body);

        var item = xml.Element("Articles")!.Element("item")!;
        Assert.That((string?)xml.Element("MsgType"), Is.EqualTo("news"));
        Assert.That((string?)xml.Element("ToUserName"), Is.EqualTo("oUser"));
        Assert.That((int?)xml.Element("ArticleCount"), Is.EqualTo(1));
        Assert.That((string?)item.Element("Title"), Is.EqualTo("新的心愿 ]]> 等你认领"));
        Assert.That((string?)item.Element("Description"), Is.EqualTo("一双冬鞋"));
        Assert.That((string?)item.Element("Url"), Is.EqualTo("https://wish.example/w/42?a=1&b=2"));
        Assert.That((string?)item.Element("PicUrl"), Is.EqualTo("https://wish.example/p.jpg"));
    }

    [Test]
    public void NewsReplyNeedsATitleAndAUrl()
    {
        Assert.That(() => WeChatReply.News("oUser", "gh", new WeChatArticle(" \u0001", "d", "https://x"), Now), Throws.ArgumentException);
        Assert.That(() => WeChatReply.News("oUser", "gh", new WeChatArticle("t", "d", ""), Now), Throws.ArgumentException);
    }

    [Test]
    public void HostileUserNamesCannotBreakTheReplyXml()
    {
        var reply = WeChatReply.Text("o]]><x/>", "gh\u0001", "hi", Now);

        var xml = XElement.Parse(reply.Body);
        Assert.That(((string?)xml.Element("ToUserName"), (string?)xml.Element("FromUserName")), Is.EqualTo(("o]]><x/>", "gh")));
    }
}
