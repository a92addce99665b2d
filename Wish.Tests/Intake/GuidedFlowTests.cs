using WeChatWish.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Intake;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Intake;

[TestFixture(RedisTopology.Single)]
[TestFixture(RedisTopology.Cluster)]
public sealed class GuidedFlowTests(RedisTopology topology) : IntakeTestBase(topology)
{
    [Test]
    public async Task EveryStepIsAskedInTurnAndConfirmingSubmitsTheWish()
    {
        var user = User("o_wang");

        var reply = await user.SayAsync("心愿");
        Assert.That(reply, Does.Contain("您属于哪一类").And.Contain("4 孤寡老人"));
        Assert.That(await user.SayAsync("4"), Does.Contain("您住在哪个区").And.Contain("1 鼓楼区"));
        Assert.That(await user.SayAsync("鼓楼"), Does.Contain("姓名"));
        Assert.That(await user.SayAsync("王秀英"), Does.Contain("手机号码"));
        Assert.That(await user.SayAsync("138 1234 5678"), Does.Contain("您的心愿"));
        Assert.That(await user.SayAsync("想要一个电暖器过冬"), Does.Contain("多少钱"));
        var summary = await user.SayAsync("150元");
        Assert.That(summary, Does.Contain("1 类别：孤寡老人").And.Contain("2 所在区：鼓楼区").And.Contain("3 姓名：王秀英")
            .And.Contain("4 手机：13812345678").And.Contain("5 心愿：想要一个电暖器过冬").And.Contain("6 费用：约150元")
            .And.Contain("7 类型：物品").And.Contain("确认"));

        var done = await user.SayAsync("确认");

        Assert.That(done, Does.Contain("心愿已提交，编号 W202612-0001"));
        var wish = (await WishesOfAsync("o_wang")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(wish.Code, Is.EqualTo("W202612-0001"));
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Submitted));
            Assert.That(wish.Channel, Is.EqualTo(WishChannel.Wechat));
            Assert.That(wish.Category, Is.EqualTo(WishCategory.ElderlyAlone));
            Assert.That(wish.DistrictCode, Is.EqualTo("gulou"));
            Assert.That(wish.Content, Is.EqualTo("想要一个电暖器过冬"));
            Assert.That(wish.EstimatedCost, Is.EqualTo(150m));
            Assert.That(wish.Kind, Is.EqualTo(WishKind.Goods));
            Assert.That(wish.Flags, Is.EqualTo(WishFlags.None));
            Assert.That(wish.SubmittedBy.Kind, Is.EqualTo(ActorKind.Beneficiary));
        });
        var (beneficiary, audit) = await DbAsync(async db => (
            await db.Beneficiaries.SingleAsync(b => b.Id == wish.BeneficiaryId),
            await db.AuditEntries.Where(a => a.EntityId == wish.Id.ToString()).Select(a => a.Action).ToListAsync()));
        Assert.That(beneficiary.OpenId, Is.EqualTo("o_wang"));
        Assert.That(beneficiary.Name, Is.EqualTo("王秀英"));
        Assert.That(beneficiary.Phone, Is.EqualTo("13812345678"));
        Assert.That(audit, Is.EqualTo(new[] { "wish.submitted" }));
    }

    [Test]
    public async Task StepsAcceptTheWordsInsteadOfTheNumbers()
    {
        var user = User("o_words");
        await user.SayAsync("许愿");
        Assert.That(await user.SayAsync("我是低保户"), Does.Contain("哪个区"));
        Assert.That(await user.SayAsync("住在秦淮区"), Does.Contain("姓名"));
        await user.SayAsync("我叫李建国");
        await user.SayAsync("一三九 零零零零 一一一一");
        await user.SayAsync("家里电视坏了，想请人修一修");
        var summary = await user.SayAsync("大概一百五十块钱");

        Assert.That(summary, Does.Contain("类别：低保户").And.Contain("所在区：秦淮区").And.Contain("姓名：李建国")
            .And.Contain("手机：13900001111").And.Contain("费用：约150元").And.Contain("类型：服务"));
        await user.SayAsync("好的");
        var wish = (await WishesOfAsync("o_words")).Single();
        Assert.That((wish.Category, wish.DistrictCode, wish.Kind), Is.EqualTo((WishCategory.Dibao, "qinhuai", WishKind.Service)));
    }

    [Test]
    public async Task CorrectionsChangeOneStepAndReturnToTheSummary()
    {
        var user = User("o_fix");
        await user.SayAsync("心愿");
        foreach (var answer in new[] { "4", "1", "王秀英", "13812345678", "想要一个电暖器", "150" }) await user.SayAsync(answer);

        Assert.That(await user.SayAsync("修改 5"), Does.Contain("请说说您的心愿"));
        Assert.That(await user.SayAsync("想要一床厚棉被"), Does.Contain("5 心愿：想要一床厚棉被").And.Contain("确认"));
        Assert.That(await user.SayAsync("改2"), Does.Contain("您住在哪个区"));
        Assert.That(await user.SayAsync("6"), Does.Contain("2 所在区：玄武区"));
        Assert.That(await user.SayAsync("修改 7"), Does.Contain("1 物品"));
        Assert.That(await user.SayAsync("2"), Does.Contain("7 类型：服务"));
        Assert.That(await user.SayAsync("修改"), Does.Contain("序号"));
        Assert.That(await user.SayAsync("修改 9"), Does.Contain("序号"));
        Assert.That(await user.SayAsync("嗯嗯"), Is.EqualTo(IntakeTexts.ConfirmHow), "anything else at the summary says how to answer");
        await user.SayAsync("修改 3");
        Assert.That(await user.SayAsync("确认"), Does.Contain(IntakeTexts.NotFinished).And.Contain("姓名"), "确认 is nobody's name");
        await user.SayAsync("王秀英");

        await user.SayAsync("确认");

        var wish = (await WishesOfAsync("o_fix")).Single();
        Assert.That((wish.Content, wish.DistrictCode, wish.Kind), Is.EqualTo(("想要一床厚棉被", "xuanwu", WishKind.Service)));
    }

    [Test]
    public async Task VoiceMessagesAreReadFromTheirRecognition()
    {
        var user = User("o_voice");
        Assert.That(await user.SpeakAsync("心愿。"), Does.Contain("您属于哪一类"));
        await user.SpeakAsync("四。");
        await user.SpeakAsync("鼓楼区。");
        await user.SpeakAsync("张桂兰。");
        await user.SpeakAsync("一三八一二三四五六七八。");
        Assert.That(await user.SpeakAsync(null), Does.Contain("没听清").And.Contain("您的心愿"), "no recognition: asked again, draft kept");
        await user.SpeakAsync("想要一台收音机，平时听听戏。");
        var summary = await user.SpeakAsync("八十块钱。");

        Assert.That(summary, Does.Contain("5 心愿：想要一台收音机，平时听听戏").And.Contain("6 费用：约80元"));
        Assert.That(await user.SpeakAsync("确认。"), Does.Contain("心愿已提交"));
        var wish = (await WishesOfAsync("o_voice")).Single();
        Assert.That((wish.Content, wish.EstimatedCost), Is.EqualTo(("想要一台收音机，平时听听戏", 80m)));
    }

    [Test]
    public async Task PhotosSentDuringTheDraftAreSubmittedWithIt()
    {
        var user = User("o_photo");
        await user.SayAsync("心愿");
        await user.SayAsync("3");
        Assert.That(await user.SendPhotoAsync("media-1", "http://mmbiz.qpic.cn/a.jpg"), Does.Contain("照片收到了（共1张）").And.Contain("哪个区"));
        await user.SendPhotoAsync("media-2", "http://mmbiz.qpic.cn/b.jpg");
        foreach (var answer in new[] { "2", "刘小明", "13812345678", "想要一个新书包", "80" }) await user.SayAsync(answer);
        Assert.That(await user.SayAsync("修改 6"), Does.Contain("多少钱"));
        Assert.That(await user.SayAsync("90"), Does.Contain("照片：2张"));

        await user.SayAsync("确认");

        var wish = (await WishesOfAsync("o_photo")).Single();
        Assert.That(wish.Photos.Select(p => (p.MediaId, p.Url)), Is.EqualTo(new[]
        {
            ((string?)"media-1", "http://mmbiz.qpic.cn/a.jpg"), ("media-2", "http://mmbiz.qpic.cn/b.jpg"),
        }));
    }

    [Test]
    public async Task MenuClicksReachTheSameFlows()
    {
        var user = User("o_menu");
        Assert.That(await user.ClickAsync(IntakeCommands.MenuHelp), Does.Contain("心愿 — 留下一个小心愿").And.Contain(Hotline));
        Assert.That(await user.ClickAsync(IntakeCommands.MenuProgress), Does.Contain("还没有提交过心愿"));
        Assert.That(await user.ClickAsync(IntakeCommands.MenuNewWish), Does.Contain("您属于哪一类"));
        Assert.That(await user.ClickAsync(IntakeCommands.MenuNewWish), Does.Contain("您正在填写心愿").And.Contain("您属于哪一类"));
        Assert.That(await user.ClickAsync("SOMETHING_ELSE"), Does.Contain("心愿 — 留下一个小心愿").And.Contain("您正在填写心愿"));
    }

    [Test]
    public async Task HelpAndAnythingUnrecognisedOutsideADraftGiveTheMenu()
    {
        var user = User("o_hello");
        var menu = await user.SayAsync("你好");
        Assert.That(menu, Does.Contain("心愿 — 留下一个小心愿").And.Contain("查询").And.Contain(Hotline));
        Assert.That(await user.SayAsync("帮助"), Is.EqualTo(menu));
        Assert.That(await user.SpeakAsync(null), Is.EqualTo(menu));
        Assert.That(await user.SendAsync(IntakePush.Location("o_hello"), "（位置）"), Is.EqualTo(menu));

        await user.SayAsync("心愿");
        Assert.That(await user.SayAsync("帮助"), Does.Contain("您正在填写心愿").And.Contain("您属于哪一类"), "help inside a draft repeats the question");
        Assert.That(await user.SendAsync(IntakePush.Location("o_hello"), "（位置）"), Does.Contain("只能收文字").And.Contain("您属于哪一类"));
    }
}
