using WeChatWish.Api.Intake;

namespace WeChatWish.Tests.Intake;

/// <summary>What people type and say, read the way a person would read it.</summary>
public sealed class ChineseInputTests
{
    [TestCase("八十", 80)]
    [TestCase("十五", 15)]
    [TestCase("一百五", 150)]
    [TestCase("一百五十", 150)]
    [TestCase("一百零五", 105)]
    [TestCase("两百", 200)]
    [TestCase("三千二", 3200)]
    [TestCase("一万", 10000)]
    [TestCase("五", 5)]
    public void ChineseNumeralsAreRead(string text, int expected) => Assert.That(ChineseInput.ChineseNumber(text), Is.EqualTo(expected));

    [TestCase("80", "80")]
    [TestCase("８０元", "80")]
    [TestCase("80.5元", "80.5")]
    [TestCase("大概一百五十块钱", "150")]
    [TestCase("一块手表80元", "80")]
    [TestCase("两百左右", "200")]
    [TestCase("想要一台冰箱", null)]
    [TestCase("不知道", null)]
    public void AmountsAreFoundInAnswers(string text, string? expected) =>
        Assert.That(ChineseInput.Amount(ChineseInput.Normalize(text)), Is.EqualTo(expected is null ? null : decimal.Parse(expected)));

    [TestCase("138 1234 5678", "13812345678")]
    [TestCase("+86 138-1234-5678", "13812345678")]
    [TestCase("一三八一二三四五六七八", "13812345678")]
    [TestCase("幺三八 幺二三四 五六七八", "13812345678")]
    [TestCase("１３８１２３４５６７８", "13812345678")]
    public void PhoneNumbersAreReadAsDigits(string text, string expected) =>
        Assert.That(ChineseInput.PhoneDigits(ChineseInput.Normalize(text)), Is.EqualTo(expected));

    [TestCase("3", 3)]
    [TestCase("三", 3)]
    [TestCase("第3个", 3)]
    [TestCase("3号", 3)]
    [TestCase("３。", 3)]
    [TestCase("鼓楼", null)]
    public void ChoicesAreNumbersOrNumerals(string text, int? expected) =>
        Assert.That(ChineseInput.ChoiceNumber(ChineseInput.Normalize(text)), Is.EqualTo(expected));

    [TestCase("心愿", CommandKind.Start, "")]
    [TestCase("许愿：想要书包 80元", CommandKind.Start, "想要书包 80元")]
    [TestCase("查询。", CommandKind.Progress, "")]
    [TestCase("进度", CommandKind.Progress, "")]
    [TestCase("帮助", CommandKind.Help, "")]
    [TestCase("HELP", CommandKind.Help, "")]
    [TestCase("取消", CommandKind.Cancel, "")]
    [TestCase("取消 w202612-0001", CommandKind.Cancel, "W202612-0001")]
    [TestCase("取消W2026120001", CommandKind.Cancel, "W202612-0001")]
    [TestCase("取消这个心愿", CommandKind.None, "")]
    [TestCase("王秀英", CommandKind.None, "")]
    public void KeywordsWorkTypedOrSpoken(string text, CommandKind kind, string rest) =>
        Assert.That(IntakeCommands.Parse(ChineseInput.Normalize(text)), Is.EqualTo(new IntakeCommand(kind, rest)));

    [TestCase("想要一个书包", "goods")]
    [TestCase("家里电视坏了，想请人修一修", "service")]
    [TestCase("希望有人辅导孩子功课", "service")]
    [TestCase("想要一台收音机", "goods")]
    public void TheKindIsGuessedFromTheWords(string content, string kind) => Assert.That(DraftSteps.GuessKind(content), Is.EqualTo(kind));
}
