using WeChatWish.Api.Notifications;

namespace WeChatWish.Tests.Notifications;

public sealed class TemplateTextTests
{
    [TestCase("短文本", "短文本")]
    [TestCase("一二三四五六七八九十一二三四五六七八九十多", "一二三四五六七八九十一二三四五六七八九十")]
    // 19 characters then an emoji outside the BMP (a surrogate pair): kept whole as the 20th.
    [TestCase("一二三四五六七八九十一二三四五六七八九😀尾", "一二三四五六七八九十一二三四五六七八九😀")]
    // A family emoji (ZWJ sequence) and e + combining acute count as one character each.
    [TestCase("一二三四五六七八九十一二三四五六七八👨‍👩‍👧é尾巴", "一二三四五六七八九十一二三四五六七八👨‍👩‍👧é")]
    public void CutKeepsTwentyWholeCharacters(string value, string expected) =>
        Assert.That(TemplateText.Cut(value), Is.EqualTo(expected));

    [Test]
    public void MapRenamesKnownFieldsAndCutsEveryValue()
    {
        var mapped = TemplateText.Map(new Dictionary<string, string> { ["code"] = "W1", ["raw"] = new string('字', 25) },
            new Dictionary<string, string> { ["code"] = "keyword1" });
        Assert.That(mapped, Is.EquivalentTo(new Dictionary<string, string> { ["keyword1"] = "W1", ["raw"] = new string('字', 20) }));
    }
}
