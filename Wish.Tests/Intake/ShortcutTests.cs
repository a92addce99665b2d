using WeChatWish.Domain;

namespace WeChatWish.Tests.Intake;

public sealed class ShortcutTests : IntakeTestBase
{
    [Test]
    public async Task OneLineFillsTheWishAndCostAndAsksOnlyForWhatIsMissing()
    {
        var user = User("o_short");

        var reply = await user.SayAsync("心愿 想要一个书包 80元");

        Assert.That(reply, Does.Contain("您属于哪一类"));
        await user.SayAsync("3");
        await user.SayAsync("2");
        await user.SayAsync("刘小明");
        var summary = await user.SayAsync("13812345678");
        Assert.That(summary, Does.Contain("5 心愿：想要一个书包").And.Contain("6 费用：约80元").And.Contain("确认"),
            "the wish and cost were not asked again");
        await user.SayAsync("确认");

        var wish = (await WishesOfAsync("o_short")).Single();
        Assert.That((wish.Content, wish.EstimatedCost, wish.Category), Is.EqualTo(("想要一个书包", 80m, WishCategory.PoorStudent)));
    }

    [TestCase("心愿 想要一块手表 80元", "想要一块手表", "80")]
    [TestCase("许愿：想要一个书包，一百块", "想要一个书包", "100")]
    [TestCase("心愿想要一个取暖器 150", "想要一个取暖器", "150")]
    [TestCase("心愿 想要一个书包 13812345678 80元", "想要一个书包", "80")]
    public async Task ShortcutsInTheirUsualShapes(string line, string content, string cost)
    {
        var user = User("o_shapes");
        await user.SayAsync(line);
        foreach (var answer in new[] { "3", "2", "刘小明" }) await user.SayAsync(answer);
        var reply = line.Contains("138") ? await user.SayAsync("修改 4") : "";
        if (line.Contains("138")) Assert.That(reply, Does.Contain("手机号码"), "the phone was taken from the line");
        var summary = await user.SayAsync("13812345678");

        Assert.That(summary, Does.Contain($"5 心愿：{content}\n").And.Contain($"6 费用：约{cost}元"));
    }

    [Test]
    public async Task WhatTheShortcutCannotUseIsSaidAndAskedFor()
    {
        var user = User("o_short_bad");

        var reply = await user.SayAsync("心愿 想要一台冰箱 900元");

        Assert.That(reply, Does.Contain("不能超过500元").And.Contain("您属于哪一类"));
        foreach (var answer in new[] { "4", "1", "王秀英" }) await user.SayAsync(answer);
        Assert.That(await user.SayAsync("13812345678"), Does.Contain("多少钱"), "the wish was kept; the refused cost is asked for in its turn");
        Assert.That(await user.SayAsync("想要一台小冰箱"), Does.Contain("请填写大概需要多少钱"), "words without a number are no amount");
        Assert.That(await user.SayAsync("四百"), Does.Contain("5 心愿：想要一台冰箱").And.Contain("6 费用：约400元"));
    }

    [Test]
    public async Task AShortcutDuringADraftFillsTheDraft()
    {
        var user = User("o_short_mid");
        await user.SayAsync("心愿");
        await user.SayAsync("4");

        var reply = await user.SayAsync("心愿 想要一个电饭锅 120元");

        Assert.That(reply, Does.Contain("您住在哪个区"));
        foreach (var answer in new[] { "1", "王秀英" }) await user.SayAsync(answer);
        Assert.That(await user.SayAsync("13812345678"), Does.Contain("5 心愿：想要一个电饭锅").And.Contain("6 费用：约120元"));
    }
}
