using WeChatWish.Api.Intake;

namespace WeChatWish.Tests.Intake;

/// <summary>Every refusal says what to send instead, and the draft keeps everything said before it.</summary>
public sealed class ValidationTests : IntakeTestBase
{
    private async Task<WeChatUser> AtStepAsync(string openId, int answered)
    {
        var user = User(openId);
        await user.SayAsync("心愿");
        foreach (var answer in new[] { "4", "1", "王秀英", "13812345678", "想要一个电暖器", "150" }.Take(answered)) await user.SayAsync(answer);
        return user;
    }

    [TestCase("10", TestName = "CategoryNumberOutOfRange")]
    [TestCase("有钱人", TestName = "CategoryNotInTheList")]
    public async Task UnknownCategoryShowsTheListAgain(string answer)
    {
        var user = await AtStepAsync("o_cat", 0);
        var reply = await user.SayAsync(answer);
        Assert.That(reply, Does.Contain("请从列表中选择受助人类别").And.Contain("9 其他"));
        Assert.That(await user.SayAsync("4"), Does.Contain("哪个区"), "the step is asked until answered");
    }

    [TestCase("7")]
    [TestCase("火星区")]
    public async Task UnknownDistrictShowsTheListAgain(string answer)
    {
        var user = await AtStepAsync("o_district", 1);
        Assert.That(await user.SayAsync(answer), Does.Contain("请从列表中选择所在区").And.Contain("1 鼓楼区"));
        Assert.That(await user.SayAsync("1"), Does.Contain("姓名"));
    }

    [Test]
    public async Task NameTooLongOrANumberIsRefused()
    {
        var user = await AtStepAsync("o_name", 2);
        Assert.That(await user.SayAsync(new string('王', 51)), Does.Contain("姓名请不要超过50个字"));
        Assert.That(await user.SayAsync("13812345678"), Is.EqualTo(IntakeTexts.NameNotNumber));
        Assert.That(await user.SayAsync("王秀英"), Does.Contain("手机号码"));
    }

    [TestCase("12812345678")]
    [TestCase("1381234567")]
    [TestCase("025-83451234")]
    [TestCase("没有手机")]
    public async Task PhoneMustBeAMainlandMobile(string phone)
    {
        var user = await AtStepAsync("o_phone", 3);
        var reply = await user.SayAsync(phone);
        Assert.That(reply, Does.Contain("手机号码").And.Not.Contain("您的心愿"));
        Assert.That(await user.SayAsync("+86 138-1234-5678"), Does.Contain("请说说您的心愿"));
    }

    [Test]
    public async Task WishTextMustBeTwoToTwoHundredCharacters()
    {
        var user = await AtStepAsync("o_content", 4);
        Assert.That(await user.SayAsync("书"), Does.Contain("心愿内容至少2个字"));
        Assert.That(await user.SayAsync(new string('书', 201)), Does.Contain("心愿内容请不要超过200个字"));
        Assert.That(await user.SayAsync("想要书"), Does.Contain("多少钱"));
    }

    [TestCase("不知道", "请填写大概需要多少钱")]
    [TestCase("0", "请填写大概需要多少钱")]
    [TestCase("600", "不能超过500元")]
    [TestCase("80.123", "最多保留两位小数")]
    public async Task CostMustBeAnAmountWithinTheHardLimit(string cost, string message)
    {
        var user = await AtStepAsync("o_cost", 5);
        Assert.That(await user.SayAsync(cost), Does.Contain(message));
        var summary = await user.SayAsync("500");
        Assert.That(summary, Does.Contain("3 姓名：王秀英").And.Contain("6 费用：约500元"), "earlier answers were kept");
    }

    [Test]
    public async Task AtMostNinePhotos()
    {
        var user = await AtStepAsync("o_photos", 6);
        for (var i = 1; i <= 9; i++) await user.SendPhotoAsync($"m{i}");
        Assert.That(await user.SendPhotoAsync("m10"), Does.Contain("最多9张"));
        await user.SayAsync("确认");
        Assert.That((await WishesOfAsync("o_photos")).Single().Photos, Has.Count.EqualTo(9));
    }

    [Test]
    public async Task KindMustBeOneOfTheTwo()
    {
        var user = await AtStepAsync("o_kind", 6);
        await user.SayAsync("修改 7");
        Assert.That(await user.SayAsync("3"), Does.Contain("请选择需要物品").And.Contain("2 服务"));
        Assert.That(await user.SayAsync("服务"), Does.Contain("7 类型：服务"));
    }
}
